/**
 * The optimistic overlay: what the UI shows is the cache (the server's truth) with the outbox
 * (the user's pending intent) laid over it, so "signing up…" appears the moment a resident taps,
 * even offline. Pure functions: give them rows from the cache and the outbox (both read with
 * `liveQuery`), get rows marked with what is still pending.
 *
 * When several pending mutations touch the same row, the latest one decides (sign up, then
 * cancel: the row shows as cancelling; if there was no row in the cache at all, nothing shows).
 * Outbox entries already applied but not yet in the cache still count, so the overlay hands over
 * to the cache without a flicker.
 */
import type { Booking, MealAttendance, SignUp } from '../domain/model.js';
import { mealAttendanceId, signUpId } from '../domain/model.js';
import type { MutationArgs, MutationName } from '../protocol/index.js';
import type { OutboxEntry } from './db.js';

/** `add`: an add is pending; `cancel`: a cancel is pending; null: the row is the server's. */
export type PendingMark = 'add' | 'cancel' | null;

/** An outbox entry with its arguments typed by its name (a union discriminated by `name`). */
export type PendingOf<N extends MutationName> = N extends MutationName
  ? Omit<OutboxEntry, 'name' | 'args'> & { name: N; args: MutationArgs<N> }
  : never;

/** The pending mutations with one of `names`, oldest first. */
export function pendingFor<N extends MutationName>(
  outbox: readonly OutboxEntry[],
  ...names: N[]
): PendingOf<N>[] {
  return outbox
    .filter((e) => (names as MutationName[]).includes(e.name))
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)) as PendingOf<N>[];
}

/** The latest pending mutation per row key, in outbox order. */
function latestByKey<N extends MutationName>(
  outbox: readonly OutboxEntry[],
  names: N[],
  key: (e: PendingOf<N>) => string,
): Map<string, PendingOf<N>> {
  const latest = new Map<string, PendingOf<N>>();
  for (const e of pendingFor(outbox, ...names)) latest.set(key(e), e);
  return latest;
}

const matches = (
  row: Record<string, unknown>,
  filter: Record<string, unknown> | undefined,
): boolean => !filter || Object.entries(filter).every(([k, v]) => v === undefined || row[k] === v);

// ---- sign-ups --------------------------------------------------------------------------------

/** A sign-up that so far exists only in the outbox: its status is the server's to decide. */
export interface PendingSignUp {
  id: string;
  activityId: string;
  residentId: string;
  status: null;
  position: null;
  pending: 'add';
}

export type OverlaidSignUp = (SignUp & { pending: PendingMark }) | PendingSignUp;

export interface SignUpFilter {
  activityId?: string;
  residentId?: string;
}

/**
 * Cached sign-ups marked with pending sign-ups and cancellations, plus pending sign-ups the cache
 * has no row for yet. `filter` keeps only rows of one activity and/or one resident.
 */
export function overlaySignUps(
  signups: readonly SignUp[],
  outbox: readonly OutboxEntry[],
  filter?: SignUpFilter,
): OverlaidSignUp[] {
  const latest = latestByKey(outbox, ['signup.add', 'signup.cancel'], (e) =>
    signUpId(e.args.activityId, e.args.residentId),
  );
  const out: OverlaidSignUp[] = [];
  const seen = new Set<string>();
  for (const row of signups) {
    seen.add(row.id);
    if (!matches(row, { ...filter })) continue;
    const p = latest.get(row.id);
    out.push({ ...row, pending: p ? (p.name === 'signup.add' ? 'add' : 'cancel') : null });
  }
  for (const [id, p] of latest) {
    if (seen.has(id) || p.name !== 'signup.add') continue;
    const { activityId, residentId } = p.args;
    if (!matches({ activityId, residentId }, { ...filter })) continue;
    out.push({ id, activityId, residentId, status: null, position: null, pending: 'add' });
  }
  return out;
}

// ---- bookings --------------------------------------------------------------------------------

export type OverlaidBooking = Booking & { pending: PendingMark };

export interface BookingFilter {
  resourceId?: string;
  residentId?: string;
}

/** Id of a pending booking made without a client `bookingId` (it cannot be cancelled yet). */
export const pendingBookingId = (mutationId: string): string => `pending:${mutationId}`;

/**
 * Cached bookings marked with pending cancellations, plus pending bookings. A `booking.add` with
 * a client `bookingId` shows under that id, so the UI can cancel it before the answer comes.
 */
export function overlayBookings(
  bookings: readonly Booking[],
  outbox: readonly OutboxEntry[],
  filter?: BookingFilter,
): OverlaidBooking[] {
  const latest = latestByKey(outbox, ['booking.add', 'booking.cancel'], (e) =>
    e.name === 'booking.add' ? (e.args.bookingId ?? pendingBookingId(e.id)) : e.args.bookingId,
  );
  const out: OverlaidBooking[] = [];
  const seen = new Set<string>();
  for (const row of bookings) {
    seen.add(row.id);
    if (!matches(row, { ...filter })) continue;
    const p = latest.get(row.id);
    out.push({ ...row, pending: p ? (p.name === 'booking.add' ? 'add' : 'cancel') : null });
  }
  for (const [id, p] of latest) {
    if (seen.has(id) || p.name !== 'booking.add') continue;
    const { resourceId, residentId, start, end } = p.args;
    const row: OverlaidBooking = {
      id,
      resourceId,
      residentId,
      start,
      end,
      status: 'active',
      pending: 'add',
    };
    if (matches(row, { ...filter })) out.push(row);
  }
  return out;
}

// ---- meal attendance -------------------------------------------------------------------------

/** `pending` is `add` for a pending "I will eat", `cancel` for a pending "I will not eat". */
export type OverlaidMealAttendance = MealAttendance & { pending: PendingMark };

export interface MealAttendanceFilter {
  mealId?: string;
  residentId?: string;
}

/** Cached meal attendance with pending answers laid over: `attending` shows the pending wish. */
export function overlayMealAttendance(
  rows: readonly MealAttendance[],
  outbox: readonly OutboxEntry[],
  filter?: MealAttendanceFilter,
): OverlaidMealAttendance[] {
  const latest = latestByKey(outbox, ['meal.attend'], (e) =>
    mealAttendanceId(e.args.mealId, e.args.residentId),
  );
  const mark = (attending: boolean): PendingMark => (attending ? 'add' : 'cancel');
  const out: OverlaidMealAttendance[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.id);
    if (!matches(row, { ...filter })) continue;
    const p = latest.get(row.id);
    out.push(
      p
        ? { ...row, attending: p.args.attending, pending: mark(p.args.attending) }
        : { ...row, pending: null },
    );
  }
  for (const [id, p] of latest) {
    if (seen.has(id)) continue;
    const { mealId, residentId, attending } = p.args;
    const row: OverlaidMealAttendance = {
      id,
      mealId,
      residentId,
      attending,
      updatedAt: p.createdAt,
      pending: mark(attending),
    };
    if (matches(row, { ...filter })) out.push(row);
  }
  return out;
}
