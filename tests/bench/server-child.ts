/**
 * The centre server in its own process, for the benchmarks: `fork()`ed by common.ts with
 * `--import tsx --expose-gc`, the data directory as its argument and, optionally, the directory
 * of the built kiosk UI to serve (`-` for none) and a port (default: a free one). It answers IPC
 * requests with its own memory, CPU time, event-loop delay and connected-client count, so the
 * benchmark clients (in the parent) are never counted as the server's cost. With DATABASE_URL
 * it is one node on that PostgreSQL database (several children on one database: several nodes,
 * joined by the adapter, as in production).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { SYNC_NAMESPACE } from '../../src/protocol/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import { databaseUrlFromEnv } from '../../src/server/store/open-store.js';
import { countRows } from '../../src/server/store/store.js';
import type { EventBudgets } from '../../src/server/sync/event-budget.js';

export interface ServerStats {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Cumulative CPU time of the server process, microseconds. */
  cpuUserUs: number;
  cpuSystemUs: number;
  /** performance.now() of the child when sampled, to turn CPU time into utilisation. */
  wallMs: number;
  /** Event-loop delay since the last reset, milliseconds. */
  loopDelay: { p50: number; p99: number; max: number };
  clients: number;
  /** Rows in processed_mutation: every mutation outcome the server stored. */
  processedMutations: number;
}

export type ChildRequest =
  | { type: 'stats'; id: number; gc: boolean; resetLoopDelay: boolean }
  | { type: 'stop'; id: number };

export type ChildReply =
  | { type: 'ready'; url: string }
  | { type: 'failed'; error: string }
  | { type: 'stats'; id: number; stats: ServerStats };

const send = (msg: ChildReply): void => {
  process.send?.(msg);
};

const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: server-child.ts DATA_DIR [UI_DIR|-] [PORT]');
  const uiArg = process.argv[3];
  const uiDir = uiArg && uiArg !== '-' ? uiArg : null;
  const port = Number(process.argv[4] ?? 0);
  const databaseUrl = databaseUrlFromEnv();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const server: RunningServer = await startServer({
    dataDir,
    port,
    host: '127.0.0.1',
    logger: createLogger(process.env.LOG_LEVEL ?? 'silent'),
    uiDir,
    // The PostgreSQL store when the parent gave one (common.ts sets DATABASE_URL only then).
    ...(databaseUrl ? { databaseUrl } : {}),
    // A bench that must not be slowed by the per-socket event budget passes its own.
    ...(process.env.BENCH_EVENT_BUDGET
      ? {
          eventBudget: JSON.parse(process.env.BENCH_EVENT_BUDGET) as EventBudgets | null,
        }
      : {}),
  });
  const nsp = server.io.of(SYNC_NAMESPACE);

  const answer = async (req: ChildRequest): Promise<void> => {
    if (req.type === 'stop') {
      void server.close().finally(() => process.exit(0));
      return;
    }
    if (req.gc && gc) {
      gc();
      gc();
    }
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
    const stats: ServerStats = {
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      wallMs: performance.now(),
      loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
      clients: nsp.sockets.size,
      processedMutations: await countRows(server.store.db, 'processed_mutation'),
    };
    if (req.resetLoopDelay) loop.reset();
    send({ type: 'stats', id: req.id, stats });
  };
  process.on('message', (req: ChildRequest) => {
    void answer(req);
  });
  // The parent went away: never linger.
  process.on('disconnect', () => {
    void server.close().finally(() => process.exit(0));
  });
  send({ type: 'ready', url: server.url });
}

main().catch((err: unknown) => {
  send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
