/**
 * The shared limits' rows that have run out (ended rate-limit windows, forgotten PIN counts) are
 * deleted now and then, by every node (the deletes are idempotent, so several nodes doing it
 * costs only the statements). A row in use is reset on its next use anyway; this only keeps the
 * tables small.
 */
import { PIN_LOCKOUT_SECONDS, PIN_MAX_ATTEMPTS } from '../../protocol/index.js';
import { PinLockout } from '../auth/pin-lockout.js';
import { WindowCounters } from '../http/limits.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';

export const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

export function startHousekeeping(
  store: Store,
  now: () => Date,
  logger: Logger,
  everyMs = HOUSEKEEPING_EVERY_MS,
): { stop(): void } {
  const ms = (): number => now().getTime();
  const lockout = new PinLockout(store, {
    maxAttempts: PIN_MAX_ATTEMPTS,
    lockoutMs: PIN_LOCKOUT_SECONDS * 1000,
    now: ms,
  });
  const counters = new WindowCounters(store.db, ms);
  const timer = setInterval(() => {
    Promise.all([lockout.purge(), counters.purge()]).catch((err: unknown) =>
      logger.warn({ err }, 'could not purge ended rate-limit windows and PIN counts'),
    );
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
