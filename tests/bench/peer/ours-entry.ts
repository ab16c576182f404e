/**
 * Citizen Guide's side in the page: our real sync engine (src/client: CacheDb over Dexie, the
 * SyncEngine's pull, push and outbox) against our real server, through the public API only, as
 * catch-up-run.ts uses it. Exposes `globalThis.peerOurs`.
 */
import { CacheDb, SyncEngine } from '../../../src/client/index.js';

export interface OursOpenArgs {
  url: string;
  token: string;
  dbName: string;
  pullLimit: number;
}

const now = (): number => performance.now();
/** A time comparable across processes on this machine (ms since the epoch, sub-ms). */
const wall = (): number => performance.timeOrigin + performance.now();

let args: OursOpenArgs | null = null;
let db: CacheDb | null = null;
let engine: SyncEngine | null = null;
let cursor = 0;
const warnings: string[] = [];
/** The server's answers by mutation id, with the time each arrived. */
const answers = new Map<string, { t: number; ok: boolean }>();
/** The change-log head after the last mutation this client saw applied. */
let appliedHead = 0;
const answerWaiters = new Map<string, () => void>();
let expected: string | null = null;
let arrived: number | null = null;
let onArrival: ((t: number) => void) | null = null;
const arrive = (t: number): void => {
  arrived = t;
  onArrival?.(t);
};

function answered(id: string, ok: boolean): void {
  answers.set(id, { t: now(), ok });
  answerWaiters.get(id)?.();
}

/** Starts a fresh engine over the open cache; resolves when its cursor reaches `head` (ms). */
async function startUntil(head: number, timeoutMs = 120_000): Promise<number> {
  const a = args;
  const d = db;
  if (!a || !d) throw new Error('not open');
  const e = new SyncEngine({
    url: a.url,
    token: a.token,
    db: d,
    pullLimit: a.pullLimit,
    ackTimeoutMs: 30_000,
    logger: {
      warn: (m, x) => warnings.push(`${m} ${JSON.stringify(x ?? {})}`),
      error: (m, x) => warnings.push(`${m} ${JSON.stringify(x ?? {})}`),
    },
  });
  engine = e;
  e.on('applied', (ev) => {
    appliedHead = Math.max(appliedHead, ev.cursor);
    answered(ev.id, true);
  });
  e.on('rejected', (ev) => answered(ev.id, false));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reached = new Promise<boolean>((resolve) => {
    e.on('synced', (ev) => {
      cursor = ev.cursor;
      if (ev.cursor >= head) resolve(true);
      // Fan-out: the time the expected post is in this cache (a live push applies, then
      // `synced`); stamped before the read, which only confirms it.
      if (expected !== null && arrived === null) {
        const t = wall();
        const want = expected;
        void d.news.get(want).then((row) => {
          if (row && expected === want && arrived === null) arrive(t);
        });
      }
    });
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const t0 = now();
  await e.start();
  const ok = await reached;
  clearTimeout(timer);
  if (!ok) throw new Error(`cursor ${cursor} did not reach ${head} within ${timeoutMs} ms`);
  return now() - t0;
}

const peerOurs = {
  async open(a: OursOpenArgs): Promise<void> {
    args = a;
    db = new CacheDb(a.dbName);
    await db.open();
  },
  /** Initial sync or catch-up: a new engine over this cache, until the cursor is at `head`. */
  async sync(head: number): Promise<{ ms: number; docs: number; warnings: string[] }> {
    const ms = await startUntil(head);
    const d = db;
    let docs = 0;
    if (d) for (const t of d.cacheTables()) if (t.name !== 'meta') docs += await t.count();
    return { ms, docs, warnings: warnings.slice(0, 5) };
  },
  async stopReplication(): Promise<void> {
    await engine?.stop();
    engine = null;
  },
  /** One sign-up at a time: `engine.mutate` → the server's 'applied' (or 'rejected') for it. */
  async signUps(
    pairs: { activityId: string; residentId: string }[],
  ): Promise<{ ms: number[]; rejected: number; head: number }> {
    const e = engine;
    if (!e) throw new Error('not running');
    const ms: number[] = [];
    let rejected = 0;
    for (const p of pairs) {
      const t0 = now();
      const id = await e.mutate('signup.add', p);
      if (!answers.has(id))
        await Promise.race([
          new Promise<void>((resolve) => answerWaiters.set(id, resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, 10_000)),
        ]);
      answerWaiters.delete(id);
      const a = answers.get(id);
      if (a && !a.ok) rejected++;
      ms.push(a ? a.t - t0 : NaN);
    }
    return { ms, rejected, head: appliedHead };
  },
  expect(id: string): void {
    expected = id;
    arrived = null;
    onArrival = null;
  },
  /** The expected document's arrival time (wall clock), or null if not within `timeoutMs`. */
  waitArrival(timeoutMs: number): Promise<number | null> {
    if (arrived !== null) return Promise.resolve(arrived);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      onArrival = (t) => {
        clearTimeout(timer);
        onArrival = null;
        resolve(t);
      };
    });
  },
  async close(): Promise<void> {
    await engine?.stop();
    engine = null;
    db?.close();
    db = null;
  },
};

export type PeerOurs = typeof peerOurs;
(globalThis as { peerOurs?: PeerOurs }).peerOurs = peerOurs;
