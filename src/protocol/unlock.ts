/**
 * `resident.unlock`: a kiosk asks whether the PIN a resident typed opens their personal view.
 * The PIN hash never leaves the server, so the kiosk cannot check it itself; it only learns yes or
 * no (and, after too many wrong tries, for how long it must wait).
 */
import { z } from 'zod';
import { Id, type DayItem } from '../domain/model.js';

/** How many wrong PINs one device may try for one resident before it is locked out. */
export const PIN_MAX_ATTEMPTS = 5;
/** How long such a lock-out lasts. */
export const PIN_LOCKOUT_SECONDS = 5 * 60;

/** The same PIN shape staff set with `resident.put`: 4–8 digits, as a string. */
export const Pin = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

export const ResidentUnlockRequest = z.strictObject({
  residentId: Id,
  pin: Pin,
});
export type ResidentUnlockRequest = z.infer<typeof ResidentUnlockRequest>;

/**
 * Why an unlock failed:
 * - `wrong_pin`: the PIN is not this resident's;
 * - `locked`: too many wrong PINs from this device; try again after `retryAfterSeconds`;
 * - `not_found`: no such resident, or one this device may not show (never says which);
 * - `no_pin`: the resident has no PIN; the kiosk may open the view without one;
 * - `invalid`: the payload fails its schema, or the event is malformed or too large;
 * - `forbidden`: the caller's role may not unlock (relatives);
 * - `rate_limited`: the connection sent too many events; try again after `retryAfterSeconds`.
 */
export const unlockFailureCodes = [
  'wrong_pin',
  'locked',
  'not_found',
  'no_pin',
  'invalid',
  'forbidden',
  'rate_limited',
] as const;
export type UnlockFailureCode = (typeof unlockFailureCodes)[number];

/**
 * A successful unlock carries the resident's personal day items: for a resident with a PIN they
 * never reach a kiosk through the change log (pull or push), only here, and the kiosk keeps them
 * in memory while the resident's view is open, never in its cache. For a resident without a PIN
 * the answer is `no_pin` and the items are in the cache as usual. `items` are the resident's
 * personal items from yesterday on, in the centre's days.
 */
export type ResidentUnlockResult =
  | { ok: true; items: DayItem[] }
  | { ok: false; code: UnlockFailureCode; message: string; retryAfterSeconds?: number };

export const unlockFailed = (
  code: UnlockFailureCode,
  message: string,
  retryAfterSeconds?: number,
): ResidentUnlockResult =>
  retryAfterSeconds === undefined
    ? { ok: false, code, message }
    : { ok: false, code, message, retryAfterSeconds };
