/**
 * Kiosks: `POST /api/devices/enrol` (a one-time code for a token and the device cookie),
 * `POST /api/devices` (staff create a kiosk and its code) and `POST /api/devices/cookie` (the
 * kiosk page renews its HttpOnly device cookie at every start, so its `<img src="/media/…">` are
 * authorised: the page itself cannot set an HttpOnly cookie).
 */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountError, createEnrolCode, enrol, newCodeFor } from '../auth/accounts.js';
import { isStaff } from '../auth/principal.js';
import { readKioskAddress } from '../ops/kiosk-address.js';
import { setDeviceGroups } from '../store/secrets.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { cookieFor, credentialOf, requirePrincipal } from './credentials.js';
import { HttpError } from './errors.js';
import { createLimit } from './limits.js';

export const EnrolBody = z.object({ code: z.string().min(1).max(40) });
export const DeviceBody = z.object({
  name: z.string().min(1).max(100),
  location: z.string().max(200).optional(),
  /** The houses it serves (ids of groups); absent or empty: the whole centre. */
  groupIds: z.array(z.string().min(1).max(100)).max(100).optional(),
});

export interface DeviceRoutesOptions {
  store: Store;
  now: () => Date;
  logger: Logger;
  /** Where `serve` recorded the kiosk address (ops/kiosk-address.ts), for the enrolment link. */
  dataDir?: string;
  /** Writes the new kiosk's staff-only mirror to the change log (sync/mirrors.ts). */
  mirrorKiosk?: (deviceId: string) => Promise<void>;
}

const accountError = (err: unknown): unknown =>
  err instanceof AccountError ? new HttpError(err.status, err.code, err.message) : err;

export const deviceRoutes: FastifyPluginCallbackZod<DeviceRoutesOptions> = (app, opts, done) => {
  const { store, now, logger } = opts;
  const enrolLimit = createLimit(app, {
    name: 'enrol',
    max: 20,
    windowMs: 60_000,
    key: (req) => req.ip,
    message: 'Too many enrolment attempts. Wait a minute and try again.',
  });

  // Every attempt counts, the successful ones too (README section 2).
  app.post(
    '/enrol',
    { schema: { body: EnrolBody }, onRequest: enrolLimit.hook },
    async (req, reply) => {
      const result = await enrol(store.db, req.body.code, now()).catch((err: unknown) => {
        throw accountError(err);
      });
      logger.info({ deviceId: result.deviceId, name: result.name }, 'kiosk enrolled');
      return reply
        .setCookie(...cookieFor(req, 'device', result.token))
        .header('cache-control', 'no-store')
        .send(result);
    },
  );

  // Who asks is checked before the body is read: an anonymous body is not worth parsing.
  app.post(
    '/',
    {
      schema: { body: DeviceBody },
      onRequest: async (req) => {
        const principal = await requirePrincipal(store.db, req, now(), 'Log in first.');
        if (!isStaff(principal))
          throw new HttpError(403, 'forbidden', 'Only staff can add kiosks.');
        req.principal = principal;
      },
    },
    async (req, reply) => {
      const groupIds = [...new Set(req.body.groupIds ?? [])];
      for (const g of groupIds)
        if (
          !(await store.db.selectFrom('group').select('id').where('id', '=', g).executeTakeFirst())
        )
          throw new HttpError(404, 'not_found', `No such group: ${g}.`);
      const created = await createEnrolCode(
        store.db,
        req.body.name,
        req.body.location ?? '',
        now(),
      ).catch((err: unknown) => {
        throw accountError(err);
      });
      if (groupIds.length > 0) await setDeviceGroups(store.db, created.deviceId, groupIds);
      await store.db
        .insertInto('audit')
        .values({
          at: now().toISOString(),
          actor: `user:${req.principal?.id ?? ''}`,
          action: 'device.create',
          entity_type: 'device',
          entity_id: created.deviceId,
          detail: JSON.stringify({ name: req.body.name, location: req.body.location ?? '' }),
        })
        .execute();
      await opts.mirrorKiosk?.(created.deviceId);
      logger.info({ deviceId: created.deviceId, by: req.principal?.id }, 'enrolment code created');
      // The address kiosks open (recorded by serve), else the one staff reached us at.
      const origin =
        (opts.dataDir ? readKioskAddress(opts.dataDir) : null) ?? `${req.protocol}://${req.host}`;
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...created, kioskAddress: `${origin}/kiosk/#enrol=${created.code}` });
    },
  );

  // A new code for a kiosk that exists: its first code ran out, or its browser lost its token
  // (enrolling again replaces the token). Shown once, like the first.
  app.post(
    '/:id/code',
    {
      schema: { params: z.object({ id: z.string().min(1).max(100) }), body: z.unknown() },
      onRequest: async (req) => {
        const principal = await requirePrincipal(store.db, req, now(), 'Log in first.');
        if (!isStaff(principal))
          throw new HttpError(403, 'forbidden', 'Only staff can make kiosk codes.');
        req.principal = principal;
      },
    },
    async (req, reply) => {
      const made = await newCodeFor(store.db, req.params.id, now());
      if (!made) throw new HttpError(404, 'not_found', 'No such kiosk (or it was removed).');
      await store.db
        .insertInto('audit')
        .values({
          at: now().toISOString(),
          actor: `user:${req.principal?.id ?? ''}`,
          action: 'device.code',
          entity_type: 'device',
          entity_id: made.deviceId,
          detail: JSON.stringify({ name: made.name }),
        })
        .execute();
      const origin =
        (opts.dataDir ? readKioskAddress(opts.dataDir) : null) ?? `${req.protocol}://${req.host}`;
      const { name: _name, ...answer } = made;
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...answer, kioskAddress: `${origin}/kiosk/#enrol=${made.code}` });
    },
  );
  app.post('/cookie', { schema: { body: z.unknown() } }, async (req, reply) => {
    const token = credentialOf(req)?.token ?? '';
    const principal = await requirePrincipal(store.db, req, now(), 'A kiosk token is needed.');
    if (principal.kind !== 'device')
      throw new HttpError(403, 'forbidden', 'Only a kiosk gets a device cookie.');
    return (
      reply
        .setCookie(...cookieFor(req, 'device', token))
        .header('cache-control', 'no-store')
        // The kiosk learns its own id here: a wall notice for some kiosks shows only on those.
        .send({ status: 'ok', deviceId: principal.id })
    );
  });
  done();
};
