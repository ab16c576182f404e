import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from './migrations.js';
import type { Database } from './schema.js';

export const DB_FILE = 'citizen-guide.db';

/**
 * Opens (creating if needed) the embedded SQLite store in `dataDir`. WAL lets readers run beside
 * the single writer; `synchronous = NORMAL` in WAL mode still never loses a committed transaction
 * to a process crash (only, at worst, the last ones to a power cut).
 */
export async function openSqlite(dataDir: string): Promise<Kysely<Database>> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DB_FILE);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return db;
}
