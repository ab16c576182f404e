/**
 * The day's slots of a resource with their state, from the domain's booking rules and the
 * bookings with pending changes laid over. Pure: the grid only renders what this returns.
 */
import type { OverlaidBooking } from '../../../client/index.js';
import type { Resource } from '../../../domain/model.js';
import {
  checkBooking,
  openingIntervalsForDay,
  overlaps,
  slotsForDay,
  type ExistingBooking,
  type TimeSpan,
} from '../../../domain/rules/booking.js';
import { dayBounds } from '../../../domain/rules/days.js';

export type SlotState = 'free' | 'taken' | 'past';

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

export function slotViews(
  resource: Resource,
  date: string,
  timeZone: string,
  bookings: readonly OverlaidBooking[],
  now: Date,
): SlotView[] {
  const day = dayBounds(date, timeZone);
  const held = holding(bookings);
  return slotsForDay(resource, date, timeZone).map((slot) => {
    const wholeDay =
      slot.start.getTime() === day.start.getTime() && slot.end.getTime() === day.end.getTime();
    const booking = held.find((b) => overlaps(b, slot));
    if (booking) return { ...slot, wholeDay, state: 'taken', booking };
    const cancelling =
      bookings.find((b) => b.pending === 'cancel' && b.status === 'active' && overlaps(b, slot)) ??
      null;
    // A slot under way may still be booked for what is left of it (a slot given back unused
    // shows free at once); only one that has ended is past.
    const state = slot.end.getTime() <= now.getTime() ? 'past' : 'free';
    return { ...slot, wholeDay, state, booking: cancelling };
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
