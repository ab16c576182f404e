import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { migrate } from './migrations.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './permissions.js';
import type { Database } from './schema.js';

export const DB_FILE = 'citizen-guide.db';
/** The database and the files SQLite keeps beside it (they take the main file's mode). */
export const DB_FILES = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`] as const;

/**
 * Opens (creating if needed) the embedded SQLite store in `dataDir`. WAL lets readers run beside
 * the single writer; `synchronous = NORMAL` in WAL mode still never loses a committed transaction
 * to a process crash (only, at worst, the last ones to a power cut).
 */
export async function openSqlite(
  dataDir: string,
  opts: { migrate?: boolean } = {},
): Promise<Kysely<Database>> {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const file = join(dataDir, DB_FILE);
  // Create the file 0600 before SQLite does (it would make it 0644); SQLite gives the -wal and
  // -shm files the main file's mode. An existing file keeps its mode ('a' never truncates).
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  // The `migrate` command opens without, to run and report the migrations itself.
  if (opts.migrate !== false) await migrate(db);
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
