/**
 * PostgreSQL for tests: with `TEST_DATABASE_URL` set (e.g.
 * `postgres:///postgres?host=/var/run/postgresql`, a role that may create databases), every
 * test server and every test store gets a database of its own, so tests stay as independent as
 * with a fresh SQLite data directory. Without it, nothing here does anything and tests use
 * SQLite.
 *
 * A database belongs to a data directory, as the SQLite file does: a test that seeds a data
 * directory's store, starts a server on it, runs the CLI on it (`--data DIR`) and reopens it
 * afterwards meets the same database each time (`databaseForDataDir`). Databases are named
 * `cg_t_<run>_<random>` and copied from a template migrated once per run (PostgreSQL's `create
 * database … template`), so a test pays a file copy, not the migrations. A test server that made
 * its own data directory drops its database on close; the rest go at the run's end (global
 * teardown, pg-global-setup.ts), and a crashed run's at the next CI run's end.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../src/server/store/open-store.js';
import { withDefaultUser } from '../../src/server/store/postgres.js';
import type { Store } from '../../src/server/store/store.js';

export const testDatabaseUrl = (): string | undefined =>
  process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Which store tests use, for the log of a run. */
export const testStoreName = (): string => (testDatabaseUrl() ? 'PostgreSQL' : 'SQLite');

/** The environment variables global setup hands the test processes. */
export const TEMPLATE_ENV = 'CG_TEST_TEMPLATE_DATABASE';
export const RUN_ENV = 'CG_TEST_RUN';

/** This run's name prefix: every database a run makes starts with it. */
export function runPrefix(): string {
  process.env[RUN_ENV] ??= randomBytes(4).toString('hex');
  return `cg_t_${process.env[RUN_ENV]}_`;
}

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

/** Makes a migrated database to copy test databases from; returns its name. */
export async function makeTemplateDatabase(): Promise<string> {
  const name = `${runPrefix()}tpl`;
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
 * The migrated database to copy: the run's (made once by vitest's global setup), or, when a
 * test process runs without it, one of this process's own.
 */
function templateDatabase(): Promise<string> {
  const shared = process.env[TEMPLATE_ENV];
  template ??= shared ? Promise.resolve(shared) : makeTemplateDatabase();
  return template;
}

/** A fresh, migrated database; `drop` removes it (even with connections left open). */
export async function freshTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const from = await templateDatabase();
  const name = `${runPrefix()}${randomBytes(6).toString('hex')}`;
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

/** A fresh database with nothing in it (a municipal deployment's, before its first start). */
export async function freshEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${runPrefix()}${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  return {
    url: withDatabase(testDatabaseUrl()!, name),
    drop: () =>
      admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** The database of each data directory a test used on PostgreSQL (this process). */
const byDataDir = new Map<string, Promise<string>>();
/** The same, once made: for the CLI helper, which is synchronous. */
const madeFor = new Map<string, string>();
/** Data directories a test keeps on SQLite whatever the run (a centre moved from SQLite). */
const onSqlite = new Set<string>();

/** Keeps `dataDir` on its SQLite file on a PostgreSQL run too (its server, CLI and stores). */
export function keepOnSqlite(dataDir: string): void {
  onSqlite.add(dataDir);
}

/**
 * The PostgreSQL database that goes with `dataDir` on a PostgreSQL run (made on first use);
 * undefined on SQLite, where the store is the file in `dataDir`.
 */
export function databaseForDataDir(dataDir: string): Promise<string | undefined> {
  if (!testDatabaseUrl() || onSqlite.has(dataDir)) return Promise.resolve(undefined);
  let url = byDataDir.get(dataDir);
  if (!url) {
    url = freshTestDatabase().then((d) => {
      madeFor.set(dataDir, d.url);
      return d.url;
    });
    byDataDir.set(dataDir, url);
  }
  return url;
}

/**
 * `databaseForDataDir`, for the CLI helper, which is synchronous: psql makes the copy (the run's
 * template, under the same lock). Undefined on SQLite.
 */
export function databaseForDataDirSync(dataDir: string): string | undefined {
  const base = testDatabaseUrl();
  if (!base || onSqlite.has(dataDir)) return undefined;
  const known = madeFor.get(dataDir);
  if (known) return known;
  const from = process.env[TEMPLATE_ENV];
  if (!from) throw new Error(`${TEMPLATE_ENV} is not set: run through vitest (pg-global-setup.ts)`);
  const name = `${runPrefix()}${randomBytes(6).toString('hex')}`;
  const r = spawnSync(
    'psql',
    [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      'select pg_advisory_lock(727001)',
      '-c',
      `create database ${name} template ${from}`,
      '-c',
      'select pg_advisory_unlock(727001)',
      base,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0)
    throw new Error(`psql could not make ${name}: ${r.stderr || r.error?.message}`);
  const url = withDatabase(base, name);
  madeFor.set(dataDir, url);
  byDataDir.set(dataDir, Promise.resolve(url));
  return url;
}

/**
 * The database already made for `dataDir`, if any (for the CLI helper, which is synchronous: a
 * test that runs the CLI on a directory before anything opened it awaits
 * `databaseForDataDir(dir)` first).
 */
export function knownDatabaseUrl(dataDir: string): string | undefined {
  return madeFor.get(dataDir);
}

/** Forgets `dataDir`'s database and drops it (a test server that made its own directory). */
export async function dropDatabaseOf(dataDir: string): Promise<void> {
  const url = byDataDir.get(dataDir);
  if (!url) return;
  byDataDir.delete(dataDir);
  madeFor.delete(dataDir);
  const name = new URL(await url).pathname.slice(1);
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

/**
 * The store of `dataDir` for a test that opens one itself (to seed it before a server starts, or
 * look into it after): on a PostgreSQL run that directory's database, else the SQLite file.
 */
export async function openTestStore(dataDir: string): Promise<Store> {
  return openStore({ dataDir, databaseUrl: await databaseForDataDir(dataDir) });
}

/** Its Kysely handle, for tests written against `openSqlite` (`destroy()` closes it). */
export async function openTestDb(dataDir: string): Promise<Store['db']> {
  return (await openTestStore(dataDir)).db;
}

/** Drops the named databases, or every database of this run when none is named. */
export async function dropTestDatabases(names?: readonly string[]): Promise<number> {
  return admin(async (c) => {
    const rows = names
      ? { rows: names.map((datname) => ({ datname })) }
      : await c.query<{ datname: string }>(
          `select datname from pg_database where starts_with(datname, $1)`,
          [runPrefix()],
        );
    for (const r of rows.rows) await c.query(`drop database if exists ${r.datname} with (force)`);
    return rows.rows.length;
  });
}
