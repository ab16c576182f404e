/**
 * `POST /api/login`. Password hashing (scrypt, 128 MiB and ~0.3 s a time at today's cost) is the
 * most expensive thing an anonymous caller can make the server do, so three limits stand in front
 * of it, all checked before any hash runs:
 * - per client address: 20 attempts per 15 minutes (random usernames get nowhere);
 * - per address and username: 10 per 15 minutes (the guesser of one account);
 * - the hashing line: at most 2 hashes at once and 8 waiting; beyond that the answer is `503 busy`
 *   at once, so a flood never queues work on libuv's thread pool (which media and file reads share).
 * A successful login gives its attempt back on both counters: colleagues sharing an office
 * address are not locked out by each other.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { AccountError, login } from '../auth/accounts.js';
import { Slots } from '../speech/slots.js';
import type { Store } from '../store/store.js';
import { HttpError, SESSION_COOKIE, clientIp, readJson, sendJson } from './io.js';
import { RateLimiter } from './rate-limit.js';

export interface LoginLimits {
  perAddress: number;
  perUsername: number;
  windowMs: number;
  /** Hashes running at once. */
  hashing: number;
  /** Logins waiting for a hashing slot. */
  waiting: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddress: 20,
  perUsername: 10,
  windowMs: 15 * 60_000,
  hashing: 2,
  waiting: 8,
};

const LoginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

const SESSION_MAX_AGE_S = 30 * 86400;

export function createLoginRoute(
  store: Store,
  now: () => Date,
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const byAddress = new RateLimiter(limits.perAddress, limits.windowMs);
  const byUsername = new RateLimiter(limits.perUsername, limits.windowMs);
  const hashing = new Slots(limits.hashing, limits.waiting);
  const limited = (): HttpError =>
    new HttpError(429, 'rate_limited', 'Too many login attempts. Wait 15 minutes and try again.');

  return async (req, res) => {
    const ip = clientIp(req);
    if (!byAddress.take(ip)) throw limited();
    const r = LoginBody.safeParse(await readJson(req));
    if (!r.success)
      throw new HttpError(400, 'invalid', 'A login needs { username (1–64), password (1–200) }.');
    const body = r.data;
    const key = `${ip}|${body.username.toLowerCase()}`;
    if (!byUsername.take(key)) throw limited();
    let release: () => void;
    try {
      release = await hashing.acquire();
    } catch {
      // The attempt still counts (else a flood would be refused only by this line, for ever).
      return sendJson(
        res,
        503,
        { error: 'busy', message: 'The server is busy checking other logins. Try again soon.' },
        { 'retry-after': '2' },
      );
    }
    try {
      const session = await login(store.db, body.username, body.password, now());
      byUsername.reset(key);
      byAddress.refund(ip);
      const cookie = `${SESSION_COOKIE}=${session.token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MAX_AGE_S}`;
      return sendJson(res, 200, session, { 'set-cookie': cookie });
    } catch (err) {
      if (err instanceof AccountError) throw new HttpError(err.status, err.code, err.message);
      throw err;
    } finally {
      release();
    }
  };
}
