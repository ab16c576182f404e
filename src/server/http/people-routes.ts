/**
 * The people REST routes (issue 9):
 * - `POST /api/invitations/accept { token, username?, password }`: a relative opens their
 *   one-time link and sets their own password; answered like a login (session cookie). The one
 *   REST write besides login, as the relative has no session yet. Rate-limited per address; an
 *   unknown, expired, used or withdrawn link is refused with its own code and plain words.
 * - `GET /api/residents/:id/export`: everything stored about one resident as JSON (GDPR), for
 *   staff and admins, audited.
 *
 * The acceptance writes through the mutation queue (`internal`), so the new `user` mirror and the
 * accepted invitation reach staff caches in commit order like every other change.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { entityTypes, type Invitation } from '../../domain/model.js';
import { auditLogin } from '../auth/account-audit.js';
import {
  MIN_PASSWORD_LENGTH,
  PASSWORD_MESSAGE,
  SESSION_TTL_MS,
  USERNAME_MESSAGE,
  USERNAME_RULE,
} from '../auth/accounts.js';
import { isStaff } from '../auth/principal.js';
import { hashPassword, hashToken, newToken } from '../auth/tokens.js';
import { relativesOf } from '../people/relatives.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Writer } from '../store/writer.js';
import { mirrorUser } from '../sync/mirrors.js';
import { Rejection } from '../sync/handler.js';
import { cookieFor, requirePrincipal } from './credentials.js';
import { HttpError } from './errors.js';
import { createLimit } from './limits.js';

export const AcceptBody = z.object(
  {
    token: z.string().min(1).max(100),
    username: z.string().regex(USERNAME_RULE, USERNAME_MESSAGE).optional(),
    password: z.string().min(MIN_PASSWORD_LENGTH, PASSWORD_MESSAGE).max(200),
  },
  { error: 'Accepting needs { token, username? (2–64), password (8–200) }.' },
);

export interface PeopleRoutesOptions {
  store: Store;
  now: () => Date;
  /** A write through the mutation queue (MutationService.internal). */
  internal: (label: string, run: (w: Writer) => Promise<void>) => Promise<void>;
}

type Refusal = [code: string, message: string];
const REFUSED: Record<'unknown' | 'expired' | 'used' | 'revoked', Refusal> = {
  unknown: ['invitation_unknown', 'This link does not work. Ask the staff for a new one.'],
  expired: [
    'invitation_expired',
    'This link has expired (links last 7 days). Ask the staff for a new one.',
  ],
  used: [
    'invitation_used',
    'This link has been used already. Log in with your username and password.',
  ],
  revoked: ['invitation_revoked', 'This link was withdrawn by the staff. Ask them for a new one.'],
};
const refuse = (why: keyof typeof REFUSED): HttpError => new HttpError(400, ...REFUSED[why]);

