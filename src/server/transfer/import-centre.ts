/**
 * Reads a centre export (format.ts) into an empty store: a new centre's database on the
 * municipal deployment, or a fresh SQLite folder. Everything is checked before anything is
 * written (the manifest, each table file's rows and SHA-256, each media blob, the migrations on
 * both sides, that the target holds no centre yet); then every row goes in in one transaction, so
 * an import either happened whole or not at all.
 *
 * Kiosks keep working: their token hashes come along, so a kiosk that reaches the new server with
 * its token is the same kiosk. The imported database gets a new identity (store/identity.ts):
 * every client drops its cache once (never its outbox) and pulls from 0, as after a restore.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import { mediaDir } from '../media/media-store.js';
import { dialectOf } from '../store/dialect.js';
import { newDatabaseIdentity } from '../store/identity.js';
import { lockHead } from '../store/store.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/permissions.js';
import type { Database } from '../store/schema.js';
import { countRows } from '../store/store.js';
import { appliedMigrations, centreTables, fileSha256, sha256 } from './export-centre.js';
import {
  MANIFEST_FILE,
  MEDIA_DIR,
  Manifest,
  TABLES_DIR,
  TransferError,
  EXPORT_FORMAT,
  EXPORT_VERSION,
} from './format.js';

export interface ImportInfo {
  centre: Manifest['centre'];
  head: number;
  rows: number;
  media: number;
  /** The imported database's new identity: clients reset to it once. */
  identity: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, written generically
type AnyTrx = Transaction<any>;
type Row = Record<string, unknown>;

/** Rows per insert: well under SQLite's and PostgreSQL's limits on bound values. */
const BATCH = 100;

/** Tables whose rows mean a centre already lives in the target. */
const IN_USE = ['resident', 'app_user', 'device', 'change_log'] as const;

export async function importCentre(
  db: Kysely<Database>,
  dataDir: string,
  from: string,
): Promise<ImportInfo> {
  const dir = resolve(from);
  const manifest = await readManifest(dir);
  await checkMigrations(db, manifest);
  const tables = await readTables(db, dir, manifest);
  await checkMedia(dir, manifest);
  await checkEmpty(db);

  await copyMediaIn(dir, dataDir, manifest);
  const identity = await db.transaction().execute(async (trx) => {
    // Like every writer of the change log, under the head lock (store/README.md): a node left
    // running on the target waits, and its next write reads the imported head.
    await lockHead(trx);
    const any = trx as unknown as AnyTrx;
    for (const [table, rows] of tables) {
      // What the target's migrations seeded (the head row, its identity) gives way to the export.
      await any.deleteFrom(table).execute();
      for (let i = 0; i < rows.length; i += BATCH)
        await any
          .insertInto(table)
          .values(rows.slice(i, i + BATCH))
          .execute();
    }
    if (dialectOf(db) === 'postgres') await advanceIdentityColumns(any);
    return newDatabaseIdentity(trx);
  });
  return {
    centre: manifest.centre,
    head: manifest.head,
    rows: [...tables.values()].reduce((n, rows) => n + rows.length, 0),
    media: manifest.media.length,
    identity,
  };
}

async function readManifest(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file))
    throw new TransferError(`${dir} is not a centre export (it has no ${MANIFEST_FILE}).`);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new TransferError(`${file} is not readable JSON: the export is damaged.`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  const version = (raw as { version?: unknown } | null)?.version;
  if (format !== EXPORT_FORMAT)
    throw new TransferError(`${dir} is not a centre export (format ${JSON.stringify(format)}).`);
  if (version !== EXPORT_VERSION)
    throw new TransferError(
      `${dir} is export version ${JSON.stringify(version)}; this server reads version ${EXPORT_VERSION}.`,
    );
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success)
    throw new TransferError(
      `${file} does not describe an export: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim(),
    );
  return parsed.data;
}

/** Both sides must be at the same schema: the rows' columns are that schema's. */
async function checkMigrations(db: Kysely<Database>, manifest: Manifest): Promise<void> {
  const here = await appliedMigrations(db);
  const missing = manifest.migrations.filter((m) => !here.includes(m));
  if (missing.length > 0)
    throw new TransferError(
      `The export was made by a newer version (migrations ${missing.join(', ')} are not here). Update this server first.`,
    );
  const extra = here.filter((m) => !manifest.migrations.includes(m));
  if (extra.length > 0)
    throw new TransferError(
      `The export was made by an older version (it lacks migrations ${extra.join(', ')}). Update the centre's server to this version, start it once, and export again.`,
    );
}

