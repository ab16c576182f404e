/**
 * Capacity and the waiting list of an activity, as pure functions over the list of one
 * activity's sign-ups. The server loads the list, calls a rule and writes `next` back in the
 * same transaction, so the rule never sees a half-applied state.
 *
 * Why `order` is a change-log seq: the waiting list must be first come, first served, decided by
 * the server (DESIGN.md failure case 12, "clock skew on the kiosk"). A kiosk's clock can be
 * wrong and two kiosks can sign up in the same millisecond, but the server's change-log seq rises
 * strictly, one value per applied change, so it totally orders every (re)join. A resident who
 * cancels and signs up again gets a new seq and so goes to the back of the queue, as is fair.
 */
import type { Activity } from '../model.js';
import { violation, type RuleViolation } from './violation.js';

export interface SignUpState {
  residentId: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  /** The change-log seq at which the resident (re)joined; lower goes first on the waiting list. */
  order: number;
}

/** What the capacity rules need to know about an activity. */
export type SignUpActivity = Pick<
  Activity,
  'capacity' | 'waitlist' | 'signupDeadline' | 'start' | 'end'
>;

export type SignUpResult =
  | { ok: true; outcome: 'confirmed' | 'waitlisted' | 'unchanged'; next: SignUpState[] }
  | RuleViolation;

export type CancelResult =
  | { ok: true; outcome: 'cancelled' | 'unchanged'; promoted: string[]; next: SignUpState[] }
  | RuleViolation;

/** Waiting-list order: by `order`, then by resident id so equal orders still sort the same everywhere. */
function byOrder(a: SignUpState, b: SignUpState): number {
  return (
    a.order - b.order || (a.residentId < b.residentId ? -1 : a.residentId > b.residentId ? 1 : 0)
  );
}

/**
 * Sign-ups and cancellations close at the deadline. Without a deadline they close when the
 * activity starts (changing your mind once it has begun helps no one plan); and never after the
 * activity has ended, even if staff set a deadline later than its end.
 */
function closedAt(activity: SignUpActivity, now: Date): RuleViolation | null {
  const t = now.getTime();
  if (activity.signupDeadline !== null && t >= Date.parse(activity.signupDeadline)) {
    return violation(
      'closed',
      `Sign-up closed at the deadline ${activity.signupDeadline}`,
      'deadline_passed',
    );
  }
  const closesAt = activity.signupDeadline === null ? activity.start : activity.end;
  if (t >= Date.parse(closesAt)) {
    return violation(
      'closed',
      `Sign-up closed: the activity began at ${activity.start}`,
      'activity_ended',
    );
  }
  return null;
}

export function counts(signups: readonly SignUpState[]): { confirmed: number; waitlisted: number } {
  let confirmed = 0;
  let waitlisted = 0;
  for (const s of signups) {
    if (s.status === 'confirmed') confirmed++;
    else if (s.status === 'waitlisted') waitlisted++;
  }
  return { confirmed, waitlisted };
}

/** Places still free; null when the activity has no limit. Never negative (capacity may be lowered). */
export function placesLeft(capacity: number | null, confirmed: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - confirmed);
}

/** Why nobody can join or leave an activity right now (see `closedAt`). */
export type SignUpClosed = 'deadline' | 'ongoing' | 'ended';

/**
 * Why sign-up is closed now, or null while it is open: the rule `signUp` itself applies (asked
 * with a resident who is not on the list, it answers "closed" exactly when nobody could join),
 * with the why in people's terms. Every screen asks this one (kiosk cards, the relatives' week);
 * the server decides for real with its own clock.
 */
export function signUpClosedReason(activity: SignUpActivity, now: Date): SignUpClosed | null {
  const probe = signUp(activity, [], '', now, 0);
  if (probe.ok || probe.code !== 'closed') return null;
  const t = now.getTime();
  if (t >= Date.parse(activity.end)) return 'ended';
  if (t >= Date.parse(activity.start)) return 'ongoing';
  return 'deadline';
}

export interface Places {
  /** Null: no limit. */
  left: number | null;
  /**
   * A newcomer would not get a place: no places left for them once everyone already waiting has
   * one (nobody overtakes the waiting list, see `signUp`).
   */
  full: boolean;
}

/** Places left from the server's derived counts, as every screen shows them. */
export function placesOf(
  activity: Pick<Activity, 'capacity' | 'confirmedCount' | 'waitlistCount'>,
): Places {
  const left = placesLeft(activity.capacity, activity.confirmedCount);
  return { left, full: left !== null && left <= activity.waitlistCount };
}

