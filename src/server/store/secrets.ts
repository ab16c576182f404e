import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function setPinHash(
  db: Db,
  residentId: string,
  pinHash: string | null,
): Promise<void> {
  await db
    .insertInto('resident_secret')
    .values({ resident_id: residentId, pin_hash: pinHash })
    .onConflict((oc) => oc.column('resident_id').doUpdateSet({ pin_hash: pinHash }))
    .execute();
}

export async function markDeviceRevoked(db: Db, deviceId: string): Promise<boolean> {
  const res = await db
    .updateTable('device')
    .set({ revoked: 1 })
    .where('id', '=', deviceId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Places a kiosk in some groups (houses): it then receives only news and activities for everyone
 * or for those groups. An empty list is the whole centre. Open sockets of the kiosk are closed by
 * the server's next sweep and reconnect with the new view.
 */
export async function setDeviceGroups(
  db: Db,
  deviceId: string,
  groupIds: readonly string[],
): Promise<boolean> {
  const res = await db
    .updateTable('device')
    .set({ group_ids: JSON.stringify([...new Set(groupIds)]) })
    .where('id', '=', deviceId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The resident's PIN hash, or null when they have none (or no secret row yet). */
export async function readPinHash(db: Db, residentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('resident_secret')
    .select('pin_hash')
    .where('resident_id', '=', residentId)
    .executeTakeFirst();
  return row?.pin_hash ?? null;
}