async function readTables(
  db: Kysely<Database>,
  dir: string,
  manifest: Manifest,
): Promise<Map<string, Row[]>> {
  const here = await centreTables(db);
  const there = Object.keys(manifest.tables).sort();
  const unknown = there.filter((t) => !here.includes(t));
  const absent = here.filter((t) => !there.includes(t));
  if (unknown.length > 0 || absent.length > 0)
    throw new TransferError(
      `The export's tables differ from this database's (${[...unknown.map((t) => `+${t}`), ...absent.map((t) => `-${t}`)].join(', ')}).`,
    );
  const out = new Map<string, Row[]>();
  for (const table of there) {
    const expected = manifest.tables[table];
    const file = join(dir, TABLES_DIR, `${table}.jsonl`);
    if (!expected || !existsSync(file))
      throw new TransferError(`The export is incomplete: ${file} is missing.`);
    const text = await readFile(file, 'utf8');
    if (sha256(text) !== expected.sha256)
      throw new TransferError(`${file} is damaged or was changed (its SHA-256 differs).`);
    const rows = text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line, i) => {
        const row = JSON.parse(line) as unknown;
        if (row === null || typeof row !== 'object' || Array.isArray(row))
          throw new TransferError(`${file} line ${i + 1} is not a row.`);
        return row as Row;
      });
    if (rows.length !== expected.rows)
      throw new TransferError(
        `${file} holds ${rows.length} rows; the manifest says ${expected.rows}.`,
      );
    // Where the source database lived (ops/restored-database.ts) means nothing here: without it
    // the identity this import gives is the one the first start keeps.
    out.set(table, table === 'server_meta' ? rows.filter((r) => r.key !== 'identity_place') : rows);
  }
  return out;
}

async function checkMedia(dir: string, manifest: Manifest): Promise<void> {
  for (const { sha256: hash } of manifest.media) {
    const file = join(dir, MEDIA_DIR, hash);
    if (!existsSync(file)) throw new TransferError(`The export is incomplete: ${file} is missing.`);
    if ((await fileSha256(file)) !== hash)
      throw new TransferError(`${file} is damaged (its content does not match its name).`);
  }
}

async function checkEmpty(db: Kysely<Database>): Promise<void> {
  for (const table of IN_USE) {
    if ((await countRows(db, table)) > 0)
      throw new TransferError(
        `This database already holds a centre (its ${table} table has rows). Import into a new, empty database.`,
      );
  }
}

/** Blobs are content-addressed: one already there is the same blob and stays. */
async function copyMediaIn(dir: string, dataDir: string, manifest: Manifest): Promise<void> {
  if (manifest.media.length === 0) return;
  const target = mediaDir(dataDir);
  await mkdir(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const { sha256: hash } of manifest.media) {
    const file = join(target, hash);
    if (existsSync(file)) continue;
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await copyFile(join(dir, MEDIA_DIR, hash), tmp);
    await chmod(tmp, PRIVATE_FILE_MODE);
    renameSync(tmp, file);
  }
}

/**
 * Rows came with their numbers (the audit's ids): PostgreSQL's identity sequences must continue
 * after them, or the next audit entry collides with an imported one.
 */
async function advanceIdentityColumns(trx: AnyTrx): Promise<void> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
  for (const { table_name: table, column_name: column } of columns.rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
      (select coalesce(max(${sql.ref(column)}), 0) + 1 from ${sql.table(table)}), false)`.execute(
      trx,
    );
  }
}
