/**
 * Writes a centre export (format.ts) from a store and its data folder's media. Safe while the
 * server runs: every table is read in one transaction (SQLite: one read snapshot in WAL mode;
 * PostgreSQL: REPEATABLE READ), so the export is one moment of the centre, change log and head
 * included. It is written to `<to>.partial` and renamed when complete, so a crash or a full disk
 * never leaves something under the target's name that looks whole.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import { MEDIA_HASH, mediaDir, mediaHash } from '../media/media-store.js';
import { dialectOf } from '../store/dialect.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/permissions.js';
import type { Database } from '../store/schema.js';
import { readHead } from '../store/store.js';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  MANIFEST_FILE,
  MEDIA_DIR,
  MIGRATION_TABLES,
  TABLES_DIR,
  TransferError,
  type Manifest,
} from './format.js';

export interface ExportInfo {
  dir: string;
  manifest: Manifest;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, read generically
type AnyTrx = Transaction<any>;

/** A table file's SHA-256, as a media blob's (media-store.ts). */
export const sha256 = (text: string): string => mediaHash(Buffer.from(text, 'utf8'));

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The tables a centre consists of: every table of ours (not the migrations' bookkeeping). */
export async function centreTables(db: Kysely<Database> | AnyTrx): Promise<string[]> {
  const tables = await db.introspection.getTables();
  // PostgreSQL lists every schema's tables; a centre's are those of its own (one of many in a
  // municipal deployment, store/schema-pool.ts).
  const own =
    dialectOf(db as Kysely<Database>) === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  return tables
    .filter((t) => !t.isView && !MIGRATION_TABLES.has(t.name))
    .filter((t) => own === undefined || t.schema === own)
    .map((t) => t.name)
    .sort();
}

export async function appliedMigrations(db: Kysely<Database> | AnyTrx): Promise<string[]> {
  const trx = db as AnyTrx;
  const rows = (await trx
    .selectFrom('kysely_migration')
    .select('name')
    .orderBy('name')
    .execute()) as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}

export async function exportCentre(
  db: Kysely<Database>,
  dataDir: string,
  to: string,
  now: Date = new Date(),
): Promise<ExportInfo> {
  const dir = resolve(to);
  if (existsSync(dir)) throw new TransferError(`${dir} exists already; name a new folder.`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await mkdir(join(partial, TABLES_DIR), { recursive: true, mode: PRIVATE_DIR_MODE });
  await mkdir(join(partial, MEDIA_DIR), { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    const read = async (trx: AnyTrx): Promise<Omit<Manifest, 'media'>> => {
      const tables: Manifest['tables'] = {};
      for (const table of await centreTables(trx)) {
        const rows = (await trx.selectFrom(table).selectAll().execute()) as Record<
          string,
          unknown
        >[];
        const text = rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
        await writeFile(join(partial, TABLES_DIR, `${table}.jsonl`), text, {
          mode: PRIVATE_FILE_MODE,
        });
        tables[table] = { rows: rows.length, sha256: sha256(text) };
      }
      const centre = (await trx.selectFrom('centre').select('data').executeTakeFirst()) as
        { data: string } | undefined;
      const record = centre ? (JSON.parse(centre.data) as Record<string, unknown>) : null;
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: now.toISOString(),
        centre: record
          ? { id: String(record.id), name: String(record.name), timeZone: String(record.timeZone) }
          : null,
        head: await readHead(trx as unknown as Kysely<Database>),
        migrations: await appliedMigrations(trx),
        tables,
      };
    };
    const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const snapshot =
      dialectOf(db) === 'postgres'
        ? await any.transaction().setIsolationLevel('repeatable read').execute(read)
        : await any.transaction().execute(read);
    const media = await copyMedia(dataDir, join(partial, MEDIA_DIR));
    const manifest: Manifest = { ...snapshot, media };
    await writeFile(join(partial, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', {
      mode: PRIVATE_FILE_MODE,
    });
    renameSync(partial, dir);
    return { dir, manifest };
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Copies every media blob, checking each against its name (a blob's name is its SHA-256): a
 * damaged file is said by name rather than carried into the new deployment.
 */
async function copyMedia(dataDir: string, target: string): Promise<Manifest['media']> {
  const source = mediaDir(dataDir);
  if (!existsSync(source)) return [];
  const out: Manifest['media'] = [];
  for (const entry of (await readdir(source, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    // Half-written uploads (`<hash>.<random>.tmp`) are not media yet.
    if (!entry.isFile() || !MEDIA_HASH.test(entry.name)) continue;
    const file = join(source, entry.name);
    const actual = await fileSha256(file);
    if (actual !== entry.name)
      throw new TransferError(
        `The media file ${file} is damaged (its content does not match its name). Restore it from a backup, or remove it, and export again.`,
      );
    const copy = join(target, entry.name);
    await copyFile(file, copy);
    const { size } = await stat(copy);
    out.push({ sha256: entry.name, bytes: size });
  }
  return out;
}
