/**
 * Backing up and restoring the embedded SQLite store.
 *
 * - A backup runs while the server runs: SQLite's online backup API (better-sqlite3's
 *   `.backup()`) copies a consistent snapshot of the database, WAL included, page by page, and
 *   starts over by itself if the server writes meanwhile. It is written beside its target first
 *   and renamed into place, so a crash never leaves a half backup under the target's name.
 * - A restore runs with the server stopped. It replaces the database file with the backup and
 *   gives the database a new identity (store/identity.ts): the change log clients followed is
 *   gone — its seqs will be handed out again to other changes — so every client must notice, drop
 *   its cache (never its outbox) and pull from 0. The database it replaces is kept beside it as
 *   `citizen-guide.db.before-restore-<time>`, complete (its WAL folded in), in case the restore
 *   was a mistake.
 */
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './permissions.js';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { newDatabaseIdentity } from './identity.js';
import { DB_FILE, openSqlite } from './sqlite.js';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupInfo {
  file: string;
  bytes: number;
  /** The change-log head the backup holds: a restore takes the centre back to this point. */
  head: number;
}

/** Tables every Citizen Guide database has; a file without them is not one of ours. */
const REQUIRED_TABLES = ['change_log', 'sync_state', 'processed_mutation', 'resident'];

const dbFile = (dataDir: string): string => join(dataDir, DB_FILE);

/** Copies the database in `dataDir` to `target`, safely while the server is running. */
export async function backupDatabase(dataDir: string, target: string): Promise<BackupInfo> {
  const source = dbFile(dataDir);
  if (!existsSync(source)) throw new BackupError(`There is no database in ${dataDir}.`);
  if (resolve(target) === resolve(source))
    throw new BackupError('The backup cannot be written over the database itself.');
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  // A backup holds what the database holds: only the server's user may read it, from the start.
  closeSync(openSync(partial, 'w', PRIVATE_FILE_MODE));
  const sqlite = new BetterSqlite3(source, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    await sqlite.backup(partial);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new BackupError(`The backup failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    sqlite.close();
  }
  const head = checkDatabaseFile(partial);
  chmodSync(partial, PRIVATE_FILE_MODE);
  renameSync(partial, target);
  return { file: target, bytes: statSync(target).size, head };
}

/**
 * Replaces the database in `dataDir` with the backup `from`. The server must be stopped: a
 * running server would go on writing to the file it has open. Returns the new identity and
 * where the replaced database was kept (null when there was none).
 */
export async function restoreDatabase(
  dataDir: string,
  from: string,
  now = new Date(),
): Promise<{ identity: string; head: number; previous: string | null }> {
  if (!existsSync(from)) throw new BackupError(`There is no backup file ${from}.`);
  // Checked before anything is touched: a wrong file must leave the centre's database as it was.
  const head = checkDatabaseFile(from);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const live = dbFile(dataDir);
  const incoming = `${live}.restoring`;
  copyFileSync(from, incoming);
  chmodSync(incoming, PRIVATE_FILE_MODE);
  let previous: string | null = null;
  if (existsSync(live)) {
    // Fold the WAL into the old file so the copy kept aside is complete on its own.
    const old = new BetterSqlite3(live, { fileMustExist: true });
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    previous = `${live}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(live, previous);
  }
  // A WAL left beside the restored file would be replayed into it and corrupt it.
  for (const suffix of ['-wal', '-shm']) rmSync(live + suffix, { force: true });
  renameSync(incoming, live);
  // Opening runs the migrations, so a backup made by an older version is brought up to date.
  const db = await openSqlite(dataDir);
  try {
    return { identity: await newDatabaseIdentity(db), head, previous };
  } finally {
    await db.destroy();
  }
}

/** Throws unless `file` is an intact Citizen Guide database; returns its change-log head. */
function checkDatabaseFile(file: string): number {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${file} cannot be opened: ${errorText(err)}`);
  }
  try {
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${file} is damaged: ${String(check)}`);
    const tables = new Set(
      (
        sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0)
      throw new BackupError(`${file} is not a Citizen Guide database (no ${missing.join(', ')}).`);
    const row = sqlite.prepare('select head from sync_state where id = 1').get() as
      { head: number } | undefined;
    return Number(row?.head ?? 0);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${file} is not a Citizen Guide database: ${errorText(err)}`);
  } finally {
    sqlite.close();
  }
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
