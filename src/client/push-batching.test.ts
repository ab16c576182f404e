/**
 * A burst of live pushes (a staff "copy last week": 2,000 changes, each mutation its own commit
 * and push) is applied in a few Dexie transactions, not one per push: each write transaction
 * costs IndexedDB a commit and every screen's live queries a re-run and a render, which is what
 * held a kiosk at 150–300 changes a second. The sync rules still hold: the cursor only moves
 * with the changes it covers, a gap or another view key still means a pull.
 */
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signUpId } from '../domain/model.js';
import { CacheDb, readCursor } from './db.js';
import { SyncEngine } from './engine.js';
import { FakeServer, type FakeSocket, signUpRow } from './fake-server.test-util.js';

let dbCount = 0;
const cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface Rig {
  server: FakeServer;
  db: CacheDb;
  engine: SyncEngine;
  socket: () => FakeSocket;
  /** Read-write transactions the cache database has started so far. */
  writes: () => number;
}

async function rig(): Promise<Rig> {
  const server = new FakeServer();
  const db = new CacheDb(`push-batching-${++dbCount}`);
  let writes = 0;
  // Counted at Dexie's lowest layer: every IndexedDB transaction passes here.
  db.use({
    stack: 'dbcore',
    name: 'count-write-transactions',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) => {
        if (mode === 'readwrite') writes++;
        return down.transaction(stores, mode, options);
      },
    }),
  });
  const sockets: FakeSocket[] = [];
  const engine = new SyncEngine({
    url: 'http://centre.test',
    token: 't',
    ackTimeoutMs: 200,
    backoff: { baseMs: 5, maxMs: 20 },
    socketFactory: () => {
      const s = server.socket();
      sockets.push(s);
      return s.asSocket();
    },
    db,
  });
  cleanup.push(async () => {
    await engine.stop();
    db.close();
  });
  await engine.start();
  await vi.waitFor(() => expect(engine.getStatus().state).toBe('online'));
  await engine.syncNow();
  const socket = (): FakeSocket => {
    const s = sockets.at(-1);
    if (!s) throw new Error('no socket yet');
    return s;
  };
  return { server, db, engine, socket, writes: () => writes };
}

/** One committed change and its own push, as the server sends a mutation committed alone. */
function commitAndPush(server: FakeServer, i: number, status: 'confirmed' | 'cancelled'): void {
  const before = server.head;
  server.append(
    'signup',
    signUpId(`a${i % 500}`, 'r1'),
    'put',
    signUpRow(`a${i % 500}`, 'r1', status),
  );
  server.push(before);
}

/** The cache's cursor is at the server's head (then a pull, queued last, runs after the rest). */
const caughtUp = async (r: Rig): Promise<void> => {
  await vi.waitFor(async () => expect(await readCursor(r.db)).toBe(r.server.head), {
    timeout: 10_000,
  });
};

