/**
 * Consent per channel (wall screen, relatives' view, calendar feed): how a staff member's answer
 * for a resident becomes the recorded consent. Pure: the caller passes who records it and when.
 *
 * An answer that says what is recorded already (same `given`, same `by`) changes nothing, so
 * saving a form again does not move "when" or "who recorded it". `wallConsent` is always
 * `consent.wall.given`: it is what every reader of the wall rule reads.
 */
import type { Consent, ConsentChannel, ConsentRecord } from '../model.js';
import { consentChannels } from '../model.js';

export interface ConsentAnswer {
  given: boolean;
  /** The resident themselves, or a guardian on their behalf; null: not said (legacy input). */
  by: 'resident' | 'guardian' | null;
}

export type ConsentAnswers = Partial<Record<ConsentChannel, ConsentAnswer>>;

/** Not asked yet: not given, nobody recorded. */
export const NO_CONSENT: ConsentRecord = { given: false, by: null, recordedBy: null, at: null };

export const noConsent = (): Consent => ({
  wall: NO_CONSENT,
  relatives: NO_CONSENT,
  calendar: NO_CONSENT,
});

/** The consent a record stored before consent was per channel stands for (its wall flag). */
export function legacyConsent(wallConsent: boolean): Consent {
  return { ...noConsent(), wall: { ...NO_CONSENT, given: wallConsent } };
}

export interface ConsentChange {
  channel: ConsentChannel;
  record: ConsentRecord;
}

/**
 * The consent after `answers` were recorded by `recordedBy` at `at`, and the channels that
 * changed (for the history). Channels without an answer keep what they had.
 */
export function recordConsent(
  current: Consent,
  answers: ConsentAnswers,
  recordedBy: string,
  at: string,
): { consent: Consent; changes: ConsentChange[] } {
  const consent: Consent = { ...current };
  const changes: ConsentChange[] = [];
  for (const channel of consentChannels) {
    const answer = answers[channel];
    if (!answer) continue;
    const old = current[channel];
    if (old.given === answer.given && old.by === answer.by && old.at !== null) continue;
    const record: ConsentRecord = { given: answer.given, by: answer.by, recordedBy, at };
    consent[channel] = record;
    changes.push({ channel, record });
  }
  return { consent, changes };
}

/** The channels whose consent is given. */
export const givenChannels = (consent: Consent): ConsentChannel[] =>
  consentChannels.filter((c) => consent[c].given);
