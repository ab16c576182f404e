/**
 * PostgreSQL for tests: with `TEST_DATABASE_URL` set (e.g.
 * `postgres:///postgres?host=/var/run/postgresql`, a role that may create databases), every
 * test server and every test store gets a database of its own, `cg_t_<random>`, dropped when it
 * closes, so tests stay as independent as with a fresh SQLite data directory. Without it,
 * nothing here does anything and tests use SQLite.
 *
 * New databases are copied from a template migrated once per run (PostgreSQL's
 * `create database … template`), so a test pays a file copy, not the ten migrations.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../src/server/store/open-store.js';
import { withDefaultUser } from '../../src/server/store/postgres.js';
import type { Store } from '../../src/server/store/store.js';

export const testDatabaseUrl = (): string | undefined =>
  process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Which store tests use, for the log of a run. */
export const testStoreName = (): string => (testDatabaseUrl() ? 'PostgreSQL' : 'SQLite');

/** `url` naming database `name` instead (the rest, socket path and role included, kept). */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const url = testDatabaseUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const client = new pg.Client({ connectionString: withDefaultUser(url) });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The environment variable naming the run's template (tests/helpers/pg-global-setup.ts). */
export const TEMPLATE_ENV = 'CG_TEST_TEMPLATE_DATABASE';

/** Makes a migrated database to copy test databases from; returns its name. */
export async function makeTemplateDatabase(): Promise<string> {
  const name = `cg_t_tpl_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const store = await openStore({
    dataDir: '',
    databaseUrl: withDatabase(testDatabaseUrl()!, name),
  });
  await store.close();
  return name;
}

let template: Promise<string> | null = null;

/**
 * The migrated database to copy: the run's (made once by vitest's global setup, dropped at its
 * end), or, when a test process runs without it, one of this process's own.
 */
function templateDatabase(): Promise<string> {
  const shared = process.env[TEMPLATE_ENV];
  template ??= shared ? Promise.resolve(shared) : makeTemplateDatabase();
  return template;
}

/** A fresh, migrated database; `drop` removes it (even with connections left open). */
export async function freshTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const from = await templateDatabase();
  const name = `cg_t_${randomBytes(8).toString('hex')}`;
  // A template may have no other connection while it is copied: copies queue on this lock.
  await admin(async (c) => {
    await c.query('select pg_advisory_lock(727001)');
    try {
      await c.query(`create database ${name} template ${from}`);
    } finally {
      await c.query('select pg_advisory_unlock(727001)');
    }
  });
  return {
    url: withDatabase(testDatabaseUrl()!, name),
    drop: () =>
      admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/**
 * A store for a test that opens one itself: on PostgreSQL a fresh database (dropped on close),
 * else SQLite in `dataDir`.
 */
export async function openTestStore(dataDir: string): Promise<Store> {
  if (!testDatabaseUrl()) return openStore({ dataDir });
  const database = await freshTestDatabase();
  const store = await openStore({ dataDir, databaseUrl: database.url });
  return {
    ...store,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** Drops the named databases, or every test database (`cg_t_…`) when none is named. */
export async function dropTestDatabases(names?: readonly string[]): Promise<number> {
  return admin(async (c) => {
    const rows = names
      ? { rows: names.map((datname) => ({ datname })) }
      : await c.query<{ datname: string }>(
          `select datname from pg_database where datname like 'cg\\_t\\_%'`,
        );
    for (const r of rows.rows) await c.query(`drop database if exists ${r.datname} with (force)`);
    return rows.rows.length;
  });
}
