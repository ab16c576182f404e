import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
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
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  await migrate(db);
  return db;
}

/**
 * Kysely prepares every query afresh; the mutation path runs the same dozen statements over and
 * over, so keep the prepared statements (bounded, oldest dropped first).
 */
function withStatementCache(sqlite: BetterSqlite3.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}
