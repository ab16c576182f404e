/**
 * The resource form's model: the protocol's `Resource` fields as a form holds them (numbers as
 * typed text, the release rule as a switch and a number, the audience as a choice and houses),
 * and the conversion both ways. The limits are the protocol schema's own.
 */
import { z } from 'zod';
import { LocalTime, Resource } from '../../../domain/model.js';

const shape = Resource.shape;
const minutes = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const ResourceForm = z
  .strictObject({
    name: shape.name,
    pictogram: shape.pictogram,
    slotMinutes: minutes(5, 24 * 60),
    opening: z
      .array(
        z.strictObject({ weekday: z.number().int().min(0).max(6), from: LocalTime, to: LocalTime }),
      )
      .max(50),
    maxActivePerResident: minutes(1, 100),
    release: z.boolean(),
    releaseAfterMinutes: z.string(),
    audienceKind: z.enum(['all', 'groups']),
    groupIds: z.array(z.string()).max(100),
  })
  .superRefine((v, ctx) => {
    if (v.release) {
      const n = Number(v.releaseAfterMinutes);
      if (!Number.isInteger(n) || n < 1 || n > 24 * 60)
        ctx.addIssue({
          code: 'custom',
          path: ['releaseAfterMinutes'],
          message: 'Skriv et helt antal minutter fra 1 til 1440.',
        });
    }
    if (v.audienceKind === 'groups' && v.groupIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['groupIds'], message: 'Vælg mindst ét hus.' });
  });
export type ResourceFormInput = z.input<typeof ResourceForm>;
export type ResourceFormValues = z.output<typeof ResourceForm>;

export function formOf(r: Resource | null): ResourceFormInput {
  const release = r?.releaseAfterMinutes ?? null;
  return {
    name: r?.name ?? '',
    pictogram: r?.pictogram ?? null,
    slotMinutes: String(r?.slotMinutes ?? 60),
    opening:
      r?.opening.map((o) => ({ ...o })) ??
      [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:00', to: '20:00' })),
    maxActivePerResident: String(r?.maxActivePerResident ?? 2),
    release: release !== null,
    releaseAfterMinutes: String(release ?? 15),
    audienceKind: r?.audience.kind ?? 'all',
    groupIds: r?.audience.kind === 'groups' ? [...r.audience.groupIds] : [],
  };
}

export function resourceOf(id: string, v: ResourceFormValues): Resource {
  return {
    id,
    name: v.name,
    pictogram: v.pictogram,
    slotMinutes: v.slotMinutes,
    opening: v.opening,
    maxActivePerResident: v.maxActivePerResident,
    releaseAfterMinutes: v.release ? Number(v.releaseAfterMinutes) : null,
    audience:
      v.audienceKind === 'groups' ? { kind: 'groups', groupIds: v.groupIds } : { kind: 'all' },
  };
}
