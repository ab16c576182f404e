import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** The storage the sync code runs on; only this file knows a dialect's quirks. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * Reads the change-log head inside a write transaction and holds it: SQLite has one writer at a
 * time anyway, PostgreSQL takes a row lock so concurrent mutations queue on it and seqs stay in
 * commit order.
 */
export async function lockHead(trx: Transaction<Database>, dialect: Dialect): Promise<number> {
  const q = trx.selectFrom('sync_state').select('head').where('id', '=', 1);
  const row = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
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
