/**
 * Relatives' accounts as the mutations change them: the `app_user` row (what sign-in and the
 * socket sweep read) and its staff-only mirror, the `user` entity (sync/mirrors.ts), written
 * together in the mutation's transaction so the staff list never disagrees with who may sign in.
 */
import type { Database, User } from '../store/schema.js';
import type { Kysely } from 'kysely';
import type { Writer } from '../store/writer.js';
import { mirrorUser } from '../sync/mirrors.js';
import { revokeRelativeFeeds } from '../feeds/feeds.js';

type Db = Kysely<Database>;

export async function relativeRow(w: Writer, userId: string): Promise<User | undefined> {
  return (w.db as Db)
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', userId)
    .where('role', '=', 'relative')
    .executeTakeFirst();
}

/** Relatives linked to a resident (a LIKE narrows the scan; the JSON decides). */
export async function relativesOf(w: Writer, residentId: string): Promise<User[]> {
  const rows = await (w.db as Db)
    .selectFrom('app_user')
    .selectAll()
    .where('role', '=', 'relative')
    .where('resident_ids', 'like', `%${JSON.stringify(residentId).slice(1, -1)}%`)
    .execute();
  return rows.filter((u) => (JSON.parse(u.resident_ids) as string[]).includes(residentId));
}

/**
 * Sets a relative's linked residents. None left: the access ends entirely (disabled, every
 * session revoked), so a later re-link cannot bring an old session back. Returns the new row.
 */
export async function setRelativeResidents(
  w: Writer,
  user: User,
  residentIds: readonly string[],
): Promise<User> {
  const db = w.db as Db;
  const disabled = residentIds.length === 0 ? 1 : user.disabled;
  await db
    .updateTable('app_user')
    .set({ resident_ids: JSON.stringify(residentIds), disabled })
    .where('id', '=', user.id)
    .execute();
  if (residentIds.length === 0)
    await db.updateTable('session').set({ revoked: 1 }).where('user_id', '=', user.id).execute();
  // Their calendar addresses for the residents they lose stop too (server/feeds).
  const before = JSON.parse(user.resident_ids) as string[];
  await revokeRelativeFeeds(
    w,
    user.id,
    before.filter((id) => !residentIds.includes(id)),
  );
  await mirrorUser(w, user.id);
  return { ...user, resident_ids: JSON.stringify(residentIds), disabled };
}
