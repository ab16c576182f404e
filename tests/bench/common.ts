/**
 * Shared pieces of the benchmarks: machine facts, percentiles, direct setup of a data directory
 * (setup is not what we measure, so it writes straight to the store), raw socket.io clients, and
 * the centre server run in a CHILD process so that what the benchmark clients cost in CPU and
 * memory is never counted as the server's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, availableParallelism, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { io, type Socket } from 'socket.io-client';
import { entitySchemas, type EntityOf, type EntityType } from '../../src/domain/model.js';
import {
  PROTOCOL_VERSION,
  SYNC_NAMESPACE,
  type ClientToServerEvents,
  type MutateResult,
  type MutationArgs,
  type MutationName,
  type ServerToClientEvents,
  type Welcome,
} from '../../src/protocol/index.js';
import { createUser } from '../../src/server/auth/accounts.js';
import { hashToken, newToken } from '../../src/server/auth/tokens.js';
import type { EventBudgets } from '../../src/server/sync/event-budget.js';
import type { Database } from '../../src/server/store/schema.js';
import { openStore } from '../../src/server/store/open-store.js';
import { lockHead, readHead } from '../../src/server/store/store.js';
import { Writer } from '../../src/server/store/writer.js';
import type { ChildReply, ChildRequest, ServerStats } from './server-child.js';

export type SyncSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type BenchResult = Record<string, Json>;

// ---- what the numbers were measured on --------------------------------------------------------

export interface MachineInfo {
  [key: string]: Json;
  cores: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryGiB: number;
  freeMemoryGiB: number;
  loadAverage1m: number;
}

export function machineInfo(): MachineInfo {
  return {
    cores: typeof availableParallelism === 'function' ? availableParallelism() : cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    totalMemoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    loadAverage1m: round(loadavg()[0] ?? 0, 2),
  };
}

// ---- numbers --------------------------------------------------------------------------------

export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export const mib = (bytes: number): number => round(bytes / 2 ** 20, 1);

/** Nearest-rank percentile of an unsorted sample (p in 0..100). */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface Distribution {
  [key: string]: Json;
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(sample: readonly number[], digits = 2): Distribution {
  const sum = sample.reduce((a, b) => a + b, 0);
  return {
    n: sample.length,
    min: round(sample.length ? Math.min(...sample) : NaN, digits),
    p50: round(percentile(sample, 50), digits),
    p95: round(percentile(sample, 95), digits),
    p99: round(percentile(sample, 99), digits),
    max: round(sample.length ? Math.max(...sample) : NaN, digits),
    mean: round(sample.length ? sum / sample.length : NaN, digits),
  };
}

export const fmtDist = (d: Distribution, unit = 'ms'): string =>
  `p50 ${d.p50} ${unit}, p95 ${d.p95} ${unit}, p99 ${d.p99} ${unit}, max ${d.max} ${unit} (n=${d.n})`;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const log = (line: string): void => {
  console.log(`  ${line}`);
};

// ---- the context a benchmark runs in --------------------------------------------------------

export interface BenchContext {
  /** Registers a clean-up; run.ts runs them in reverse order when the bench ends or times out. */
  defer(fn: () => unknown): void;
  /** True once the bench's time budget is spent: loops should stop. */
  readonly expired: boolean;
  /**
   * Numbers measured so far: a bench writes each as soon as it has it, so a later failure or
   * time-out still reports everything measured before it.
   */
  readonly result: BenchResult;
}

export interface Bench {
  name: string;
  description: string;
  /** Hard upper bound on the whole bench, setup included. */
  budgetMs: number;
  /** Fills `ctx.result`. */
  run(ctx: BenchContext): Promise<void>;
}

// ---- setup: a data directory written directly ------------------------------------------------

export function benchDataDir(ctx: BenchContext, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cg-bench-${name}-`));
  ctx.defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Seeder {
  db: Kysely<Database>;
  /** Writes entities through the store's Writer in ONE transaction, as the demo seed does. */
  write(
    fill: (
      put: <T extends EntityType>(type: T, record: EntityOf<T>) => Promise<void>,
    ) => Promise<void>,
  ): Promise<number>;
  /** Kiosk devices with known tokens, inserted directly (the enrolment flow is not measured). */
  kiosks(n: number): Promise<string[]>;
  /** A staff user and a session token for it, inserted directly. */
  staffToken(): Promise<string>;
  head(): Promise<number>;
  close(): Promise<void>;
}

/** The store of `dataDir` (SQLite), or the PostgreSQL database at `databaseUrl` (migrated). */
export async function openSeeder(dataDir: string, databaseUrl?: string): Promise<Seeder> {
  const store = await openStore({ dataDir, databaseUrl });
  const db = store.db;
  return {
    db,
    async write(fill) {
      return db.transaction().execute(async (trx) => {
        const w = new Writer(trx, await lockHead(trx), new Date());
        await fill(async (type, record) => {
          await w.put(type, entitySchemas[type].parse(record) as EntityOf<typeof type>);
        });
        await w.flush();
        return w.head;
      });
    },
    async kiosks(n) {
      const tokens = Array.from({ length: n }, () => newToken());
      const createdAt = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < tokens.length; i += 200) {
          await trx
            .insertInto('device')
            .values(
              tokens.slice(i, i + 200).map((t, j) => ({
                id: randomUUID(),
                name: `Bench kiosk ${i + j + 1}`,
                location: 'bench',
                token_hash: hashToken(t),
                revoked: 0,
                created_at: createdAt,
                last_seen_at: null,
              })),
            )
            .execute();
        }
      });
      return tokens;
    },
    async staffToken() {
      const username = `bench-staff-${randomUUID().slice(0, 8)}`;
      const userId = await createUser(db, {
        username,
        password: 'bench password 123',
        displayName: 'Bench staff',
        role: 'staff',
      });
      const token = newToken();
      const now = new Date();
      await db
        .insertInto('session')
        .values({
          token_hash: hashToken(token),
          user_id: userId,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + 24 * 3600_000).toISOString(),
          revoked: 0,
        })
        .execute();
      return token;
    },
    head: () => readHead(db),
    close: () => store.close(),
  };
}

// ---- the server in a child process ----------------------------------------------------------

export interface ChildServer {
  url: string;
  pid: number;
  stats(opts?: { gc?: boolean; resetLoopDelay?: boolean }): Promise<ServerStats>;
  stop(): Promise<void>;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

export interface ChildServerOptions {
  /** Serve the built kiosk UI from this directory under /kiosk/ (default: no UI). */
  uiDir?: string;
  /** Listen on this loopback port (default: a free one), e.g. to come back where a page was. */
  port?: number;
  /** The per-socket event budgets (default: the server's own); null for none. */
  eventBudget?: EventBudgets | null;
  /**
   * The PostgreSQL store (`postgres://…`, given to the child as DATABASE_URL, as the CLI's
   * `serve` takes it); absent: the SQLite file in `dataDir`, whatever this process's DATABASE_URL.
   */
  databaseUrl?: string;
}

