/**
 * The staff admin's REST reads and one write (issue 9), where the change log does not fit:
 * - `POST /api/password {current, next}`: any signed-in person changes their own password (the
 *   current one proves it is them); their other sessions end, this one stays;
 * - `GET /api/audit`: who changed what and when (staff; the audit is not synced), newest first,
 *   filtered by person, kind and day, a page at a time; secrets were redacted when written;
 * - `GET /api/evaluation?from&to` and `GET /api/evaluation.csv?from&to&table=weeks|hours`: the
 *   counts for the municipality's evaluation (server/evaluation), never a name.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { LocalDate } from '../../domain/model.js';
import type { AuditItem } from '../../protocol/operations.js';
import { NewPassword } from '../../protocol/rest.js';
import { dayBounds, daysBetween } from '../../domain/rules/days.js';
import { isStaff, type Principal } from '../auth/principal.js';
import { hashPassword, verifyPassword } from '../auth/tokens.js';
import { buildReport, hoursCsv, weeksCsv } from '../evaluation/report.js';
import { countSpeech, readUsage } from '../evaluation/usage-counts.js';
import type { Store } from '../store/store.js';
import type { Writer } from '../store/writer.js';
import type { KioskPresenceRow } from '../../protocol/operations.js';
import { requirePrincipal } from './credentials.js';
import { HttpError } from './errors.js';
import { createLimit } from './limits.js';

export interface OperationsDeps {
  /** The centre's time zone: days in filters and weeks in the evaluation are its. */
  timeZone: () => string;
  /** A server-internal write through the mutation queue (MutationService.internal). */
  internal: (label: string, run: (w: Writer) => Promise<void>) => Promise<void>;
  /** Which kiosks are on now (sync/presence.ts). */
  presence: () => Promise<KioskPresenceRow[]>;
  /** Asks an online kiosk to reload its page (sync/presence.ts); false when it is off. */
  reloadKiosk: (deviceId: string) => boolean;
}

export interface OperationsRoutesOptions extends OperationsDeps {
  store: Store;
  now: () => Date;
}

export const PasswordBody = z.strictObject({
  current: z.string().min(1).max(200),
  next: NewPassword,
});

export const AuditQuery = z.strictObject({
  /** `user:ID`, `cli`, `anonymous`, `device:ID`. */
  actor: z.string().min(1).max(140).optional(),
  /** The first part of the action: `activity`, `news`, `user`, `login`, `device`, … */
  kind: z
    .string()
    .regex(/^[a-z]{1,40}$/)
    .optional(),
  /** A day in the centre's zone. */
  day: LocalDate.optional(),
  /** The page after this row id (the `next` of the page before). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const EvaluationQuery = z.strictObject({
  from: LocalDate,
  to: LocalDate,
  table: z.enum(['weeks', 'hours']).optional(),
});

/** Longest evaluation period asked for at once (a year and a bit). */
export const EVALUATION_MAX_DAYS = 400;

export type { AuditItem };

const SECRET_KEYS = new Set(['password', 'pin', 'token', 'code', 'current', 'next']);

/** The stored detail as JSON, with any secret-named key blanked (they are redacted already). */
function detailOf(text: string | null): unknown {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) =>
        SECRET_KEYS.has(k) && v !== 'set' && v !== 'removed' ? [k, 'set'] : [k, v],
      ),
    );
  } catch {
    return text; // cut at 2,000 characters when written
  }
}

