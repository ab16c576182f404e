/**
 * The day's slots of a resource with their state, from the domain's booking rules and the
 * bookings with pending changes laid over. Pure: the grid only renders what this returns.
 */
import type { OverlaidBooking } from '../../../client/index.js';
import type { Resource } from '../../../domain/model.js';
import {
  checkBooking,
  hasEnded,
  openingIntervalsForDay,
  overlaps,
  slotsForDay,
  type ExistingBooking,
  type TimeSpan,
} from '../../../domain/rules/booking.js';
import { dayBounds } from '../../../domain/rules/days.js';

export type SlotState = 'free' | 'taken';

export interface SlotView extends TimeSpan {
  /** From the day's first to its last instant: a guest room's "Hele dagen". */
  wholeDay: boolean;
  state: SlotState;
  /** The booking holding it (or being cancelled from it: then the slot shows as free). */
  booking: OverlaidBooking | null;
}

/** Bookings that still hold their time, as the domain's rules want them. */
export function holding(bookings: readonly OverlaidBooking[]): OverlaidBooking[] {
  return bookings.filter((b) => b.status === 'active' && b.pending !== 'cancel');
}

/**
 * The day's slots that have not ended at `now`, with their state: today starts at the slot under
 * way (issue 11: a ten-minute day was 49 pages of three, most of them "Tiden er gået"). An ended
 * slot can no longer be booked (the domain's `hasEnded`, the same test `checkBooking` makes), so
 * nothing is lost by leaving it out; a day to come has all its slots.
 */
export function slotViews(
  resource: Resource,
  date: string,
  timeZone: string,
  bookings: readonly OverlaidBooking[],
  now: Date,
): SlotView[] {
  const day = dayBounds(date, timeZone);
  const held = holding(bookings);
  const ahead = slotsForDay(resource, date, timeZone).filter((slot) => !hasEnded(slot, now));
  return ahead.map((slot): SlotView => {
    const wholeDay =
      slot.start.getTime() === day.start.getTime() && slot.end.getTime() === day.end.getTime();
    const booking = held.find((b) => overlaps(b, slot));
    if (booking) return { ...slot, wholeDay, state: 'taken', booking };
    const cancelling =
      bookings.find((b) => b.pending === 'cancel' && b.status === 'active' && overlaps(b, slot)) ??
      null;
    // A slot under way may still be booked for what is left of it (a slot given back unused
    // shows free at once).
    return { ...slot, wholeDay, state: 'free', booking: cancelling };
  });
}

/**
 * The kiosk's own check before anything is sent (the server decides for real): the domain's
 * `checkBooking` over the cached bookings with pending ones laid over.
 */
export function precheck(
  resource: Resource,
  residentId: string,
  slot: TimeSpan,
  bookings: readonly OverlaidBooking[],
  now: Date,
  timeZone: string,
) {
  const existing: ExistingBooking[] = holding(bookings);
  return checkBooking(resource, { residentId, ...slot }, existing, now, timeZone);
}

/** How many not-yet-ended bookings the resident holds (for "Du har allerede 2 bookinger"). */
export function heldBy(
  residentId: string,
  bookings: readonly OverlaidBooking[],
  now: Date,
): number {
  return holding(bookings).filter(
    (b) => b.residentId === residentId && Date.parse(b.end) > now.getTime(),
  ).length;
}

/** The opening intervals of the day as wall-clock spans, or "all day". */
export function openingOf(
  resource: Resource,
  date: string,
  timeZone: string,
): { allDay: boolean; spans: TimeSpan[] } {
  const spans = openingIntervalsForDay(resource, date, timeZone);
  const day = dayBounds(date, timeZone);
  const allDay = spans.some(
    (s) => s.start.getTime() <= day.start.getTime() && s.end.getTime() >= day.end.getTime(),
  );
  return { allDay, spans };
}
