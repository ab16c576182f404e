/**
 * Creating a centre in a municipal deployment: its schema, migrated, its centre record, its
 * first admin, and then its directory entry, which is what makes it answer at its address.
 * Each step is safe to run again, so a creation cut short (a crash, a lost connection) is
 * finished by asking for it again; a slug in the directory is never created twice.
 */
import { join } from 'node:path';
import { createUser, type NewUser } from '../auth/accounts.js';
import { DEFAULT_CENTRE_ID } from '../centre.js';
import type { SharedPostgres } from '../store/postgres.js';
import { importCentre, type ImportInfo } from '../transfer/import-centre.js';
import { lockHead } from '../store/store.js';
import { Writer } from '../store/writer.js';
import {
  CentreSlug,
  findCentre,
  NewCentre,
  schemaOfSlug,
  type CentreEntry,
  type DirectoryDb,
} from './directory.js';

export class CentreError extends Error {
  constructor(
    readonly code: 'invalid' | 'exists',
    message: string,
  ) {
    super(message);
  }
}

export interface FirstAdmin {
  username: string;
  password: string;
  displayName: string;
}

export async function createCentre(
  shared: SharedPostgres,
  input: unknown,
  admin: FirstAdmin,
  now = new Date(),
): Promise<CentreEntry> {
  const parsed = NewCentre.safeParse(input);
  if (!parsed.success)
    throw new CentreError('invalid', parsed.error.issues.map((i) => i.message).join('; '));
  const centre = parsed.data;
  const directory = shared.directory as DirectoryDb;
  if (await findCentre(directory, centre.slug))
    throw new CentreError('exists', `A centre "${centre.slug}" exists already.`);
  const schema = schemaOfSlug(centre.slug);
  const store = await shared.storeFor(schema);
  try {
    await store.db.transaction().execute(async (trx) => {
      const w = new Writer(trx, await lockHead(trx), now);
      const [current] = await w.list('centre', null);
      await w.put('centre', {
        id: current?.id ?? DEFAULT_CENTRE_ID,
        name: centre.name,
        timeZone: centre.timeZone,
      });
      await w.flush();
    });
    const existing = await store.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', admin.username)
      .executeTakeFirst();
    if (!existing) {
      const user: NewUser = { ...admin, role: 'admin' };
      await createUser(store.db, user, now);
    }
  } finally {
    await store.close();
  }
  // Last: from here on the centre answers at its address. A second creation racing this one
  // loses on the primary key and is told the centre exists.
  const inserted = await directory
    .insertInto('municipal_centre')
    .values({
      slug: centre.slug,
      schema_name: schema,
      name: centre.name,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('slug')
    .executeTakeFirst();
  if (!inserted) throw new CentreError('exists', `A centre "${centre.slug}" exists already.`);
  return { slug: centre.slug, schema, name: centre.name, createdAt: now.toISOString() };
}

/** Where a centre's media and speech cache live in the deployment's data directory. */
export const centreDataDir = (dataDir: string, slug: string): string =>
  join(dataDir, 'centres', slug);

/**
 * Moving a centre in (issue 13): an export (transfer/, from a single-centre SQLite or PostgreSQL
 * server) imported as the new centre `slug`, with every row and media file; its kiosks keep
 * their enrolment and, under the store's new identity, reset their caches once.
 */
export async function importAsCentre(
  shared: SharedPostgres,
  dataDir: string,
  from: string,
  slug: string,
  now = new Date(),
): Promise<{ entry: CentreEntry; info: ImportInfo }> {
  if (!CentreSlug.safeParse(slug).success)
    throw new CentreError('invalid', `"${slug}" is not a centre slug (2–30 of a-z, 0-9, -).`);
  const directory = shared.directory as DirectoryDb;
  if (await findCentre(directory, slug))
    throw new CentreError('exists', `A centre "${slug}" exists already.`);
  const schema = schemaOfSlug(slug);
  const store = await shared.storeFor(schema);
  let info: ImportInfo;
  try {
    info = await importCentre(store.db, centreDataDir(dataDir, slug), from);
  } finally {
    await store.close();
  }
  const name = info.centre?.name ?? slug;
  const inserted = await directory
    .insertInto('municipal_centre')
    .values({ slug, schema_name: schema, name, created_at: now.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .returning('slug')
    .executeTakeFirst();
  if (!inserted) throw new CentreError('exists', `A centre "${slug}" exists already.`);
  return { entry: { slug, schema, name, createdAt: now.toISOString() }, info };
}
