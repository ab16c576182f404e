/**
 * The demo's relative: Hanne Jensen, daughter of Anna (Birkehuset) and sister of Gitte
 * (Egehuset), so the relatives' page at /family/ shows a resident switcher. Both residents
 * consent to the relatives' view and the calendar; staff allow relatives to act for Anna only,
 * so both ways can be tried. A fresh password each demo start, printed like the admin's.
 */
import type { Kysely } from 'kysely';
import type { Consent } from '../../domain/model.js';
import { AccountError, createUser, setPassword } from '../auth/accounts.js';
import type { Database } from '../store/schema.js';

export const DEMO_RELATIVE = {
  username: 'hanne',
  displayName: 'Hanne Jensen',
  residentIds: ['r-anna', 'r-gitte'],
  /** Residents whose relatives staff allow to sign up, cancel and answer meals for them. */
  mayActFor: ['r-anna'],
} as const;

const isDemoRelativeOf = (residentId: string): boolean =>
  (DEMO_RELATIVE.residentIds as readonly string[]).includes(residentId);

/** The demo residents' consent: as before, plus relatives' view and calendar for Hanne's two. */
export function demoConsent(residentId: string, base: Consent, at: Date): Consent {
  if (!isDemoRelativeOf(residentId)) return base;
  const given = { given: true, by: 'resident' as const, recordedBy: null, at: at.toISOString() };
  return { ...base, relatives: given, calendar: given };
}

export const demoRelativesMayAct = (residentId: string): boolean =>
  (DEMO_RELATIVE.mayActFor as readonly string[]).includes(residentId);

/** Makes (or, on a reopened demo, re-passwords) the demo relative's login. */
export async function ensureDemoRelative(db: Kysely<Database>, password: string): Promise<void> {
  try {
    await createUser(db, {
      username: DEMO_RELATIVE.username,
      password,
      displayName: DEMO_RELATIVE.displayName,
      role: 'relative',
      residentIds: [...DEMO_RELATIVE.residentIds],
    });
  } catch (err) {
    if (!(err instanceof AccountError && err.code === 'exists')) throw err;
    await setPassword(db, DEMO_RELATIVE.username, password);
  }
}