/** Starts `server-child.ts` (startServer on a free loopback port) over `dataDir`. */
export async function startChildServer(
  ctx: BenchContext,
  dataDir: string,
  opts: ChildServerOptions = {},
): Promise<ChildServer> {
  // BENCH_PROFILE=1 writes a V8 CPU profile of each server child to bench-results/profiles/.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${join('bench-results', 'profiles')}`]
    : [];
  const args = [dataDir, opts.uiDir ?? '-', String(opts.port ?? 0)];
  // A DATABASE_URL of this process (the PostgreSQL benches' server) must not turn a SQLite
  // bench's server into a PostgreSQL one.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child: ChildProcess = fork(CHILD, args, {
    execArgv: ['--import', 'tsx', '--expose-gc', ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...env,
      ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
      LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'silent',
      ...(opts.eventBudget !== undefined
        ? { BENCH_EVENT_BUDGET: JSON.stringify(opts.eventBudget) }
        : {}),
    },
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const kill = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  ctx.defer(kill);

  let nextId = 1;
  const waiting = new Map<number, (reply: ChildReply) => void>();
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    child.on('message', (msg: ChildReply) => {
      if (msg.type === 'ready') resolve({ url: msg.url });
      else if (msg.type === 'failed') reject(new Error(`server child failed: ${msg.error}`));
      else waiting.get(msg.id)?.(msg);
    });
    child.once('exit', (code) =>
      reject(new Error(`server child exited with ${code} before it was ready`)),
    );
  });
  const { url } = await withTimeout(ready, 30_000, 'server child start');

  const request = <R extends ChildReply>(req: WithoutId<ChildRequest>): Promise<R> => {
    const id = nextId++;
    return withTimeout(
      new Promise<R>((resolve) => {
        waiting.set(id, (reply) => {
          waiting.delete(id);
          resolve(reply as R);
        });
        child.send({ ...req, id });
      }),
      15_000,
      `server child ${req.type}`,
    );
  };

  return {
    url,
    pid: child.pid ?? -1,
    async stats(opts = {}) {
      const reply = await request<Extract<ChildReply, { type: 'stats' }>>({
        type: 'stats',
        gc: opts.gc ?? false,
        resetLoopDelay: opts.resetLoopDelay ?? false,
      });
      return reply.stats;
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop', id: nextId++ } satisfies ChildRequest);
      await Promise.race([gone, sleep(5000)]);
      kill();
    },
  };
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- raw protocol clients -------------------------------------------------------------------

