/**
 * The staff admin's operations (issue 9): kiosks' names and houses, messages to the wall, and
 * logins (admin only, by the catalogue). Logins reuse auth/accounts.ts, the same functions the
 * command line runs; each writes the staff-only mirror (sync/mirrors.ts) in the same transaction.
 */
import type { Kysely } from 'kysely';
import {
  AccountError,
  createUser,
  revokeUserSessions,
  setPassword,
  setUserDisabled,
} from '../../auth/accounts.js';
import type { Database } from '../../store/schema.js';
import { setDeviceGroups } from '../../store/secrets.js';
import { Rejection, type HandlerContext, type PartialHandlers } from '../handler.js';
import { mirrorKiosk, mirrorUser } from '../mirrors.js';

type OperationNames =
  | 'device.put'
  | 'wallnotice.put'
  | 'wallnotice.del'
  | 'user.create'
  | 'user.disable'
  | 'user.enable'
  | 'user.resetPassword'
  | 'user.revokeSessions';

/** A notice is for now: at most this far ahead. */
export const NOTICE_MAX_MS = 7 * 24 * 60 * 60 * 1000;

const db = (ctx: HandlerContext): Kysely<Database> => ctx.w.db;

/** accounts.ts speaks AccountError; a mutation answers with a Rejection. */
async function account<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    const code =
      err.code === 'exists' ? 'conflict' : err.code === 'not_found' ? 'not_found' : 'invalid';
    throw new Rejection(code, err.message);
  }
}

/** The staff login a user mutation is about (relatives' access is managed elsewhere). */
async function staffLogin(ctx: HandlerContext, userId: string): Promise<{ username: string }> {
  const user = await db(ctx)
    .selectFrom('app_user')
    .select(['username', 'role'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.role === 'relative') throw new Rejection('not_found', 'No such staff login.');
  return user;
}

export const operationHandlers: PartialHandlers<OperationNames> = {
  async 'device.put'(ctx, { deviceId, name, location, groupIds }) {
    const device = await db(ctx)
      .selectFrom('device')
      .select(['revoked'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (!device) throw new Rejection('not_found', 'No such kiosk.');
    if (device.revoked) throw new Rejection('conflict', 'This kiosk has been removed.');
    for (const g of groupIds)
      if (!(await ctx.w.get('group', g))) throw new Rejection('not_found', `No such group: ${g}.`);
    await db(ctx)
      .updateTable('device')
      .set({ name, location })
      .where('id', '=', deviceId)
      .execute();
    // A kiosk moved to other houses sees other news: the sweep reconnects it with its new view.
    await setDeviceGroups(ctx.w.db, deviceId, groupIds);
    await mirrorKiosk(ctx.w, deviceId);
    return undefined;
  },

  async 'wallnotice.put'(ctx, notice) {
    const until = Date.parse(notice.until);
    if (until <= ctx.now.getTime())
      throw new Rejection('invalid', 'The message must end in the future.');
    if (until - ctx.now.getTime() > NOTICE_MAX_MS)
      throw new Rejection('invalid', 'A message to the wall lasts at most 7 days.');
    for (const id of notice.kioskIds ?? []) {
      // The device table is the truth (the mirror may lag a kiosk made by the command line).
      const kiosk = await db(ctx)
        .selectFrom('device')
        .select('id')
        .where('id', '=', id)
        .where('revoked', '=', 0)
        .executeTakeFirst();
      if (!kiosk) throw new Rejection('not_found', `No such kiosk: ${id}.`);
    }
    await ctx.w.put('wallnotice', notice);
    return undefined;
  },
  async 'wallnotice.del'(ctx, { id }) {
    if (!(await ctx.w.get('wallnotice', id))) throw new Rejection('not_found', 'No such message.');
    await ctx.w.del('wallnotice', id);
    return undefined;
  },

  async 'user.create'(ctx, { userId, username, displayName, role, password }) {
    const taken = await db(ctx)
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (taken) throw new Rejection('conflict', 'A login with this id exists.');
    await account(() =>
      createUser(db(ctx), { id: userId, username, displayName, role, password }, ctx.now),
    );
    await mirrorUser(ctx.w, userId);
    return undefined;
  },
  async 'user.disable'(ctx, { userId }) {
    if (userId === ctx.principal.id)
      throw new Rejection('conflict', 'You cannot disable your own login.');
    const { username } = await staffLogin(ctx, userId);
    await account(() => setUserDisabled(db(ctx), username, true));
    await mirrorUser(ctx.w, userId);
    ctx.effect({ kind: 'end-user', userId });
    return undefined;
  },
  async 'user.enable'(ctx, { userId }) {
    const { username } = await staffLogin(ctx, userId);
    await account(() => setUserDisabled(db(ctx), username, false));
    await mirrorUser(ctx.w, userId);
    return undefined;
  },
  async 'user.resetPassword'(ctx, { userId, password }) {
    const { username } = await staffLogin(ctx, userId);
    await account(() => setPassword(db(ctx), username, password));
    // As the command line does: whoever used the old password is logged out too.
    await account(() => revokeUserSessions(db(ctx), username));
    ctx.effect({ kind: 'end-user', userId });
    return undefined;
  },
  async 'user.revokeSessions'(ctx, { userId }) {
    const { username } = await staffLogin(ctx, userId);
    await account(() => revokeUserSessions(db(ctx), username));
    ctx.effect({ kind: 'end-user', userId });
    return undefined;
  },
};
