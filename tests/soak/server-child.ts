/**
 * The centre server in its own process for the soak, on a clock the soak drives: `fork()`ed by
 * soak-server.ts with `--import tsx --expose-gc`, its arguments the data directory, the built UI's
 * directory and the simulated start (ms since the epoch). The server's `now` (startServer's own
 * option, the one the tests use) starts there, flows with real time between the driver's steps and
 * jumps forward when the driver sets it (IPC `clock`), never back. Nothing of this reaches the
 * production code: the CLI has no way to set a clock, and this file is the only one that does.
 * The process answers `stats` with its RSS after full GCs and the kiosks connected.
 */
import { performance } from 'node:perf_hooks';
import { SYNC_NAMESPACE } from '../../src/protocol/index.js';
import { startServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';

export interface SoakServerStats {
  rss: number;
  heapUsed: number;
  /** Sockets of kiosks (principal role `kiosk`) connected now. */
  kiosks: number;
  /** Kiosk connections made since the start (each reconnect counts). */
  kioskConnects: number;
  /** Why kiosk sockets went, by socket.io's reason (`transport close`, `ping timeout`, …). */
  kioskDisconnects: Record<string, number>;
  clients: number;
}

export type SoakChildRequest =
  | { type: 'clock'; id: number; at: number }
  | { type: 'stats'; id: number; gc: boolean }
  | { type: 'stop'; id: number };

export type SoakChildReply =
  | { type: 'ready'; url: string }
  | { type: 'failed'; error: string }
  | { type: 'ok'; id: number }
  | { type: 'stats'; id: number; stats: SoakServerStats };

const send = (msg: SoakChildReply): void => {
  process.send?.(msg);
};
const gc = (globalThis as { gc?: () => void }).gc;

/** A clock that flows from `start` with real time and can be moved forward, never back. */
function steppedClock(start: number): { now: () => Date; set: (at: number) => void } {
  let base = { at: start, real: performance.now() };
  let last = start;
  return {
    now: () => {
      last = Math.max(last, base.at + (performance.now() - base.real));
      return new Date(last);
    },
    set: (at) => {
      base = { at: Math.max(at, last), real: performance.now() };
    },
  };
}

async function main(): Promise<void> {
  const [dataDir, uiDir, startArg] = process.argv.slice(2);
  const start = Number(startArg);
  if (!dataDir || !uiDir || !Number.isFinite(start))
    throw new Error('usage: server-child.ts DATA_DIR UI_DIR START_MS');
  const clock = steppedClock(start);
  const server = await startServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger(process.env.LOG_LEVEL ?? 'silent'),
    uiDir,
    now: clock.now,
  });
  const nsp = server.io.of(SYNC_NAMESPACE);
  const isKiosk = (s: { data: unknown }): boolean =>
    (s.data as { principal?: { role?: string } } | undefined)?.principal?.role === 'kiosk';
  let kioskConnects = 0;
  const kioskDisconnects: Record<string, number> = {};
  nsp.on('connection', (s) => {
    if (!isKiosk(s)) return;
    kioskConnects++;
    s.on('disconnect', (reason) => {
      kioskDisconnects[reason] = (kioskDisconnects[reason] ?? 0) + 1;
    });
  });
  process.on('message', (req: SoakChildRequest) => {
    if (req.type === 'stop') {
      void server.close().finally(() => process.exit(0));
      return;
    }
    if (req.type === 'clock') {
      clock.set(req.at);
      send({ type: 'ok', id: req.id });
      return;
    }
    // Twice: what the first frees (weak references, finalisers) the second collects.
    if (req.gc) {
      gc?.();
      gc?.();
    }
    const sockets = [...nsp.sockets.values()];
    const kiosks = sockets.filter(isKiosk).length;
    const m = process.memoryUsage();
    send({
      type: 'stats',
      id: req.id,
      stats: {
        rss: m.rss,
        heapUsed: m.heapUsed,
        kiosks,
        kioskConnects,
        kioskDisconnects,
        clients: sockets.length,
      },
    });
  });
  // The driver went away: never linger.
  process.on('disconnect', () => {
    void server.close().finally(() => process.exit(0));
  });
  send({ type: 'ready', url: server.url });
}

main().catch((err: unknown) => {
  send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
