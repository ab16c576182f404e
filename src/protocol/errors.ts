/**
 * Rejection codes of protocol v1. A rejection is final: the client drops the mutation from its
 * outbox and tells the user in plain words. Never rename one: external clients match on them.
 */
export const rejectionCodes = [
  /** The payload fails its schema, the event is unknown, malformed or too large. */
  'invalid',
  /** The caller's role, or the resident it acts for, may not do this. */
  'forbidden',
  /** The activity, resource, booking or resident does not exist (or is not visible). */
  'not_found',
  /** Capacity reached and the activity has no waiting list. */
  'full',
  /** Sign-up deadline passed, or the slot is outside the resource's opening hours. */
  'closed',
  /** Overlapping booking, booking limit reached, or a stale edit. */
  'conflict',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

/**
 * Codes a failed connection carries in `connect_error.data.code`. `rate_limited`: this token's
 * last connection was closed for flooding; `data.retryAfterMs` says when it may connect again.
 */
export const connectErrorCodes = ['unauthorized', 'protocol_mismatch', 'rate_limited'] as const;
export type ConnectErrorCode = (typeof connectErrorCodes)[number];

/** Finer reasons beside `conflict` / `closed`, so a UI can explain a refused booking in plain words. */
export const rejectionReasons = [
  'overlap',
  'max_active_bookings',
  'outside_opening_hours',
  'slot_length',
  'in_the_past',
  'deadline_passed',
  'activity_ended',
  'no_consent',
  /** The resident is not in the activity's or resource's audience (groups). */
  'not_in_audience',
  /** The booking was cancelled or given back (released unused) before this arrived. */
  'booking_released',
  /** Too early for this (a booking started more than its lead time before it begins). */
  'too_early',
  /** A relative acts for their resident, and staff have not allowed relatives to (`relativesMayAct`). */
  'relatives_may_not_act',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

/**
 * One of several mistakes in a mutation's args, for a mutation that checks many items at once
 * and refuses them together (`meal.import`: one per wrong cell). `problem` is a code the UI
 * picks its own words by; `message` is English, like the rejection's.
 */
export interface RejectionDetail {
  /** The 1-based line of an imported file. */
  line?: number;
  field?: string;
  problem?: string;
  message: string;
}

export interface Rejected {
  status: 'rejected';
  code: RejectionCode;
  message: string;
  reason?: RejectionReason;
  /** Every mistake found, when the mutation reports more than one (section 10). */
  details?: RejectionDetail[];
}

/**
 * Codes of the retryable answer `{ status: "retry" }`. It is NOT final: the server decided
 * nothing (a bug or failure inside the server, or too many events from this connection), so the
 * client keeps the mutation, waits at least `retryAfterMs` and sends the same id again.
 */
export const retryCodes = [
  /** The server failed unexpectedly while applying it; nothing was stored. */
  'internal',
  /** This connection sent more events than its budget; the event was not looked at. */
  'rate_limited',
] as const;
export type RetryCode = (typeof retryCodes)[number];

export interface RetryLater {
  status: 'retry';
  code: RetryCode;
  message: string;
  /** Wait at least this long (milliseconds) before sending it again. */
  retryAfterMs: number;
}

export const retryLater = (code: RetryCode, message: string, retryAfterMs: number): RetryLater => ({
  status: 'retry',
  code,
  message,
  retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)),
});

export const rejected = (
  code: RejectionCode,
  message: string,
  reason?: RejectionReason,
  details?: RejectionDetail[],
): Rejected => ({
  status: 'rejected',
  code,
  message,
  ...(reason ? { reason } : {}),
  ...(details && details.length > 0 ? { details } : {}),
});
