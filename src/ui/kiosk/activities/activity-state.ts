/**
 * What an activity card needs to know, from the cache and the kiosk clock: is sign-up open (a
 * hint — the server decides for real), how many places are left, who may be named. Pure
 * functions over domain rows, so the card only renders.
 */
import type { OverlaidSignUp } from '../../../client/index.js';
import type { Activity, Resident } from '../../../domain/model.js';
import {
  placesOf,
  signUpClosedReason,
  type Places,
  type SignUpClosed,
} from '../../../domain/rules/capacity.js';
import { firstName } from '../shared/avatar.js';

// The rules live in the domain (capacity.ts), so every screen says the same (the relatives'
// week too); the kiosk's names for them stay.
export type Closed = SignUpClosed;
export type { Places } from '../../../domain/rules/capacity.js';
export const closedReason = (a: Activity, now: Date): Closed | null => signUpClosedReason(a, now);
export const places = (a: Activity): Places => placesOf(a);

/** Who is on the activity, as the wall may show it: consenting first names and a count. */
export interface Roster {
  names: string[];
  /** Confirmed residents the wall may not name (or the kiosk does not know). */
  others: number;
}

/**
 * Names of the confirmed residents with wall consent (from the server's rows, not the pending
 * ones: those are told on their own line), and the rest of `confirmedCount` as a number.
 */
export function rosterOf(
  a: Activity,
  signups: readonly OverlaidSignUp[],
  wall: ReadonlyMap<string, Resident>,
): Roster {
  const named = signups
    .filter((s) => s.status === 'confirmed' && s.activityId === a.id)
    .map((s) => wall.get(s.residentId))
    .filter((r): r is Resident => r !== undefined)
    .map((r) => firstName(r.displayName))
    .sort((x, y) => x.localeCompare(y, 'da'));
  return { names: named, others: Math.max(0, a.confirmedCount - named.length) };
}

/** Is the resident on the activity (confirmed or waiting), counting what is still to be sent? */
export function isOn(s: OverlaidSignUp | undefined): boolean {
  if (!s) return false;
  if (s.pending === 'add') return true;
  if (s.pending === 'cancel') return false;
  return s.status === 'confirmed' || s.status === 'waitlisted';
}