describe('live pushes in a burst', () => {
  it('applies 2,000 pushes that arrive together in at most a few transactions', async () => {
    const r = await rig();
    const renders = vi.fn();
    const sub = liveQuery(() => r.db.signup.toArray()).subscribe({ next: renders });
    cleanup.push(() => sub.unsubscribe());
    await vi.waitFor(() => expect(renders).toHaveBeenCalled());
    const renders0 = renders.mock.calls.length;
    const writes0 = r.writes();
    const pulls0 = r.server.pulls.length;

    for (let i = 0; i < 2000; i++) commitAndPush(r.server, i, i < 1500 ? 'confirmed' : 'cancelled');
    await caughtUp(r);

    expect(r.writes() - writes0).toBeLessThanOrEqual(3);
    expect(r.server.pulls.length).toBe(pulls0); // every push followed on: nothing to pull
    await r.engine.syncNow();
    const rows = await r.db.signup.toArray();
    expect(rows).toHaveLength(500);
    // The last change to each row wins, across pushes applied together.
    expect(rows.every((s) => s.status === 'cancelled')).toBe(true);
    await vi.waitFor(() =>
      expect(renders.mock.calls.at(-1)?.[0]).toEqual(expect.arrayContaining(rows)),
    );
    // A screen's live query re-runs once per applied batch, not once per change.
    expect(renders.mock.calls.length - renders0).toBeLessThanOrEqual(3);
  });

  it('takes pushes arriving while it writes into the next transaction, and says synced once per batch', async () => {
    const r = await rig();
    const synced = vi.fn();
    r.engine.on('synced', synced);
    const writes0 = r.writes();
    // Ten bursts of 200, each in its own turn of the event loop.
    for (let b = 0; b < 10; b++) {
      for (let i = 0; i < 200; i++) commitAndPush(r.server, b * 200 + i, 'confirmed');
      await new Promise((done) => setImmediate(done));
    }
    await caughtUp(r);
    expect(r.writes() - writes0).toBeLessThanOrEqual(11);
    expect(await r.db.signup.count()).toBe(500);
    expect(synced.mock.calls.at(-1)?.[0]).toEqual(
      expect.objectContaining({ cursor: r.server.head }),
    );
    expect(synced.mock.calls.length).toBeLessThanOrEqual(11);
  });

  it('applies the pushes before a gap, then pulls the gap and ends at the head', async () => {
    const r = await rig();
    for (let i = 0; i < 50; i++) commitAndPush(r.server, i, 'confirmed');
    // Committed but its push lost (another process wrote it): the next pushes do not follow on.
    r.server.append('signup', signUpId('gap', 'r1'), 'put', signUpRow('gap', 'r1'));
    for (let i = 50; i < 100; i++) commitAndPush(r.server, i, 'confirmed');
    await caughtUp(r);
    expect(await r.db.signup.get(signUpId('gap', 'r1'))).toBeDefined();
    expect(await r.db.signup.count()).toBe(101);
    expect(r.server.pulls.at(-1)?.since).toBeGreaterThan(0); // pulled from its cursor, not 0
  });

  it('stops at a push under another view key, and rebuilds the cache under the new key', async () => {
    const r = await rig();
    const pulls0 = r.server.pulls.length;
    for (let i = 0; i < 20; i++) commitAndPush(r.server, i, 'confirmed');
    r.server.view = 'view-2';
    for (let i = 20; i < 40; i++) commitAndPush(r.server, i, 'confirmed');
    await caughtUp(r);
    await vi.waitFor(async () => expect((await r.db.meta.get('view'))?.value).toBe('view-2'));
    expect(await r.db.signup.count()).toBe(40);
    // Rebuilt by a pull from 0 under the new key.
    expect(r.server.pulls.slice(pulls0).some((p) => p.since === 0)).toBe(true);
  });

  it('keeps a reset that arrives between pushes in its place', async () => {
    const r = await rig();
    for (let i = 0; i < 20; i++) commitAndPush(r.server, i, 'confirmed');
    // The visible set changed: the server says reset, and its later pushes carry the new key.
    r.server.view = 'view-2';
    r.socket().fire('reset', { reason: 'visibility_changed', view: 'view-2' });
    for (let i = 20; i < 40; i++) commitAndPush(r.server, i, 'confirmed');
    await caughtUp(r);
    expect((await r.db.meta.get('view'))?.value).toBe('view-2');
    expect(await r.db.signup.count()).toBe(40);
  });

  it('ignores malformed pushes in a burst and refuses an unreadable record, applying the rest', async () => {
    const r = await rig();
    const writes0 = r.writes();
    for (let i = 0; i < 10; i++) commitAndPush(r.server, i, 'confirmed');
    const s = r.socket();
    s.fire('changes', null);
    s.fire('changes', { after: 'x', cursor: 1, changes: [], view: r.server.view });
    s.fire('changes', {
      after: r.server.head,
      cursor: r.server.head + 1,
      changes: 'no',
      view: 'v',
    });
    s.fire('changes', { after: -1, cursor: Number.NaN, changes: [], view: r.server.view });
    // A record this client's schema refuses: left out and counted, its cursor still passed.
    const before = r.server.head;
    r.server.append('signup', 'bad-row', 'put', { id: 'bad-row', status: 42 });
    r.server.push(before);
    for (let i = 10; i < 20; i++) commitAndPush(r.server, i, 'confirmed');
    await caughtUp(r);
    expect(await r.db.signup.count()).toBe(20);
    expect(await r.db.signup.get('bad-row')).toBeUndefined();
    expect(r.engine.refusedChanges()).toBe(1);
    expect(r.writes() - writes0).toBeLessThanOrEqual(3);
  });
});
