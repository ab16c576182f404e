import { sql, type Kysely, type Transaction } from 'kysely';
import { dialectOf } from './dialect.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** The storage the sync code runs on; only this file knows a dialect's quirks. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * Reads the change-log head inside a write transaction and holds it until commit: SQLite has one
 * writer at a time anyway, PostgreSQL takes a row lock (FOR UPDATE) so writers on every node
 * queue on it, seqs are handed out and committed in one order, and what a writer reads after it
 * (a mutation id's recorded outcome) includes every earlier writer's commit. Every write to the
 * change log starts with this (README.md). The dialect is the transaction's own, so no caller can
 * pass the wrong one.
 */
export async function lockHead(
  trx: Transaction<Database>,
  /** Ignored (older callers pass one): the transaction's own dialect decides. */
  _dialect?: Dialect,
): Promise<number> {
  const q = trx.selectFrom('sync_state').select('head').where('id', '=', 1);
  const row = await (dialectOf(trx) === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
  return Number(row.head);
}

export async function readHead(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('sync_state')
    .select('head')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.head);
}

export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}
