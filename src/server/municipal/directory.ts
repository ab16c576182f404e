/**
 * The public schema of a municipal deployment (README.md): which centres it has (each in its own
 * schema, store/schema-pool.ts) and the municipal admins who create them. Nothing about a
 * centre's residents, staff or content is here: that is all in the centre's schema.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import { z } from 'zod';
import { Centre } from '../../domain/model.js';

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

/**
 * A centre's name in its address (`<slug>.<base domain>`) and its schema (`c_<slug>`, `-` as
 * `_`): a DNS label of 2–30 lower-case letters, digits and inner hyphens, not one the deployment
 * keeps for itself.
 */
export const RESERVED_SLUGS = new Set(['www', 'admin', 'api', 'mail', 'municipal', 'kommune']);
export const CentreSlug = z
  .string()
  .regex(/^[a-z](?:[a-z0-9-]{0,28}[a-z0-9])$/, 'a slug is 2–30 of a-z, 0-9 and inner hyphens')
  .refine((s) => !s.includes('--'), 'a slug has no double hyphens')
  .refine((s) => !RESERVED_SLUGS.has(s), 'that slug is kept for the deployment itself');

export const schemaOfSlug = (slug: string): string => `c_${slug.replace(/-/g, '_')}`;

/** True for a zone this runtime knows (IANA names, as Intl has them). */
function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const NewCentre = z.strictObject({
  slug: CentreSlug,
  name: Centre.shape.name,
  timeZone: Centre.shape.timeZone.refine(knownTimeZone, 'not a time zone (e.g. Europe/Copenhagen)'),
});
export type NewCentre = z.infer<typeof NewCentre>;

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

/** Makes or updates the directory's tables (their own bookkeeping, beside no centre's). */
export async function migrateDirectory(db: Kysely<unknown>): Promise<void> {
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ '2026-12-10-directory': initial }) },
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
