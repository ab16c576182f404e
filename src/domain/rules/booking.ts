/**
 * Booking shared resources (washing machine, minibus, guest room): the slots a day offers and
 * whether a requested booking may be made.
 *
 * Opening hours are wall-clock times per weekday in the centre's zone; the slots inside them are
 * counted in real minutes from the interval's opening instant. So on a DST day an interval that
 * spans the change simply holds one slot more or fewer, and a washing cycle stays 60 real minutes.
 *
 * An opening interval whose `to` is not after its `from` runs past midnight into the next day:
 * `to: '00:00'` means "until midnight" and 22:00–06:00 is a night. It belongs to the weekday it
 * opens on.
 */
import type { Resource } from '../model.js';
import { addDaysToDate, dayOf, minutesOfTime, weekdayOf, zonedInstant } from './days.js';
import { violation, type RuleViolation } from './violation.js';

const MINUTE = 60_000;

export interface TimeSpan {
  start: Date;
  end: Date;
}

export type SpanLike = { start: Date | string; end: Date | string };

export interface ExistingBooking {
  /** Null when the viewer may not know who booked; such bookings still block their slot. */
  residentId: string | null;
  start: Date | string;
  end: Date | string;
  status: 'active' | 'cancelled';
}

export interface BookingRequest {
  residentId: string;
  start: Date;
  end: Date;
}

const ms = (t: Date | string): number => (typeof t === 'string' ? Date.parse(t) : t.getTime());

/** Half-open intervals [start, end): one ending exactly when the other starts does not overlap. */
export function overlaps(a: SpanLike, b: SpanLike): boolean {
  return ms(a.start) < ms(b.end) && ms(b.start) < ms(a.end);
}

/**
 * Has the span ended at `now`? An ended slot can no longer be booked (nor started); one under
 * way still can, for what is left of it. The wall leaves ended slots out of today (issue 11).
 */
export function hasEnded(span: SpanLike, now: Date): boolean {
  return ms(span.end) <= now.getTime();
}

/** The resource's opening intervals that open on `date` (local), as instants, in time order. */
export function openingIntervalsForDay(
  resource: Pick<Resource, 'opening'>,
  date: string,
  timeZone: string,
): TimeSpan[] {
  const weekday = weekdayOf(date);
  return resource.opening
    .filter((o) => o.weekday === weekday)
    .map((o) => ({
      start: zonedInstant(date, o.from, timeZone),
      end: zonedInstant(
        minutesOfTime(o.to) > minutesOfTime(o.from) ? date : addDaysToDate(date, 1),
        o.to,
        timeZone,
      ),
    }))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * Consecutive slots of `slotMinutes` inside each opening interval of `date`'s weekday. A remainder
 * shorter than a slot at the end of an interval is not offered.
 */
export function slotsForDay(
  resource: Pick<Resource, 'slotMinutes' | 'opening'>,
  date: string,
  timeZone: string,
): TimeSpan[] {
  const step = resource.slotMinutes * MINUTE;
  const seen = new Set<number>();
  const slots: TimeSpan[] = [];
  for (const interval of openingIntervalsForDay(resource, date, timeZone)) {
    for (let t = interval.start.getTime(); t + step <= interval.end.getTime(); t += step) {
      if (seen.has(t)) continue; // two overlapping opening intervals offer a slot once
      seen.add(t);
      slots.push({ start: new Date(t), end: new Date(t + step) });
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * May `request` be booked? Checked in this order, so the resident hears the most basic reason
 * first: the end is after the start; it has not ended (a slot under way may be booked for what
 * is left of it); it lies inside one opening interval;
 * it is whole slots on the slot grid; it overlaps no active booking; and the resident does not
 * already hold `maxActivePerResident` active bookings that have not yet ended.
 *
 * `existing` is this resource's bookings. Cancelled ones are ignored; the limit counts only
 * bookings still to come or under way, so a used slot frees the resident to book again.
 */
export function checkBooking(
  resource: Pick<Resource, 'slotMinutes' | 'opening' | 'maxActivePerResident'>,
  request: BookingRequest,
  existing: readonly ExistingBooking[],
  now: Date,
  timeZone: string,
): { ok: true } | RuleViolation {
  const start = request.start.getTime();
  const end = request.end.getTime();
  if (!(end > start)) {
    return violation('conflict', 'A booking must end after it starts', 'slot_length');
  }
  // A slot under way may still be booked for what is left of it: a free washer is free now,
  // and a slot given back unused (rules/booking-release) is worth something only this way.
  if (hasEnded(request, now)) {
    return violation(
      'closed',
      `The booking is over already (${request.end.toISOString()})`,
      'in_the_past',
    );
  }

  // The interval may have opened the day before (an overnight opening), so look at both days.
  const day = dayOf(request.start, timeZone);
  const containing = [addDaysToDate(day, -1), day]
    .flatMap((d) => openingIntervalsForDay(resource, d, timeZone))
    .filter((iv) => iv.start.getTime() <= start && end <= iv.end.getTime());
  if (containing.length === 0) {
    return violation(
      'closed',
      'The booking is not within the opening hours',
      'outside_opening_hours',
    );
  }

  const step = resource.slotMinutes * MINUTE;
  const onGrid = containing.some(
    (iv) => (start - iv.start.getTime()) % step === 0 && (end - start) % step === 0,
  );
  if (!onGrid) {
    return violation(
      'conflict',
      `The booking must be whole ${resource.slotMinutes}-minute slots from the opening time`,
      'slot_length',
    );
  }

  const active = existing.filter((b) => b.status === 'active');
  if (active.some((b) => overlaps(b, request))) {
    return violation('conflict', 'The time overlaps another booking', 'overlap');
  }

  const held = active.filter(
    (b) => b.residentId === request.residentId && ms(b.end) > now.getTime(),
  );
  if (held.length >= resource.maxActivePerResident) {
    return violation(
      'conflict',
      `The resident already holds ${held.length} active booking(s); the limit is ${resource.maxActivePerResident}`,
      'max_active_bookings',
    );
  }
  return { ok: true };
}