/** 1-based place on the waiting list for every waitlisted resident. */
export function waitlistPositions(signups: readonly SignUpState[]): Map<string, number> {
  const positions = new Map<string, number>();
  signups
    .filter((s) => s.status === 'waitlisted')
    .sort(byOrder)
    .forEach((s, i) => positions.set(s.residentId, i + 1));
  return positions;
}

/**
 * Promote from the waiting list, first in order first, while there is room. Used after a
 * cancellation and after staff raise the capacity. Lowering the capacity never demotes anyone:
 * a resident who was promised a place keeps it; new sign-ups just wait until enough people leave.
 */
export function rebalance(
  capacity: number | null,
  signups: readonly SignUpState[],
): { promoted: string[]; next: SignUpState[] } {
  let room = capacity === null ? Infinity : capacity - counts(signups).confirmed;
  const promoted = new Set<string>();
  for (const s of signups.filter((x) => x.status === 'waitlisted').sort(byOrder)) {
    if (room <= 0) break;
    promoted.add(s.residentId);
    room--;
  }
  const next = signups.map((s) =>
    promoted.has(s.residentId) ? { ...s, status: 'confirmed' as const } : { ...s },
  );
  return { promoted: [...promoted], next };
}

/**
 * Sign a resident up. Confirmed while there are places left, else on the waiting list when the
 * activity has one, else refused as 'full'. A newcomer never overtakes the waiting list: they are
 * confirmed only if there is room for everyone already waiting too (in a rebalanced list nobody
 * waits while there is room, so this only matters if a rebalance was missed).
 *
 * Signing up twice changes nothing ('unchanged'), so a retried or doubled tap is harmless; this is
 * decided before the deadline, as nothing would change anyway.
 */
export function signUp(
  activity: SignUpActivity,
  signups: readonly SignUpState[],
  residentId: string,
  now: Date,
  order: number,
): SignUpResult {
  const current = signups.find((s) => s.residentId === residentId);
  if (current && current.status !== 'cancelled') {
    return { ok: true, outcome: 'unchanged', next: signups.map((s) => ({ ...s })) };
  }
  const closed = closedAt(activity, now);
  if (closed) return closed;
  return join(activity, signups, residentId, order);
}

/** `signUp` without the clock: where the newcomer goes (also what a pending sign-up will be). */
function join(
  activity: Pick<SignUpActivity, 'capacity' | 'waitlist'>,
  signups: readonly SignUpState[],
  residentId: string,
  order: number,
): SignUpResult {
  const current = signups.find((s) => s.residentId === residentId);
  if (current && current.status !== 'cancelled') {
    return { ok: true, outcome: 'unchanged', next: signups.map((s) => ({ ...s })) };
  }
  const { confirmed, waitlisted } = counts(signups);
  const left = placesLeft(activity.capacity, confirmed);
  let status: 'confirmed' | 'waitlisted';
  if (left === null || left > waitlisted) status = 'confirmed';
  else if (activity.waitlist) status = 'waitlisted';
  else
    return violation(
      'full',
      `The activity is full (${confirmed} of ${activity.capacity ?? '∞'} places taken)`,
    );

  const entry: SignUpState = { residentId, status, order };
  const next = current
    ? signups.map((s) => (s.residentId === residentId ? entry : { ...s }))
    : [...signups.map((s) => ({ ...s })), entry];
  return { ok: true, outcome: status, next };
}

/**
 * Cancel a resident's sign-up. Giving up a confirmed place promotes the first on the waiting list
 * (if there is now room: after capacity was lowered there may still be none). Leaving the waiting
 * list promotes nobody. Cancelling when not signed up changes nothing ('unchanged').
 */
export function cancel(
  activity: SignUpActivity,
  signups: readonly SignUpState[],
  residentId: string,
  now: Date,
): CancelResult {
  const current = signups.find((s) => s.residentId === residentId);
  if (!current || current.status === 'cancelled') {
    return { ok: true, outcome: 'unchanged', promoted: [], next: signups.map((s) => ({ ...s })) };
  }
  const closed = closedAt(activity, now);
  if (closed) return closed;
  return leave(activity, signups, residentId);
}

/** `cancel` without the clock. */
function leave(
  activity: Pick<SignUpActivity, 'capacity'>,
  signups: readonly SignUpState[],
  residentId: string,
): CancelResult & { ok: true } {
  const current = signups.find((s) => s.residentId === residentId);
  if (!current || current.status === 'cancelled') {
    return { ok: true, outcome: 'unchanged', promoted: [], next: signups.map((s) => ({ ...s })) };
  }
  const without = signups.map((s) =>
    s.residentId === residentId ? { ...s, status: 'cancelled' as const } : { ...s },
  );
  if (current.status === 'waitlisted') {
    return { ok: true, outcome: 'cancelled', promoted: [], next: without };
  }
  const { promoted, next } = rebalance(activity.capacity, without);
  return { ok: true, outcome: 'cancelled', promoted, next };
}

