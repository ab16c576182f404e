/**
 * The database identity a server starts with (store/identity.ts), and a PostgreSQL database
 * restored from a dump noticed as one.
 *
 * On SQLite the `restore` command itself gives the restored file a new identity. On PostgreSQL
 * the operator restores with `pg_restore` (README "Backup and restore on PostgreSQL"), which
 * brings the dumped identity back with the data: every kiosk would take the restored database
 * for the one it followed, keep the changes the restore took away and, once the head has grown
 * past its cursor again, skip the new changes that reuse those seqs. So the identity is kept
 * together with where it lives: the cluster's system identifier, the database's oid and the
 * `server_meta` table's oid. A restore makes a new database, or new tables in the same one
 * (`pg_restore --clean`), so at least one of them differs; the first node that starts on it then
 * gives the database a new identity, and every client drops its cache (never its outbox) and
 * pulls from 0, as after a SQLite restore. A copy (`create database … template`) is another
 * database as well and gets its own identity. A replica promoted after a failover keeps all
 * three, and its identity: it is the same database.
 *
 * Several nodes start at once on one database: the check and the write hold one advisory lock,
 * so they all settle on one identity (without it, two nodes starting on a new database could each
 * write their own, and clients would rebuild their cache at every switch of node).
 */
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../logger.js';
import { newDatabaseIdentity, readDatabaseIdentity } from '../store/identity.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';

const IDENTITY = 'identity';
/** Where the identity was given: `<system identifier>/<database oid>/<server_meta oid>`. */
const PLACE = 'identity_place';
/** pg_advisory_xact_lock key of this check ("CG" 0x0001), unlike any other lock of ours. */
const LOCK = 0x43470001;

export async function settleDatabaseIdentity(store: Store, logger: Logger): Promise<string> {
  if (store.dialect !== 'postgres') return readDatabaseIdentity(store.db);
  const system = await systemIdentifier(store.db);
  return store.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK})`.execute(trx);
    const here = await placeOf(trx, system);
    const rows = await trx
      .selectFrom('server_meta')
      .select(['key', 'value'])
      .where('key', 'in', [IDENTITY, PLACE])
      .execute();
    const identity = rows.find((r) => r.key === IDENTITY)?.value;
    const place = rows.find((r) => r.key === PLACE)?.value;
    // An identity given before places were recorded is kept: it cannot be told from a restore.
    if (identity !== undefined && (place === undefined || place === here)) {
      if (place === undefined) await writePlace(trx, here);
      return identity;
    }
    const fresh = await newDatabaseIdentity(trx);
    await writePlace(trx, here);
    if (identity !== undefined)
      logger.warn(
        { previous: identity, identity: fresh },
        'this PostgreSQL database was restored or copied: it has a new identity, and every client rebuilds its cache (keeping its outbox)',
      );
    return fresh;
  });
}

/**
 * The cluster's system identifier; '' where the role may not read it (a hardened or managed
 * PostgreSQL can revoke pg_control_system): the oids still tell a restore.
 */
async function systemIdentifier(db: Kysely<Database>): Promise<string> {
  try {
    const { rows } = await sql<{ id: string }>`
      select system_identifier::text as id from pg_control_system()`.execute(db);
    return rows[0]?.id ?? '';
  } catch {
    return '';
  }
}

async function placeOf(db: Kysely<Database>, system: string): Promise<string> {
  const { rows } = await sql<{ place: string }>`
    select concat_ws('/', ${system}::text,
      (select oid::text from pg_database where datname = current_database()),
      to_regclass('server_meta')::oid::text) as place`.execute(db);
  return rows[0]!.place;
}

async function writePlace(db: Kysely<Database>, value: string): Promise<void> {
  await db
    .insertInto('server_meta')
    .values({ key: PLACE, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
