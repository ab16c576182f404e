/**
 * The one shape every rule uses to say "no". The codes are the sync contract's rejection codes
 * (DESIGN.md, protocol v1), so a server handler can pass a violation straight through as
 * `{ status: 'rejected', code, message }`. `reason` refines the code for the UI, which shows
 * its own translated text by code/reason; `message` is plain English for logs only.
 */

export type ViolationCode = 'full' | 'closed' | 'conflict' | 'not_found' | 'forbidden';

export type ViolationReason =
  | 'overlap'
  | 'max_active_bookings'
  | 'outside_opening_hours'
  | 'slot_length'
  | 'in_the_past'
  | 'deadline_passed'
  | 'activity_ended'
  | 'booking_released'
  | 'too_early';

export interface RuleViolation {
  ok: false;
  code: ViolationCode;
  reason?: ViolationReason;
  message: string;
}

/** Make a violation; `reason` is left out of the object (not set to undefined) when absent. */
export function violation(
  code: ViolationCode,
  message: string,
  reason?: ViolationReason,
): RuleViolation {
  return reason === undefined ? { ok: false, code, message } : { ok: false, code, reason, message };
}

/** Narrow a rule's result to its violation branch. */
export function isViolation(result: { ok: boolean }): result is RuleViolation {
  return !result.ok;
}
