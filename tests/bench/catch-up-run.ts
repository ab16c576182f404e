/**
 * One catch-up, the same code in Node (fake-indexeddb) and in Chromium (real IndexedDB): a fresh
 * cache, a fresh SyncEngine, and the time from `start()` until the engine reports the cursor at
 * the server's head (its last page committed in the same transaction as its rows). Uses only the
 * public API of src/client.
 */
import type { DexieOptions } from 'dexie';
import { io } from 'socket.io-client';
import { CacheDb, SyncEngine, type SocketFactory } from '../../src/client/index.js';

export interface CatchUpArgs {
  url: string;
  token: string;
  dbName: string;
  /** The server's change-log head: the run ends when the engine's cursor reaches it. */
  head: number;
  /** Rows of `news` the cache must hold at the end. */
  expectedNews: number;
  pullLimit: number;
  timeoutMs: number;
}

export interface CatchUpOutcome {
  ms: number;
  cursor: number;
  newsRows: number;
  pulls: number;
  warnings: string[];
  timedOut: boolean;
}

const now = (): number => globalThis.performance.now();

export async function runCatchUp(
  args: CatchUpArgs,
  dexieOptions?: DexieOptions,
): Promise<CatchUpOutcome> {
  const db = new CacheDb(args.dbName, dexieOptions);
  await db.open();
  const warnings: string[] = [];
  let pulls = 0;
  // Counts the pull pages the engine asks for; otherwise exactly the engine's default socket.
  const socketFactory: SocketFactory = (url, opts) => {
    const s: ReturnType<SocketFactory> = io(url, opts);
    s.onAnyOutgoing((event) => {
      if (event === 'pull') pulls++;
    });
    return s;
  };
  const engine = new SyncEngine({
    url: args.url,
    token: args.token,
    db,
    socketFactory,
    pullLimit: args.pullLimit,
    ackTimeoutMs: 30_000,
    logger: {
      warn: (m, d) => warnings.push(`${m} ${JSON.stringify(d ?? {})}`),
      error: (m, d) => warnings.push(`${m} ${JSON.stringify(d ?? {})}`),
    },
  });
  let cursor = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reached = new Promise<boolean>((resolve) => {
    engine.on('synced', (e) => {
      cursor = e.cursor;
      if (e.cursor >= args.head) resolve(true);
    });
    timer = setTimeout(() => resolve(false), args.timeoutMs);
  });
  const t0 = now();
  await engine.start();
  const ok = await reached;
  const ms = now() - t0;
  clearTimeout(timer);
  await engine.stop();
  const newsRows = await db.news.count();
  db.close();
  return { ms, cursor, newsRows, pulls, warnings: warnings.slice(0, 10), timedOut: !ok };
}
