/**
 * Release of a booked slot nobody started using ("no-show release"). A resource may say that a
 * booking is given back when the resident has not said "I'm using it now" within M minutes of
 * its start: the washing machine booked 10.00–11.00 stands free from 10.15, and someone else may
 * book what is left of the slot.
 *
 * Starting a booking is the resident's own act (a tap on the kiosk, a relative or staff for them);
 * releasing it is the server's (a scheduled sweep). Both decisions are here so the kiosk can show
 * the same rule the server applies.
 */
import type { Booking, Resource } from '../model.js';
import { violation, type RuleViolation } from './violation.js';

const MINUTE = 60_000;

/** A booking may be started this many minutes before its slot begins (arriving a little early). */
export const START_EARLY_MINUTES = 10;

type BookingState = Pick<Booking, 'start' | 'end' | 'status' | 'startedAt'>;

/**
 * When an unstarted booking of `resource` is released, or null if it never is: the resource has
 * no release rule, or the release would come at or after the booking's end (nothing to free).
 */
export function releaseTime(
  resource: Pick<Resource, 'releaseAfterMinutes'>,
  booking: Pick<Booking, 'start' | 'end'>,
): Date | null {
  const minutes = resource.releaseAfterMinutes ?? null;
  if (minutes === null) return null;
  const at = Date.parse(booking.start) + minutes * MINUTE;
  return at < Date.parse(booking.end) ? new Date(at) : null;
}

/**
 * Is the booking due to be released at `now`? Only an active booking that nobody started, whose
 * release time has come and whose slot has not ended yet (releasing an ended one frees nothing).
 */
export function isReleaseDue(
  resource: Pick<Resource, 'releaseAfterMinutes'>,
  booking: BookingState,
  now: Date,
): boolean {
  if (booking.status !== 'active' || (booking.startedAt ?? null) !== null) return false;
  const at = releaseTime(resource, booking);
  return at !== null && now.getTime() >= at.getTime() && now.getTime() < Date.parse(booking.end);
}

/**
 * May the booking be marked started at `now`? From `START_EARLY_MINUTES` before its start until
 * its end, while it is active. Starting a started booking again is allowed (the answer is the
 * same: it is in use), so a repeated tap is harmless.
 */
export function checkStart(booking: BookingState, now: Date): { ok: true } | RuleViolation {
  if (booking.status !== 'active') {
    return violation('closed', 'This booking was cancelled or given back.', 'booking_released');
  }
  const t = now.getTime();
  if (t >= Date.parse(booking.end)) {
    return violation('closed', 'This booking is over.', 'in_the_past');
  }
  if (t < Date.parse(booking.start) - START_EARLY_MINUTES * MINUTE) {
    return violation(
      'closed',
      `A booking can be started at most ${START_EARLY_MINUTES} minutes before it begins.`,
      'too_early',
    );
  }
  return { ok: true };
}
