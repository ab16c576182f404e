/**
 * What a migration writes differently on PostgreSQL. SQLite gets exactly the types it always got
 * (a shipped migration must keep doing what it did); PostgreSQL gets:
 * - text as `text collate "C"`: ids and ISO times order and compare bytewise, as in SQLite
 *   (a database's default collation, e.g. en_US, sorts `a-b` before `ab` and ignores case
 *   differences at first), and LIKE on them can use the indexes;
 * - JSON records as `jsonb` (the store reads them back as text, see postgres.ts);
 * - an identity column where SQLite has `integer primary key autoincrement` (PostgreSQL has no
 *   `auto_increment`).
 */
import {
  PostgresAdapter,
  sql,
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type Expression,
  type Kysely,
} from 'kysely';
import type { Dialect } from './store.js';

/** What `addColumn` takes as a type (kysely does not export its name for it). */
type DataTypeExpression = ColumnDataType | Expression<unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations see Kysely<unknown>
type AnyDb = Kysely<any>;

export function dialectOf(db: AnyDb): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column types for a migration on `db`'s dialect. */
export function columnTypes(db: AnyDb): {
  /** Text: bytewise order on both. */
  text: DataTypeExpression;
  /** A JSON record (entity data, a change's data). */
  json: DataTypeExpression;
  /** An `integer` key the database numbers itself. */
  autoId: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
} {
  if (dialectOf(db) === 'postgres')
    return {
      text: sql`text collate "C"`,
      json: 'jsonb',
      autoId: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
    };
  return { text: 'text', json: 'text', autoId: (c) => c.primaryKey().autoIncrement() };
}
