/**
 * The resident form's values and how they become `resident.put` args. Consent is asked per
 * channel as one choice ("Ja, beboeren" / "Ja, en værge" / "Nej"); only channels whose choice
 * changed are sent, so saving a name does not re-record anyone's consent.
 */
import { z } from 'zod';
import {
  consentChannels,
  Id,
  MediaHash,
  Pictogram,
  Resident,
  type ConsentChannel,
  type ConsentRecord,
} from '../../../domain/model.js';
import type { MutationArgs } from '../../../protocol/index.js';

export const ConsentChoice = z.enum(['resident', 'guardian', 'no']);
export type ConsentChoice = z.infer<typeof ConsentChoice>;

export const ResidentForm = z.object({
  displayName: Resident.shape.displayName,
  photo: MediaHash.nullable(),
  pictogram: Pictogram,
  groupIds: z.array(Id).max(100),
  mealSignUp: z.boolean(),
  /** Relatives may sign up, cancel, book and answer meals for the resident (server enforces). */
  relativesMayAct: z.boolean(),
  wall: ConsentChoice,
  relatives: ConsentChoice,
  calendar: ConsentChoice,
  pin: z.string().regex(/^(\d{4,8})?$/, 'En PIN er 4 til 8 cifre'),
  removePin: z.boolean(),
});
export type ResidentFormValues = z.infer<typeof ResidentForm>;

/** A consent given without a recorded giver (stored before consent was per channel) shows as
 * the resident's; it is recorded anew only when staff change the choice. */
export const choiceOf = (r: ConsentRecord | undefined): ConsentChoice =>
  r?.given ? (r.by ?? 'resident') : 'no';

export function formValuesOf(r: Resident | undefined): ResidentFormValues {
  return {
    displayName: r?.displayName ?? '',
    photo: r?.photo ?? null,
    pictogram: r?.pictogram ?? null,
    groupIds: r?.groupIds ?? [],
    mealSignUp: r?.mealSignUp ?? true,
    relativesMayAct: r?.relativesMayAct ?? false,
    wall: choiceOf(r?.consent.wall),
    relatives: choiceOf(r?.consent.relatives),
    calendar: choiceOf(r?.consent.calendar),
    pin: '',
    removePin: false,
  };
}

export function residentArgs(
  id: string,
  v: ResidentFormValues,
  existing: Resident | undefined,
): MutationArgs<'resident.put'> {
  const consent: Partial<Record<ConsentChannel, { given: boolean; by: 'resident' | 'guardian' }>> =
    {};
  for (const c of consentChannels) {
    const before = existing?.consent[c];
    if (v[c] === choiceOf(before)) continue;
    consent[c] =
      v[c] === 'no' ? { given: false, by: before?.by ?? 'resident' } : { given: true, by: v[c] };
  }
  return {
    id,
    displayName: v.displayName,
    photo: v.photo,
    pictogram: v.pictogram,
    groupIds: v.groupIds,
    mealSignUp: v.mealSignUp,
    relativesMayAct: v.relativesMayAct,
    consent,
    ...(v.pin ? { pin: v.pin } : v.removePin ? { pin: null } : {}),
  };
}