/** A socket.io client as an external kiosk would open it; resolves on `welcome`. */
export function connect(url: string, token: string): Promise<SyncSocket> {
  const socket: SyncSocket = io(url + SYNC_NAMESPACE, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('welcome', (_w: Welcome) => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.disconnect();
      reject(new Error(`connect failed: ${err.message} ${err.data?.code ?? ''}`));
    });
  });
}

/**
 * Opens `tokens.length` sockets, `concurrency` handshakes at a time. Several URLs (server nodes)
 * take the tokens in turn, so the sockets are spread evenly and socket i is on node i % n. With
 * `until` (a performance.now() time), stops there and returns the sockets opened so far instead
 * of failing, for a bench that reports how many it reached.
 */
export async function connectMany(
  ctx: BenchContext,
  url: string | readonly string[],
  tokens: readonly string[],
  concurrency = 50,
  until = Infinity,
): Promise<SyncSocket[]> {
  const urls = typeof url === 'string' ? [url] : url;
  const sockets: SyncSocket[] = [];
  ctx.defer(() => {
    for (const s of sockets) s.disconnect();
  });
  for (let i = 0; i < tokens.length; i += concurrency) {
    if (performance.now() >= until) break;
    if (ctx.expired) throw new Error('time budget spent while connecting');
    sockets.push(
      ...(await Promise.all(
        tokens
          .slice(i, i + concurrency)
          .map((t, j) => connect(urls[(i + j) % urls.length] as string, t)),
      )),
    );
  }
  return sockets;
}

export function mutate<N extends MutationName>(
  socket: SyncSocket,
  name: N,
  args: MutationArgs<N>,
  timeoutMs = 15_000,
): Promise<MutateResult> {
  return socket.timeout(timeoutMs).emitWithAck('mutate', { id: randomUUID(), name, args });
}

// ---- sample entities ------------------------------------------------------------------------

const BODY =
  'I morgen kommer musikerne fra kulturskolen og spiller i fællesstuen. Der er kaffe og kage bagefter. ' +
  'Alle er velkomne, også pårørende. Sig til personalet, hvis du vil have hjælp til at komme derned.';

export function newsPost(id: string, n: number): EntityOf<'news'> {
  return {
    id,
    title: `Nyhed nummer ${n}`,
    body: BODY,
    media: [],
    publishAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    expiresAt: null,
    audience: { kind: 'all' },
  };
}
