/**
 * The one way the server, the CLI and the tests open the store: PostgreSQL when a database URL
 * is given (`DATABASE_URL=postgres://…`), else the embedded SQLite file in the data directory,
 * exactly as a single centre has always had it.
 */
import type { Kysely } from 'kysely';
import { openPostgres, type PostgresOptions } from './postgres.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';
import type { Store } from './store.js';

export interface OpenStoreOptions extends PostgresOptions {
  dataDir: string;
  /** `postgres://…` or `postgresql://…`; absent or empty: SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts);
  const db = await openSqlite(opts.dataDir, opts.migrate === false ? { migrate: false } : {});
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** The database URL this process was given (the environment's DATABASE_URL), if any. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.DATABASE_URL?.trim();
  return url ? url : undefined;
}

/**
 * The CLI's commands: the store the environment selects (DATABASE_URL, else SQLite in
 * `dataDir`), as its Kysely handle; `destroy()` closes it.
 */
export async function openConfiguredDb(
  dataDir: string,
  opts: { migrate?: boolean } = {},
): Promise<Kysely<Database>> {
  return (await openStore({ dataDir, databaseUrl: databaseUrlFromEnv(), ...opts })).db;
}
