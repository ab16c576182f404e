/**
 * `POST /api/login` and `POST /api/logout`. Password hashing (scrypt, 128 MiB and ~0.3 s a time
 * at today's cost) is the most expensive thing an anonymous caller can make the server do, so
 * three limits stand in front of it, all checked before any hash runs:
 * - per client address: 20 attempts per 15 minutes (random usernames get nowhere), counted
 *   before the body is read;
 * - per address and username: 10 per 15 minutes (the guesser of one account);
 * - the hashing line: at most 2 hashes at once and 8 waiting; beyond that the answer is `503 busy`
 *   at once, so a flood never queues work on libuv's thread pool (which media and file reads share).
 * A successful login gives its attempt back to the address and clears the username's count:
 * colleagues sharing an office address are not locked out by each other. The client address is
 * fastify's `req.ip`, so behind a trusted reverse proxy it is the real client's (`trustProxy`).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBody } from '../../protocol/rest.js';
import { LoginRefusals } from '../auth/account-audit.js';
import { AccountError, login, logout } from '../auth/accounts.js';
import { Slots } from '../speech/slots.js';
import type { Store } from '../store/store.js';
import { clearCookieFor, cookieFor, credentialOf, requirePrincipal } from './credentials.js';
import { HttpError } from './errors.js';
import { createLimit, type WindowCounters } from './limits.js';

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

const LIMITED = 'Too many login attempts. Wait 15 minutes and try again.';

export interface AuthRoutesOptions {
  store: Store;
  now: () => Date;
  counters: WindowCounters;
  limits: LoginLimits;
  onLogout: (sessionToken: string) => void;
}

export const authRoutes: FastifyPluginCallbackZod<AuthRoutesOptions> = (app, opts, done) => {
  const { store, now, counters, limits } = opts;
  const byAddress = createLimit(app, {
    name: 'login-address',
    max: limits.perAddress,
    windowMs: limits.windowMs,
    key: (req) => req.ip,
    message: LIMITED,
  });
  const byUsername = createLimit(app, {
    name: 'login-username',
    max: limits.perUsername,
    windowMs: limits.windowMs,
    key: (req) => `${req.ip}|${(req.body as z.infer<typeof LoginBody>).username.toLowerCase()}`,
    message: LIMITED,
  });
  const hashing = new Slots(limits.hashing, limits.waiting);
  // Refused attempts go to the audit log, one row per address and reason per window.
  const refusals = new LoginRefusals(store.db, limits.windowMs);
  const audited = async (req: FastifyRequest, attempt: Promise<void>): Promise<void> => {
    try {
      await attempt;
    } catch (err) {
      if (err instanceof HttpError && err.status === 429)
        await refusals.refused(now(), req.ip, 'rate_limited');
      throw err;
    }
  };

  app.post(
    '/login',
    {
      schema: { body: LoginBody },
      onRequest: (req) => audited(req, byAddress.take(req)),
      preHandler: (req) => audited(req, byUsername.take(req)),
    },
    async (req, reply) => {
      let release: () => void;
      try {
        release = await hashing.acquire();
      } catch {
        // The attempt still counts (else a flood would be refused only by this line, for ever).
        await refusals.refused(now(), req.ip, 'busy');
        throw new HttpError(
          503,
          'busy',
          'The server is busy checking other logins. Try again soon.',
          { 'retry-after': '2' },
        );
      }
      try {
        const session = await login(store.db, req.body.username, req.body.password, now(), {
          from: req.ip,
        });
        await counters.reset(byUsername.keyOf(req));
        await counters.refund(byAddress.keyOf(req));
        return reply
          .setCookie(...cookieFor(req, 'session', session.token))
          .header('cache-control', 'no-store')
          .send(session);
      } catch (err) {
        if (err instanceof AccountError) throw new HttpError(err.status, err.code, err.message);
        throw err;
      } finally {
        release();
      }
    },
  );

  // Who the session cookie (or Bearer token) belongs to: how a page of a person knows, at load,
  // whether it is signed in (its script cannot read the HttpOnly cookie). Never a kiosk's device.
  app.get('/session', async (req, reply) => {
    const principal = await requirePrincipal(store.db, req, now(), 'Not signed in.');
    if (principal.kind !== 'user') throw new HttpError(401, 'unauthorized', 'Not signed in.');
    return reply.header('cache-control', 'no-store').send({
      userId: principal.id,
      role: principal.role,
      displayName: principal.name,
    });
  });

  // Always answers logged_out: a stale or missing token is logged out already.
  app.post('/logout', { schema: { body: z.unknown() } }, async (req, reply) => {
    const token = credentialOf(req)?.token;
    if (token) {
      await logout(store.db, token);
      opts.onLogout(token);
    }
    return reply
      .clearCookie(...clearCookieFor(req, 'session'))
      .header('cache-control', 'no-store')
      .send({ status: 'logged_out' });
  });
  done();
};