export const operationsRoutes: FastifyPluginCallbackZod<OperationsRoutesOptions> = (
  app,
  opts,
  done,
) => {
  const { store, now } = opts;
  const staffOnly = async (req: FastifyRequest): Promise<void> => {
    const principal = await requirePrincipal(store.db, req, now(), 'Log in first.');
    if (!isStaff(principal)) throw new HttpError(403, 'forbidden', 'This is for staff.');
    req.principal = principal;
  };
  const passwordLimit = createLimit(app, {
    name: 'password-change',
    max: 10,
    windowMs: 15 * 60_000,
    key: (req) => (req.principal ? `user:${req.principal.id}` : req.ip),
    message: 'Too many attempts to change the password. Wait 15 minutes and try again.',
  });

  app.post(
    '/password',
    {
      schema: { body: PasswordBody },
      onRequest: async (req) => {
        const principal = await requirePrincipal(store.db, req, now(), 'Log in first.');
        if (principal.kind !== 'user')
          throw new HttpError(403, 'forbidden', 'Only a person has a password.');
        req.principal = principal;
        await passwordLimit.take(req);
      },
    },
    async (req, reply) => {
      const principal = req.principal as Extract<Principal, { kind: 'user' }>;
      const row = await store.db
        .selectFrom('app_user')
        .select(['password_hash', 'username'])
        .where('id', '=', principal.id)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(req.body.current, row.password_hash)))
        // 403, not 401: the session is fine, the proof is not (the shell's change-password page).
        throw new HttpError(403, 'wrong_password', 'The current password is not right.');
      if (req.body.next === req.body.current)
        throw new HttpError(400, 'invalid', 'Choose a new password, not the one you have.');
      const hash = await hashPassword(req.body.next);
      const at = now();
      const ended = await store.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({ password_hash: hash })
          .where('id', '=', principal.id)
          .execute();
        // Whoever else knew the old password is signed out; this browser stays signed in.
        const res = await trx
          .updateTable('session')
          .set({ revoked: 1 })
          .where('user_id', '=', principal.id)
          .where('revoked', '=', 0)
          .where('token_hash', '!=', principal.sessionHash)
          .executeTakeFirst();
        const sessions = Number(res.numUpdatedRows);
        await trx
          .insertInto('audit')
          .values({
            at: at.toISOString(),
            actor: `user:${principal.id}`,
            action: 'user.password_changed',
            entity_type: 'user',
            entity_id: principal.id,
            detail: JSON.stringify({ username: row.username, sessions }),
          })
          .execute();
        return sessions;
      });
      return reply.header('cache-control', 'no-store').send({ status: 'ok', sessionsEnded: ended });
    },
  );

  app.get(
    '/audit',
    { schema: { querystring: AuditQuery }, onRequest: staffOnly },
    async (req, reply) => {
      const { actor, kind, day, before } = req.query;
      const limit = req.query.limit ?? 50;
      let q = store.db
        .selectFrom('audit')
        .leftJoin('app_user', (j) =>
          j.on(sql<string>`'user:' || app_user.id`, '=', sql.ref('audit.actor')),
        )
        .select([
          'audit.id as id',
          'audit.at as at',
          'audit.actor as actor',
          'app_user.display_name as actorName',
          'audit.action as action',
          'audit.entity_type as entityType',
          'audit.entity_id as entityId',
          'audit.detail as detail',
        ])
        .orderBy('audit.id', 'desc')
        .limit(limit + 1);
      if (actor) q = q.where('audit.actor', '=', actor);
      if (kind)
        q = q.where((eb) =>
          eb.or([eb('audit.action', '=', kind), eb('audit.action', 'like', `${kind}.%`)]),
        );
      if (day) {
        const { start, end } = dayBounds(day, opts.timeZone());
        q = q
          .where('audit.at', '>=', start.toISOString())
          .where('audit.at', '<', end.toISOString());
      }
      if (before) q = q.where('audit.id', '<', before);
      const rows = await q.execute();
      const items: AuditItem[] = rows.slice(0, limit).map((r) => ({
        id: Number(r.id),
        at: r.at,
        actor: r.actor,
        actorName: r.actorName ?? null,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        detail: detailOf(r.detail),
      }));
      const next = rows.length > limit ? (items[items.length - 1]?.id ?? null) : null;
      return reply.header('cache-control', 'no-store').send({ items, next });
    },
  );

  const report = (from: string, to: string) => {
    if (to < from) throw new HttpError(400, 'invalid', '"to" must not be before "from".');
    if (daysBetween(from, to) > EVALUATION_MAX_DAYS)
      throw new HttpError(400, 'invalid', `At most ${EVALUATION_MAX_DAYS} days at once.`);
    const tz = opts.timeZone();
    const start = dayBounds(from, tz).start;
    const end = dayBounds(to, tz).end;
    return readUsage(store.db, start, end).then((rows) => buildReport(rows, from, to, tz));
  };

  app.get(
    '/evaluation',
    { schema: { querystring: EvaluationQuery }, onRequest: staffOnly },
    async (req, reply) => {
      const r = await report(req.query.from, req.query.to);
      return reply.header('cache-control', 'no-store').send(r);
    },
  );
  app.get(
    '/evaluation.csv',
    { schema: { querystring: EvaluationQuery }, onRequest: staffOnly },
    async (req, reply) => {
      const { from, to } = req.query;
      const table = req.query.table ?? 'weeks';
      const r = await report(from, to);
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="evaluation-${table}-${from}-${to}.csv"`,
        )
        .type('text/csv; charset=utf-8')
        .send(table === 'weeks' ? weeksCsv(r) : hoursCsv(r));
    },
  );

  // Which kiosks are on now, for Skærme and I dag: not in the change log (it changes with every
  // connection), so staff pages ask for it now and then.
  app.get('/devices/presence', { onRequest: staffOnly }, async (_req, reply) =>
    reply.header('cache-control', 'no-store').send({ kiosks: await opts.presence() }),
  );

  // Staff's "reload this screen" (the kiosk list): sent to the kiosk's sockets as `kiosk.reload`.
  app.post(
    '/devices/:id/reload',
    {
      schema: { params: z.strictObject({ id: z.string().min(1).max(100) }) },
      onRequest: staffOnly,
    },
    async (req, reply) => {
      const known = (await opts.presence()).some((k) => k.id === req.params.id);
      if (!known) throw new HttpError(404, 'not_found', 'No such kiosk.');
      if (!opts.reloadKiosk(req.params.id))
        throw new HttpError(
          409,
          'offline',
          'The kiosk is not connected; it cannot be reloaded now.',
        );
      return reply.code(202).send({ status: 'sent' });
    },
  );

  // The read-aloud button was pressed on a kiosk (or in a staff preview): counted for the
  // evaluation. Most presses never reach GET /api/speech (a system voice, or audio fetched
  // ahead and kept on the kiosk), so the press itself is what is counted.
  app.post('/speech/used', { schema: { body: z.unknown() } }, async (req, reply) => {
    const principal = await requirePrincipal(store.db, req, now(), 'A kiosk token is needed.');
    if (principal.role === 'relative')
      throw new HttpError(403, 'forbidden', 'Read-aloud is for kiosks and staff.');
    await countSpeech(store.db, principal.role, now());
    return reply.code(204).send();
  });
  done();
};
