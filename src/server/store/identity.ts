/**
 * The database's identity: a random id made when the database is created and made anew when it
 * is restored from a backup. Clients remember the identity they synced with; one that differs
 * means the change log they followed is gone (its seqs may be reused by other changes), so they
 * drop their cache (never their outbox) and pull from 0. `welcome` carries it, and it is part of
 * every pull page's and push's `view` key (see sync/view-key.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

const KEY = 'identity';

export async function readDatabaseIdentity(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('server_meta')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst();
  return row?.value ?? (await newDatabaseIdentity(db));
}

/** Gives the database a new identity (after a restore); returns it. */
export async function newDatabaseIdentity(db: Kysely<Database>): Promise<string> {
  const value = randomUUID();
  await db
    .insertInto('server_meta')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return value;
}
