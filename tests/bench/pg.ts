/**
 * The PostgreSQL side of the benchmarks (issue 13): a database of the bench's own per run,
 * `bench_pg_<what>_<random>` beside the one the address names, created at the start, migrated
 * by the seeder and dropped at the end (even when the bench fails or runs out of time), and
 * server nodes as separate child processes on it, joined by the socket.io PostgreSQL adapter as
 * in production.
 *
 * Where: BENCH_DATABASE_URL, else DATABASE_URL (as the server takes it), else the local cluster
 * over its Unix socket as CI and tests/tools set it up. The role must be allowed to create
 * databases. When PostgreSQL cannot be reached, the PostgreSQL benches say so and why, and
 * report themselves skipped; the SQLite benches run as ever.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describeDatabaseUrl, withDefaultUser } from '../../src/server/store/postgres.js';
import { withDatabase } from '../helpers/test-database.js';
import {
  benchDataDir,
  log,
  openSeeder,
  startChildServer,
  type BenchContext,
  type ChildServer,
  type ChildServerOptions,
} from './common.js';
import type { ServerStats } from './server-child.js';

const LOCAL_CLUSTER = 'postgres:///postgres?host=/var/run/postgresql';

/** The address the benches create their databases through. */
export function adminUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim() || LOCAL_CLUSTER
  );
}

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: withDefaultUser(adminUrl()),
    connectionTimeoutMillis: 5_000,
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

let reachable: Promise<string | null> | null = null;

/** Null when PostgreSQL answers and this role may create databases; else why not. */
function whyNoPostgres(): Promise<string | null> {
  reachable ??= admin(async (c) => {
    const r = await c.query<{ ok: boolean }>(
      `select rolcreatedb or rolsuper as ok from pg_roles where rolname = current_user`,
    );
    return r.rows[0]?.ok ? null : 'the role may not create databases';
  }).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
  return reachable;
}

/**
 * True (after saying so, and recording it as `skipped`) when PostgreSQL cannot be used: the
 * bench then returns at once.
 */
export async function skippedWithoutPostgres(ctx: BenchContext): Promise<boolean> {
  const why = await whyNoPostgres();
  if (why === null) return false;
  const where = describeDatabaseUrl(adminUrl());
  log(
    `skipped: PostgreSQL at ${where} cannot be used (${why}); set BENCH_DATABASE_URL or DATABASE_URL`,
  );
  ctx.result.skipped = `PostgreSQL at ${where}: ${why}`;
  return true;
}

/** A new, empty database for this bench, dropped when it ends; returns its address. */
export async function benchDatabase(ctx: BenchContext, what: string): Promise<string> {
  const name = `bench_pg_${what.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  ctx.defer(() => admin((c) => c.query(`drop database if exists ${name} with (force)`)));
  return withDatabase(adminUrl(), name);
}

/** `count` server nodes (child processes) on one PostgreSQL database, started one after another. */
export async function startNodes(
  ctx: BenchContext,
  dataDir: string,
  databaseUrl: string,
  count: number,
  opts: Omit<ChildServerOptions, 'databaseUrl'> = {},
): Promise<ChildServer[]> {
  const nodes: ChildServer[] = [];
  for (let i = 0; i < count; i++)
    nodes.push(await startChildServer(ctx, dataDir, { ...opts, databaseUrl }));
  return nodes;
}

export interface KioskNodes {
  databaseUrl: string;
  servers: ChildServer[];
  /** Kiosk tokens, enrolled directly (setup is not measured). */
  tokens: string[];
  staffToken: string;
}

/**
 * The PostgreSQL benches' common setup: a fresh database with `kiosks` kiosks and a staff
 * session, and `nodes` server nodes on it. Null (having said why) without PostgreSQL.
 */
export async function kiosksOnNodes(
  ctx: BenchContext,
  what: string,
  kiosks: number,
  nodes: number,
): Promise<KioskNodes | null> {
  if (await skippedWithoutPostgres(ctx)) return null;
  const dataDir = benchDataDir(ctx, `${what}-pg`);
  const databaseUrl = await benchDatabase(ctx, what);
  const seeder = await openSeeder(dataDir, databaseUrl);
  const tokens = await seeder.kiosks(kiosks);
  const staffToken = await seeder.staffToken();
  await seeder.close();
  Object.assign(ctx.result, { store: 'postgres', nodes });
  const servers = await startNodes(ctx, dataDir, databaseUrl, nodes);
  return { databaseUrl, servers, tokens, staffToken };
}

/** Every node's stats at once. */
export const statsOf = (
  nodes: readonly ChildServer[],
  opts?: Parameters<ChildServer['stats']>[0],
): Promise<ServerStats[]> => Promise.all(nodes.map((n) => n.stats(opts)));

/** CPU milliseconds all nodes spent between two samples of each. */
export function cpuMsBetween(
  before: readonly ServerStats[],
  after: readonly ServerStats[],
): number {
  let us = 0;
  after.forEach((a, i) => {
    const b = before[i] as ServerStats;
    us += a.cpuUserUs + a.cpuSystemUs - b.cpuUserUs - b.cpuSystemUs;
  });
  return us / 1000;
}

/** One value for one node (the SQLite benches' JSON shape), a list for several. */
export const perNode = <T>(values: readonly T[]): T | T[] =>
  values.length === 1 ? (values[0] as T) : [...values];

/** Clock ticks a second in /proc/PID/stat (CLK_TCK: 100 on Linux unless told otherwise). */
let ticksPerSecond: number | undefined;

/** CPU milliseconds each backend of database `name` has used, by pid (Linux, local server). */
async function backendCpuMs(name: string): Promise<Map<number, number>> {
  const pids = await admin((c) =>
    c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]),
  );
  ticksPerSecond ??=
    Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  const out = new Map<number, number>();
  for (const { pid } of pids.rows) {
    try {
      // Fields after the command name (which may hold spaces, so split after its ')').
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat, 12 and 13 of what follows the name.
      out.set(pid, ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000);
    } catch {
      // The backend ended meanwhile, or the database is on another machine.
    }
  }
  return out;
}

/**
 * Starts counting the CPU time of the PostgreSQL backends serving `databaseUrl` (its server
 * processes, which the nodes' own CPU figures leave out); the returned function says how many
 * milliseconds they used since, or null where it cannot be seen (a database on another
 * machine). A backend that both started and ended in between is missed: the nodes' pools keep
 * theirs while they are busy, so that is rare in a bench.
 */
export async function databaseCpu(databaseUrl: string): Promise<() => Promise<number | null>> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const before = await backendCpuMs(name).catch(() => new Map<number, number>());
  return async () => {
    const after = await backendCpuMs(name).catch(() => new Map<number, number>());
    if (after.size === 0) return null;
    let ms = 0;
    for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
    return Math.round(ms);
  };
}
