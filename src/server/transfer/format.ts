/**
 * A centre export: one folder that holds a whole centre, to move it from its own small server
 * (SQLite) into a municipal deployment (PostgreSQL), or between any two stores.
 *
 *   manifest.json          what is in it: format, version, the centre, each table's rows and
 *                          SHA-256, each media file's SHA-256 and size, the migrations applied
 *   tables/<table>.jsonl   every row of every table, one JSON object per line, columns as stored
 *   media/<sha256>         every media blob (photos, videos, posters), content-addressed
 *
 * Rows are portable between the stores because the migrations give both the same columns with
 * the same meaning (text, numbers, JSON records as text: see store/dialect.ts). Nothing in it is
 * encrypted: it holds what the database holds (residents' data, password and token hashes), so it
 * is written readable by its owner only, like the database itself.
 */
import { z } from 'zod';

export const EXPORT_FORMAT = 'citizen-guide-centre-export';
export const EXPORT_VERSION = 1;

export const MANIFEST_FILE = 'manifest.json';
export const TABLES_DIR = 'tables';
export const MEDIA_DIR = 'media';

/** Kysely's own bookkeeping: the target runs its own migrations; the lists must match. */
export const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const TableName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);

export const Manifest = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.iso.datetime(),
  centre: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }).nullable(),
  /** The change-log head the export holds. */
  head: z.number().int().nonnegative(),
  /** The migrations the source had applied, in order: an import needs exactly these. */
  migrations: z.array(z.string().max(200)).max(1000),
  tables: z.record(
    TableName,
    z.strictObject({ rows: z.number().int().nonnegative(), sha256: Sha256 }),
  ),
  media: z.array(z.strictObject({ sha256: Sha256, bytes: z.number().int().nonnegative() })),
});
export type Manifest = z.infer<typeof Manifest>;

/** What went wrong, in words an operator can act on; the CLI prints it and exits 1. */
export class TransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferError';
  }
}
