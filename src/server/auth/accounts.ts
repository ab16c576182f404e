/**
 * Users, sessions, kiosk devices and enrolment codes. Used by the HTTP layer and the CLI.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { markDeviceRevoked } from '../store/secrets.js';
import { auditLogin } from './account-audit.js';
import {
  MIN_PASSWORD_LENGTH,
  PASSWORD_MESSAGE,
  USERNAME_MESSAGE,
  USERNAME_RULE,
} from '../../domain/rules/credentials.js';
import {
  DUMMY_HASH,
  hashPassword,
  hashToken,
  needsRehash,
  newEnrolCode,
  newToken,
  normaliseEnrolCode,
  verifyPassword,
} from './tokens.js';

export const ENROL_CODE_TTL_MS = 10 * 60 * 1000;
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export class AccountError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * What a login may be named, and how short its password may be: every account's rule, in the
 * domain so the pages that make logins (the municipal admin's) show the very same one.
 */
export {
  MIN_PASSWORD_LENGTH,
  PASSWORD_MESSAGE,
  USERNAME_MESSAGE,
  USERNAME_RULE,
} from '../../domain/rules/credentials.js';

/** Throws `invalid` for a username or a new password the rule above refuses. */
export function assertNewCredentials(username: string, password: string): void {
  if (!USERNAME_RULE.test(username)) throw new AccountError('invalid', USERNAME_MESSAGE);
  if (password.length < MIN_PASSWORD_LENGTH) throw new AccountError('invalid', PASSWORD_MESSAGE);
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: 'staff' | 'admin' | 'relative';
  residentIds?: string[];
  /** The id to give the login (the staff admin chooses it, so its mutation can be retried). */
  id?: string;
}

export async function createUser(
  db: Kysely<Database>,
  u: NewUser,
  now = new Date(),
): Promise<string> {
  assertNewCredentials(u.username, u.password);
  const existing = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', u.username)
    .executeTakeFirst();
  if (existing) throw new AccountError('exists', `The username "${u.username}" is taken.`, 409);
  const id = u.id ?? randomUUID();
  await db
    .insertInto('app_user')
    .values({
      id,
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: await hashPassword(u.password),
      resident_ids: JSON.stringify(u.residentIds ?? []),
      disabled: 0,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** Sets a user's password (at least 8 characters); throws `not_found` for an unknown user. */
export async function setPassword(
  db: Kysely<Database>,
  username: string,
  password: string,
): Promise<void> {
  if (password.length < 8)
    throw new AccountError('invalid', 'A password needs at least 8 characters.');
  const res = await db
    .updateTable('app_user')
    .set({ password_hash: await hashPassword(password) })
    .where('username', '=', username)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw unknownUser(username);
}

const unknownUser = (username: string): AccountError =>
  new AccountError('not_found', `There is no user "${username}".`, 404);

/**
 * Disables or enables a login. Disabling also ends the user's sessions, so enabling them later
 * does not bring an old session back; a running server closes their sockets within its sweep.
 */
export async function setUserDisabled(
  db: Kysely<Database>,
  username: string,
  disabled: boolean,
): Promise<{ id: string; sessions: number }> {
  // Inside a mutation's transaction (the staff admin) it runs there; else in its own.
  const run = <T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);
  return run(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (!user) throw unknownUser(username);
    await trx
      .updateTable('app_user')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', user.id)
      .execute();
    const sessions = disabled ? await revokeSessionsOf(trx, user.id) : 0;
    return { id: user.id, sessions };
  });
}

/** Ends every session of a user (all devices); returns the user id and how many were open. */
export async function revokeUserSessions(
  db: Kysely<Database>,
  username: string,
): Promise<{ id: string; sessions: number }> {
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) throw unknownUser(username);
  return { id: user.id, sessions: await revokeSessionsOf(db, user.id) };
}

async function revokeSessionsOf(db: Kysely<Database>, userId: string): Promise<number> {
  const res = await db
    .updateTable('session')
    .set({ revoked: 1 })
    .where('user_id', '=', userId)
    .where('revoked', '=', 0)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Checks a password and opens a session. Every outcome is audited (account-audit.ts: `login`,
 * `login.failed`, `login.refused` for a disabled user), with the client address when the caller
 * gives it, never the password. A wrong password and a disabled user get the same answer.
 */
export async function login(
  db: Kysely<Database>,
  username: string,
  password: string,
  now = new Date(),
  client: { from?: string } = {},
): Promise<{
  token: string;
  role: string;
  userId: string;
  displayName: string;
  expiresAt: string;
}> {
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  // Verify against a dummy hash when the user is unknown so timing does not reveal usernames.
  const ok = user
    ? await verifyPassword(password, user.password_hash)
    : (await verifyPassword(password, DUMMY_HASH), false);
  if (!user || !ok || user.disabled) {
    await auditLogin(db, now, {
      action: !user || !ok ? 'login.failed' : 'login.refused',
      userId: user?.id ?? null,
      // An unknown name is not written down: it is often a password typed in the wrong field.
      detail: {
        ...(user ? { username: user.username } : {}),
        reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled',
        ...client,
      },
    });
    throw new AccountError('bad_credentials', 'Wrong username or password.', 401);
  }
  // A hash made with older, cheaper parameters is brought up to today's at the first login that
  // proves the password (the only moment the server knows it).
  if (needsRehash(user.password_hash)) {
    await db
      .updateTable('app_user')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', user.id)
      .where('password_hash', '=', user.password_hash)
      .execute();
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await db
    .insertInto('session')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked: 0,
    })
    .execute();
  await auditLogin(db, now, {
    action: 'login',
    userId: user.id,
    detail: { username: user.username, ...client },
  });
  return { token, role: user.role, userId: user.id, displayName: user.display_name, expiresAt };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db
    .updateTable('session')
    .set({ revoked: 1 })
    .where('token_hash', '=', hashToken(token))
    .execute();
}

