/**
 * `resident.unlock`: checks the PIN a resident typed on a kiosk against the hash only the server
 * holds. Order of checks, and why:
 *
 * 1. role: relatives never unlock (their app shows only their own residents anyway);
 * 2. schema: nothing else runs on a malformed payload;
 * 3. visibility: a kiosk may only unlock residents it shows (wall consent); anyone else is
 *    `not_found`, with the same words as a resident that does not exist, so a kiosk cannot probe
 *    who lives here;
 * 4. lock-out, before the PIN is even looked at, so a locked pair learns nothing more;
 * 5. the PIN itself (scrypt, compared in constant time).
 *
 * The PIN is never logged: only the resident, the caller and the outcome are.
 */
import {
  PIN_LOCKOUT_SECONDS,
  PIN_MAX_ATTEMPTS,
  ResidentUnlockRequest,
  unlockFailed,
  type ResidentUnlockResult,
} from '../../protocol/index.js';
import type { DayItem } from '../../domain/model.js';
import { dayOf } from '../../domain/rules/days.js';
import { PinLockout } from '../auth/pin-lockout.js';
import { isStaff, principalKey, type Principal } from '../auth/principal.js';
import { verifyPassword } from '../auth/tokens.js';
import type { Logger } from '../logger.js';
import { readPinHash } from '../store/secrets.js';
import type { Store } from '../store/store.js';
import type { VisibilityFacts } from './visibility.js';

export interface UnlockDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  facts: () => VisibilityFacts;
  timeZone: () => string;
}

const NOT_FOUND = 'No such resident on this screen.';

export type UnlockService = (principal: Principal, req: unknown) => Promise<ResidentUnlockResult>;

/** The resident's personal day items from yesterday on (centre days), in day and time order. */
async function personalItems(deps: UnlockDeps, residentId: string): Promise<DayItem[]> {
  const from = dayOf(new Date(deps.now().getTime() - 86_400_000), deps.timeZone());
  const rows = await deps.store.db
    .selectFrom('dayitem')
    .select('data')
    .where('resident_id', '=', residentId)
    .execute();
  return rows
    .map((r) => JSON.parse(r.data) as DayItem)
    .filter((i) => i.date >= from)
    .sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
}

export function createUnlockService(deps: UnlockDeps): UnlockService {
  const lockout = new PinLockout(deps.store, {
    maxAttempts: PIN_MAX_ATTEMPTS,
    lockoutMs: PIN_LOCKOUT_SECONDS * 1000,
    now: () => deps.now().getTime(),
  });
  const lockedAnswer = (ms: number): ResidentUnlockResult => {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    const minutes = Math.ceil(seconds / 60);
    return unlockFailed(
      'locked',
      `Too many wrong PINs. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      seconds,
    );
  };

  return async (principal, req) => {
    if (principal.role === 'relative')
      return unlockFailed('forbidden', 'Only a kiosk or staff can open a resident with a PIN.');
    const parsed = ResidentUnlockRequest.safeParse(req);
    if (!parsed.success)
      return unlockFailed(
        'invalid',
        'resident.unlock needs { residentId: string (1–100), pin: 4–8 digits }.',
      );
    const { residentId, pin } = parsed.data;
    const who = principalKey(principal);

    const visible = isStaff(principal) || deps.facts().consenting.has(residentId);
    const exists =
      visible &&
      (await deps.store.db
        .selectFrom('resident')
        .select('id')
        .where('id', '=', residentId)
        .executeTakeFirst()) !== undefined;
    if (!exists) return unlockFailed('not_found', NOT_FOUND);

    const key = `${who}|${residentId}`;
    const charge = await lockout.charge(key);
    if (!charge.ok) return lockedAnswer(charge.retryAfterMs);

    const hash = await readPinHash(deps.store.db, residentId);
    if (hash === null) {
      await lockout.succeeded(key); // nothing was guessed
      return unlockFailed('no_pin', 'This resident has no PIN: open the view without one.');
    }
    if (await verifyPassword(pin, hash)) {
      await lockout.succeeded(key);
      deps.logger.info({ residentId, by: who }, 'resident unlocked');
      return { ok: true, items: await personalItems(deps, residentId) };
    }
    const lockedFor = await lockout.failed(key);
    if (lockedFor !== null) {
      deps.logger.warn({ residentId, by: who }, 'resident PIN locked after too many wrong tries');
      return lockedAnswer(lockedFor);
    }
    deps.logger.info({ residentId, by: who }, 'wrong resident PIN');
    return unlockFailed('wrong_pin', 'That PIN is not right. Try again.');
  };
}