// ---- one activity's state, as every screen shows it ------------------------------------------

/**
 * A sign-up as a screen knows it: the server's status (null: the server has not seen it yet)
 * and the change still waiting in the outbox. The client's `OverlaidSignUp` is one.
 */
export interface KnownSignUp {
  residentId: string;
  status: SignUpState['status'] | null;
  position: number | null;
  pending: 'add' | 'cancel' | null;
}

/** Where a resident stands once the changes still to be sent have been applied. */
export type Standing = 'confirmed' | 'waitlisted' | 'none';

/** What a newcomer's sign-up would be now. */
export type JoinOutcome = 'confirmed' | 'waitlisted' | 'full' | 'closed';

export interface ActivityState {
  /** Why nobody can join or leave now (`signUpClosedReason`), or null while open. */
  closed: SignUpClosed | null;
  /** Places left and full, counting the changes still to be sent. */
  places: Places;
  /** Confirmed and waiting, counting the changes still to be sent. */
  confirmed: number;
  waitlisted: number;
  join: JoinOutcome;
  /** Each known resident's standing, pending changes counted as the server's rules will decide. */
  standing: ReadonlyMap<string, Standing>;
}

/**
 * THE derivation of an activity's state for every screen (kiosk Home and Activities, the
 * relatives' week, the staff page): closed or not and why, places left, full with or without a
 * waiting list, and how the changes still in the outbox count. A pending sign-up counts as the
 * rules `signUp` applies would place it (a place while there is one for everyone waiting too,
 * else the waiting list, else nothing), a pending cancel frees the place and promotes the first
 * waiting, as `cancel` does. So Home's "2 ledige pladser", the card's names and count, and the
 * undo bar all tell the same thing, offline too. The server still decides for real.
 *
 * The server's counts cover residents a screen may not know (no wall consent); they are filled
 * in as anonymous entries, so only known residents need rows.
 */
export function activityState(
  activity: SignUpActivity & Pick<Activity, 'confirmedCount' | 'waitlistCount'>,
  now: Date,
  known: readonly KnownSignUp[] = [],
): ActivityState {
  const list: SignUpState[] = [];
  const onServer = (k: KnownSignUp, status: 'confirmed' | 'waitlisted') => k.status === status;
  const takenPositions = new Set<number>();
  let knownConfirmed = 0;
  let knownWaiting = 0;
  for (const k of known) {
    if (onServer(k, 'confirmed')) {
      knownConfirmed++;
      list.push({ residentId: k.residentId, status: 'confirmed', order: 0 });
    } else if (onServer(k, 'waitlisted')) {
      knownWaiting++;
      if (k.position !== null) takenPositions.add(k.position);
      // Without a known position: behind everyone the server counts as waiting.
      const order = k.position ?? activity.waitlistCount + knownWaiting;
      list.push({ residentId: k.residentId, status: 'waitlisted', order });
    }
  }
  for (let i = 0; i < activity.confirmedCount - knownConfirmed; i++)
    list.push({ residentId: `\u0000confirmed${i}`, status: 'confirmed', order: 0 });
  let position = 1;
  for (let i = 0; i < activity.waitlistCount - knownWaiting; i++) {
    while (takenPositions.has(position)) position++;
    list.push({ residentId: `\u0000waiting${i}`, status: 'waitlisted', order: position++ });
  }

  let next = list;
  let order = Number.MAX_SAFE_INTEGER / 2;
  for (const k of known) {
    if (k.pending === 'add') {
      const r = join(activity, next, k.residentId, order++);
      if (r.ok) next = r.next;
    } else if (k.pending === 'cancel') {
      next = leave(activity, next, k.residentId).next;
    }
  }

  const { confirmed, waitlisted } = counts(next);
  const places = placesOf({
    capacity: activity.capacity,
    confirmedCount: confirmed,
    waitlistCount: waitlisted,
  });
  const closed = signUpClosedReason(activity, now);
  const probe = join(activity, next, '\u0000newcomer', order);
  const standing = new Map<string, Standing>();
  for (const k of known) {
    const s = next.find((x) => x.residentId === k.residentId);
    standing.set(k.residentId, s && s.status !== 'cancelled' ? s.status : 'none');
  }
  return {
    closed,
    places,
    confirmed,
    waitlisted,
    join: closed
      ? 'closed'
      : probe.ok
        ? probe.outcome === 'waitlisted'
          ? 'waitlisted'
          : 'confirmed'
        : 'full',
    standing,
  };
}