/** Creates a kiosk device and a one-time code (valid 10 minutes) to enrol it with. */
export async function createEnrolCode(
  db: Kysely<Database>,
  name: string,
  location = '',
  now = new Date(),
): Promise<{ code: string; deviceId: string; expiresAt: string }> {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100)
    throw new AccountError('invalid', 'A kiosk needs a name of 1–100 characters.');
  const deviceId = randomUUID();
  const code = newEnrolCode();
  const expiresAt = new Date(now.getTime() + ENROL_CODE_TTL_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('device')
      .values({
        id: deviceId,
        name: trimmed,
        location,
        token_hash: null,
        revoked: 0,
        created_at: now.toISOString(),
        last_seen_at: null,
      })
      .execute();
    await trx
      .insertInto('enrol_code')
      .values({
        code_hash: hashToken(normaliseEnrolCode(code)),
        device_id: deviceId,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
  });
  return { code, deviceId, expiresAt };
}

/**
 * A new one-time code (valid 10 minutes) for a kiosk that exists and is not revoked: its first
 * code ran out, or its browser lost its token. Enrolling with it gives the kiosk a new token, and
 * the old one stops working. Null for an unknown or revoked kiosk.
 */
export async function newCodeFor(
  db: Kysely<Database>,
  deviceId: string,
  now = new Date(),
): Promise<{ code: string; deviceId: string; expiresAt: string; name: string } | null> {
  const device = await db
    .selectFrom('device')
    .select(['name'])
    .where('id', '=', deviceId)
    .where('revoked', '=', 0)
    .executeTakeFirst();
  if (!device) return null;
  const code = newEnrolCode();
  const expiresAt = new Date(now.getTime() + ENROL_CODE_TTL_MS).toISOString();
  await db
    .insertInto('enrol_code')
    .values({
      code_hash: hashToken(normaliseEnrolCode(code)),
      device_id: deviceId,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { code, deviceId, expiresAt, name: device.name };
}

/** Exchanges a one-time code for the kiosk's 256-bit token. */
export async function enrol(
  db: Kysely<Database>,
  code: string,
  now = new Date(),
): Promise<{ token: string; deviceId: string; name: string }> {
  const codeHash = hashToken(normaliseEnrolCode(code));
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('enrol_code')
      .innerJoin('device', 'device.id', 'enrol_code.device_id')
      .select([
        'enrol_code.expires_at as expiresAt',
        'enrol_code.used_at as usedAt',
        'device.id as deviceId',
        'device.name as name',
        'device.revoked as revoked',
      ])
      .where('enrol_code.code_hash', '=', codeHash)
      .executeTakeFirst();
    if (!row)
      throw new AccountError(
        'code_unknown',
        'This enrolment code is not known. Check it, or ask staff for a new one.',
      );
    if (row.usedAt)
      throw new AccountError(
        'code_used',
        'This enrolment code has already been used. Ask staff for a new one.',
      );
    if (row.expiresAt <= now.toISOString()) {
      throw new AccountError(
        'code_expired',
        'This enrolment code has expired (codes last 10 minutes). Ask staff for a new one.',
      );
    }
    if (row.revoked)
      throw new AccountError('device_revoked', 'This kiosk has been removed by staff.', 403);
    const token = newToken();
    await trx
      .updateTable('enrol_code')
      .set({ used_at: now.toISOString() })
      .where('code_hash', '=', codeHash)
      .execute();
    await trx
      .updateTable('device')
      .set({ token_hash: hashToken(token) })
      .where('id', '=', row.deviceId)
      .execute();
    return { token, deviceId: row.deviceId, name: row.name };
  });
}

/** Revokes a kiosk; a running server disconnects it within a second (it polls). */
export const revokeDevice = (db: Kysely<Database>, deviceId: string): Promise<boolean> =>
  markDeviceRevoked(db, deviceId);
