/**
 * The public schema of a municipal deployment (README.md): which centres it has (each in its own
 * schema, store/schema-pool.ts) and the municipal admins who create them. Nothing about a
 * centre's residents, staff or content is here: that is all in the centre's schema.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import { CentreSlug } from '../../domain/rules/centre-slug.js';
import type { CountersDb } from '../http/limits.js';
import type { Database } from '../store/schema.js';

export interface DirectoryTables {
  municipal_centre: { slug: string; schema_name: string; name: string; created_at: string };
  municipal_user: { username: string; password_hash: string; created_at: string };
  municipal_session: {
    token_hash: string;
    username: string;
    created_at: string;
    expires_at: string;
  };
}
export type DirectoryDb = Kysely<DirectoryTables>;

// The slug's rule and a new centre's schema are shared with the municipal admin's page: one
// definition each, in the domain (the slug) and the protocol (the API's bodies).
export { CentreSlug, RESERVED_SLUGS } from '../../domain/rules/centre-slug.js';
export { NewCentre } from '../../protocol/municipal.js';

export const schemaOfSlug = (slug: string): string => `c_${slug.replace(/-/g, '_')}`;

export interface CentreEntry {
  slug: string;
  schema: string;
  name: string;
  createdAt: string;
}

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('municipal_centre')
      .addColumn('slug', 'text', (c) => c.primaryKey())
      .addColumn('schema_name', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('municipal_user')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('municipal_session')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) =>
        c.notNull().references('municipal_user.username').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * The municipal admin's rate-limit windows, shared by every node as a centre's are
 * (http/limits.ts): in a schema of their own, `municipal`, so the table keeps the name and shape
 * the counters know (`rate_window`), beside no centre's.
 */
export const LIMITS_SCHEMA = 'municipal';
const limits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createSchema(LIMITS_SCHEMA).ifNotExists().execute();
    await db.schema
      .withSchema(LIMITS_SCHEMA)
      .createTable('rate_window')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('window_end', 'bigint', (c) => c.notNull())
      .execute();
  },
};

/** The directory's shared rate-limit counters (a kysely over the `municipal` schema). */
export const limitsDb = (db: DirectoryDb): CountersDb =>
  (db as unknown as Kysely<Pick<Database, 'rate_window'>>).withSchema(LIMITS_SCHEMA);

/** Forgets ended sessions (housekeeping, by every node: the delete is idempotent). */
export async function purgeMunicipalSessions(db: DirectoryDb, now: Date): Promise<number> {
  const r = await db
    .deleteFrom('municipal_session')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Makes or updates the directory's tables (their own bookkeeping, beside no centre's). */
export async function migrateDirectory(db: Kysely<unknown>): Promise<void> {
  const { error } = await new Migrator({
    db,
    provider: {
      getMigrations: () =>
        Promise.resolve({ '2026-12-10-directory': initial, '2026-12-11-limits': limits }),
    },
    migrationTableName: 'municipal_migration',
    migrationLockTableName: 'municipal_migration_lock',
    migrationTableSchema: 'public',
  }).migrateToLatest();
  if (error)
    throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}

const entry = (r: DirectoryTables['municipal_centre']): CentreEntry => ({
  slug: r.slug,
  schema: r.schema_name,
  name: r.name,
  createdAt: r.created_at,
});

export async function listCentres(db: DirectoryDb): Promise<CentreEntry[]> {
  return (await db.selectFrom('municipal_centre').selectAll().orderBy('name').execute()).map(entry);
}

export async function findCentre(db: DirectoryDb, slug: string): Promise<CentreEntry | null> {
  if (!CentreSlug.safeParse(slug).success) return null;
  const row = await db
    .selectFrom('municipal_centre')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? entry(row) : null;
}
