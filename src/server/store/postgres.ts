/**
 * The PostgreSQL store (`DATABASE_URL=postgres://…`): Kysely's PostgresDialect over a `pg` Pool.
 * The app reads what SQLite gives it: JSON columns (jsonb here) as strings, 64-bit integers
 * (`bigint` seq and head, `count(*)`) as numbers. Those type parsers are this pool's own (pg's
 * `types` option), never pg's global ones, so nothing else in the process is changed.
 */
import { userInfo } from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations.js';
import { schemaPool } from './schema-pool.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

const OID = { int8: 20, json: 114, jsonb: 3802 } as const;

/** int8 as a number while it is one exactly (seqs and counts are far below 2^53), else text. */
function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

const identity = (text: string): string => text;

/** pg's parsers, but for this pool: json and jsonb as the text, int8 as a number. */
const ourTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      if (oid === OID.int8) return parseInt8;
      if (oid === OID.json || oid === OID.jsonb) return identity;
      return pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
    }
    return pg.types.getTypeParser(oid, 'binary') as (value: Buffer) => unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** True for the addresses that select PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * The address without its password, to name in messages and logs: `postgres://user@host:port/db`
 * (a Unix socket: `postgres:///db?host=/path`). Never throws: an address that does not parse is
 * described as such.
 */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    const socket = u.searchParams.get('host');
    const where = u.host || (socket ? '' : 'localhost');
    return `${u.protocol}//${user}${where}${u.pathname}${socket ? `?host=${socket}` : ''}`;
  } catch {
    return 'an address that does not parse as a URL';
  }
}

/** What went wrong opening the store, in one line a person can act on. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** One line for an error from connecting, naming the database, never the password. */
function connectProblem(err: unknown, url: string): StoreOpenError {
  const e = err as { code?: string; message?: string };
  const where = describeDatabaseUrl(url);
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is PostgreSQL running and listening there?)',
    ENOENT: 'no PostgreSQL socket at that path (is PostgreSQL running?)',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name does not resolve',
    ETIMEDOUT: 'the connection timed out',
    '3D000': 'the database does not exist (create it first: createdb NAME)',
    '28P01': 'the password was refused',
    '28000': 'the role may not log in there (pg_hba.conf or the role)',
  };
  const reason =
    (e.code && reasons[e.code]) ?? (e.message ? e.message.split('\n')[0] : String(err));
  return new StoreOpenError(`cannot open the PostgreSQL store at ${where}: ${reason}`);
}

/**
 * The address with a role in it when it names none: pg then falls back to $USER only, which a
 * service (systemd) or a container may not set; psql and libpq use the account the process runs
 * as, so do that. (pg's own parse of the address gives an empty user, which beats a `user` option.)
 */
export function withDefaultUser(url: string): string {
  if (process.env.PGUSER || process.env.USER) return url;
  const m = /^(postgres(?:ql)?:\/\/)([^/?#]*)(.*)$/is.exec(url);
  if (!m || m[2]?.includes('@')) return url;
  return `${m[1]}${encodeURIComponent(userInfo().username)}@${m[2]}${m[3]}`;
}

export interface PostgresOptions {
  /** Run the migrations (default true); the `migrate` command runs them itself. */
  migrate?: boolean;
  /** Most connections this process holds (default 10). */
  maxConnections?: number;
  /** Told about errors of idle connections (the pool drops them and makes new ones). */
  onIdleError?: (err: Error) => void;
}

/** The store's connections in pg_stat_activity; the adapter's are `citizen-guide adapter`. */
export const STORE_APPLICATION_NAME = 'citizen-guide';

/** A `pg` pool for `url` with our type parsers; nothing connects yet. Throws StoreOpenError. */
function createPool(url: string, opts: PostgresOptions): pg.Pool {
  if (!isPostgresUrl(url))
    throw new StoreOpenError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${describeDatabaseUrl(url)})`,
    );
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: withDefaultUser(url),
      types: ourTypes,
      max: opts.maxConnections ?? 10,
      connectionTimeoutMillis: 10_000,
      // Who is who in pg_stat_activity (an application_name in the URL wins).
      application_name: STORE_APPLICATION_NAME,
    });
  } catch (err) {
    throw connectProblem(err, url);
  }
  // An idle connection's error (the server restarted) would otherwise crash the process.
  pool.on('error', (err) => opts.onIdleError?.(err));
  return pool;
}

/** Opens the PostgreSQL store at `url`; the database must exist. Throws StoreOpenError. */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Store> {
  const pool = createPool(url, opts);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw connectProblem(err, url);
  }
  try {
    if (opts.migrate !== false) await migrate(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * One database holding many centres, a schema each (schema-pool.ts): one pool, and a Store per
 * schema over it. `storeFor` makes the schema if it is missing and runs the migrations in it
 * (their bookkeeping too), unless told not to.
 */
export interface SharedPostgres {
  /** Where it is, without the password (for messages). */
  describe: string;
  /** The directory's schema (`public`), for what belongs to the whole deployment. */
  directory: Kysely<unknown>;
  storeFor(schema: string, opts?: { migrate?: boolean }): Promise<Store>;
  /** Ends the pool; every store made by `storeFor` must be closed first. */
  close(): Promise<void>;
}

export async function openSharedPostgres(
  url: string,
  opts: Omit<PostgresOptions, 'migrate'> = {},
): Promise<SharedPostgres> {
  const pool = createPool(url, opts);
  const directory = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: schemaPool(pool, 'public') }),
  });
  try {
    await sql`select 1`.execute(directory);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw connectProblem(err, url);
  }
  return {
    describe: describeDatabaseUrl(url),
    directory,
    async storeFor(schema, o = {}) {
      const db = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: schemaPool(pool, schema) }),
      });
      if (o.migrate !== false) {
        await sql`create schema if not exists ${sql.id(schema)}`.execute(directory);
        await migrate(db, { schema });
      }
      return { db, dialect: 'postgres', close: () => db.destroy() };
    },
    async close() {
      await directory.destroy();
      await pool.end();
    },
  };
}
