/**
 * What an activity card needs to know, from the cache and the kiosk clock: is sign-up open (a
 * hint — the server decides for real), how many places are left, who may be named. Pure
 * functions over domain rows, so the card only renders.
 */
import type { OverlaidSignUp } from '../../../client/index.js';
import type { Activity, Resident } from '../../../domain/model.js';
import { placesLeft, signUp } from '../../../domain/rules/capacity.js';
import { firstName } from '../shared/avatar.js';

export type Closed = 'deadline' | 'ongoing' | 'ended';

/**
 * Why sign-up is closed now, or null while it is open. The domain's own rule decides (asked with
 * a resident who is not on the list: it answers "closed" exactly when nobody could join); the
 * words only say why in the resident's terms.
 */
export function closedReason(a: Activity, now: Date): Closed | null {
  const probe = signUp(a, [], '', now, 0);
  if (probe.ok || probe.code !== 'closed') return null;
  const t = now.getTime();
  if (t >= Date.parse(a.end)) return 'ended';
  if (t >= Date.parse(a.start)) return 'ongoing';
  return 'deadline';
}

export interface Places {
  /** Null: no limit. */
  left: number | null;
  /**
   * A newcomer would not get a place: no places left for them once everyone already waiting has
   * one (the domain's rule: nobody overtakes the waiting list).
   */
  full: boolean;
}

export function places(a: Activity): Places {
  const left = placesLeft(a.capacity, a.confirmedCount);
  return { left, full: left !== null && left <= a.waitlistCount };
}

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