async function invitationByToken(
  db: Kysely<Database>,
  token: string,
): Promise<{ inv: Invitation; expiresAt: string } | null> {
  const row = await db
    .selectFrom('invitation_token')
    .innerJoin('invitation', 'invitation.id', 'invitation_token.invite_id')
    .select(['invitation.data as data', 'invitation_token.expires_at as expiresAt'])
    .where('invitation_token.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return row ? { inv: JSON.parse(row.data) as Invitation, expiresAt: row.expiresAt } : null;
}

function whyNot(inv: Invitation, expiresAt: string, now: Date): keyof typeof REFUSED | null {
  if (inv.status === 'revoked') return 'revoked';
  if (inv.status === 'accepted') return 'used';
  if (expiresAt <= now.toISOString()) return 'expired';
  return null;
}

const usernameFree = async (db: Kysely<Database>, username: string): Promise<boolean> =>
  !(await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst());

/** A username from the e-mail address, or from the name and four digits. */
async function suggestUsername(db: Kysely<Database>, inv: Invitation): Promise<string> {
  if (inv.email && /^[a-zA-Z0-9._@-]{2,64}$/.test(inv.email) && (await usernameFree(db, inv.email)))
    return inv.email;
  const base =
    inv.name
      .normalize('NFKD')
      .replace(/[^a-zA-Z0-9]+/g, '.')
      .replace(/^\.+|\.+$/g, '')
      .toLowerCase()
      .slice(0, 40) || 'relative';
  for (;;) {
    const name = `${base}.${randomInt(1000, 10000)}`;
    if (await usernameFree(db, name)) return name;
  }
}

export const peopleRoutes: FastifyPluginCallbackZod<PeopleRoutesOptions> = (app, opts, done) => {
  const { store, now } = opts;
  const acceptLimit = createLimit(app, {
    name: 'invitation-accept',
    max: 20,
    windowMs: 15 * 60_000,
    key: (req) => req.ip,
    message: 'Too many attempts. Wait 15 minutes and try again.',
  });

  app.post(
    '/invitations/accept',
    { schema: { body: AcceptBody }, onRequest: acceptLimit.hook },
    async (req, reply) => {
      const { token, password } = req.body;
      const found = await invitationByToken(store.db, token);
      if (!found) throw refuse('unknown');
      const why = whyNot(found.inv, found.expiresAt, now());
      if (why) throw refuse(why);
      const username = req.body.username ?? (await suggestUsername(store.db, found.inv));
      if (!(await usernameFree(store.db, username)))
        throw new HttpError(
          409,
          'username_taken',
          `The username "${username}" is taken; choose another.`,
        );
      const passwordHash = await hashPassword(password);
      const userId = randomUUID();
      const session = newToken();
      const at = now();
      const expiresAt = new Date(at.getTime() + SESSION_TTL_MS).toISOString();
      let refused: keyof typeof REFUSED | 'taken' | null = null;
      await opts
        .internal('invitation.accept', async (w) => {
          // Again inside the transaction: two tabs accepting at once get one account.
          const inv = await w.get('invitation', found.inv.id);
          refused = inv ? whyNot(inv, found.expiresAt, at) : 'unknown';
          if (!refused && !(await usernameFree(w.db, username))) refused = 'taken';
          if (refused || !inv) throw new Rejection('conflict', 'invitation not open');
          // Only residents who still consent to the relatives' view: staff may have recorded a
          // withdrawal after inviting (which unlinks relatives, but this one was not linked yet).
          const residentIds: string[] = [];
          for (const id of inv.residentIds)
            if ((await w.get('resident', id))?.consent.relatives.given) residentIds.push(id);
          if (residentIds.length === 0) refused = 'revoked';
          if (refused) throw new Rejection('conflict', 'no resident consents any more');
          const db = w.db as Kysely<Database>;
          await db
            .insertInto('app_user')
            .values({
              id: userId,
              username,
              display_name: inv.name,
              role: 'relative',
              password_hash: passwordHash,
              resident_ids: JSON.stringify(residentIds),
              disabled: 0,
              created_at: at.toISOString(),
            })
            .execute();
          await mirrorUser(w, userId);
          await w.put('invitation', { ...inv, status: 'accepted', userId });
          await db
            .insertInto('session')
            .values({
              token_hash: hashToken(session),
              user_id: userId,
              created_at: at.toISOString(),
              expires_at: expiresAt,
              revoked: 0,
            })
            .execute();
          await db
            .insertInto('audit')
            .values({
              at: at.toISOString(),
              actor: `user:${userId}`,
              action: 'invitation.accept',
              entity_type: 'invitation',
              entity_id: inv.id,
              detail: JSON.stringify({ username, residentIds }),
            })
            .execute();
          await auditLogin(db, at, {
            action: 'login',
            userId,
            detail: { username, from: req.ip, via: 'invitation' },
          });
        })
        .catch((err: unknown) => {
          if (refused === 'taken')
            throw new HttpError(
              409,
              'username_taken',
              `The username "${username}" is taken; choose another.`,
            );
          if (refused) throw refuse(refused);
          throw err;
        });
      return reply
        .setCookie(...cookieFor(req, 'session', session))
        .header('cache-control', 'no-store')
        .send({
          token: session,
          role: 'relative',
          userId,
          username,
          displayName: found.inv.name,
          expiresAt,
        });
    },
  );

  app.get(
    '/residents/:id/export',
    { schema: { params: z.object({ id: z.string().min(1).max(100) }) } },
    async (req, reply) => {
      const principal = await requirePrincipal(store.db, req, now(), 'Log in first.');
      if (!isStaff(principal))
        throw new HttpError(403, 'forbidden', 'Only staff may export a resident’s data.');
      const body = await exportResident(store.db, req.params.id);
      if (!body) throw new HttpError(404, 'not_found', 'No such resident.');
      await store.db
        .insertInto('audit')
        .values({
          at: now().toISOString(),
          actor: `${principal.kind}:${principal.id}`,
          action: 'resident.export',
          entity_type: 'resident',
          entity_id: req.params.id,
          detail: null,
        })
        .execute();
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="resident-${encodeURIComponent(req.params.id)}.json"`,
        )
        .send({ ...body, exportedAt: now().toISOString() });
    },
  );
  done();
};

/** Everything stored about one resident, or null when there is no such resident. */
export async function exportResident(
  db: Kysely<Database>,
  residentId: string,
): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom('resident')
    .select('data')
    .where('id', '=', residentId)
    .executeTakeFirst();
  if (!row) return null;
  const records: Record<string, unknown[]> = {};
  for (const type of entityTypes) {
    if (type === 'resident') continue;
    const rows = await db
      .selectFrom(type as 'group')
      .select('data')
      .execute();
    const theirs = rows
      .map((r) => JSON.parse(r.data) as Record<string, unknown>)
      .filter((r) => r.residentId === residentId);
    if (theirs.length > 0) records[type] = theirs;
  }
  const consentHistory = await db
    .selectFrom('consent_event')
    .select(['channel', 'given', 'given_by', 'recorded_by', 'at'])
    .where('resident_id', '=', residentId)
    .orderBy('id')
    .execute();
  const w = { db } as unknown as Writer;
  const relatives = (await relativesOf(w, residentId)).map((u) => ({
    userId: u.id,
    displayName: u.display_name,
    username: u.username,
    disabled: u.disabled !== 0,
    createdAt: u.created_at,
  }));
  const invitations = (await db.selectFrom('invitation').select('data').execute())
    .map((r) => JSON.parse(r.data) as Invitation)
    .filter((i) => i.residentIds.includes(residentId));
  const pin = await db
    .selectFrom('resident_secret')
    .select('pin_hash')
    .where('resident_id', '=', residentId)
    .executeTakeFirst();
  return {
    resident: JSON.parse(row.data) as unknown,
    consentHistory: consentHistory.map((c) => ({
      channel: c.channel,
      given: c.given === 1,
      by: c.given_by,
      recordedBy: c.recorded_by,
      at: c.at,
    })),
    records,
    relatives,
    invitations,
    // Whether a PIN is set; the PIN's hash is a secret and never leaves the server.
    pin: { set: Boolean(pin?.pin_hash) },
  };
}
