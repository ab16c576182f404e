import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signUpId } from '../domain/model.js';
import { CacheDb, readCursor, type OutboxEntry } from './db.js';
import { SyncEngine } from './engine.js';
import {
  FakeServer,
  type FakeSocket,
  LOSE_ACK,
  NO_ANSWER,
  signUpRow,
} from './fake-server.test-util.js';
import type { SyncEngineOptions } from './engine.js';
import type { MutateResult } from '../protocol/index.js';

let dbCount = 0;
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

interface Rig {
  server: FakeServer;
  db: CacheDb;
  engine: SyncEngine;
  sockets: FakeSocket[];
  socket: () => FakeSocket;
}

function rig(opts: Partial<SyncEngineOptions> & { server?: FakeServer; db?: CacheDb } = {}): Rig {
  const server = opts.server ?? new FakeServer();
  const db = opts.db ?? new CacheDb(`engine-test-${++dbCount}`);
  const sockets: FakeSocket[] = [];
  const engine = new SyncEngine({
    url: 'http://centre.test',
    token: 't',
    ackTimeoutMs: 60,
    backoff: { baseMs: 5, maxMs: 20 },
    socketFactory: () => {
      const s = server.socket();
      sockets.push(s);
      return s.asSocket();
    },
    ...opts,
    db,
  });
  cleanup.push(async () => {
    await engine.stop();
    db.close();
  });
  const socket = (): FakeSocket => {
    const s = sockets.at(-1);
    if (!s) throw new Error('no socket yet');
    return s;
  };
  return { server, db, engine, sockets, socket };
}

const seedSignups = (server: FakeServer, n: number): void => {
  for (let i = 1; i <= n; i++)
    server.append('signup', signUpId(`a${i}`, 'r1'), 'put', signUpRow(`a${i}`, 'r1'));
};

const online = async (r: Rig): Promise<void> => {
  await vi.waitFor(() => expect(r.engine.getStatus().state).toBe('online'));
};

const idle = async (r: Rig): Promise<void> => {
  await vi.waitFor(async () => {
    expect(await readCursor(r.db)).toBe(r.server.head);
    expect(await r.db.outbox.count()).toBe(0);
  });
};

describe('SyncEngine: pulling', () => {
  it('keeps no cursor past rows that were not written when a write fails mid-pull', async () => {
    const warnings: string[] = [];
    const r = rig({
      pullLimit: 2,
      backoff: { baseMs: 60_000, maxMs: 60_000 }, // no retry within the test
      logger: { warn: (m) => warnings.push(m) },
    });
    seedSignups(r.server, 12);
    // The second transaction of the pull fails; the one made after it (the pages that came while
    // it was being written) must not commit on its own.
    let calls = 0;
    const bulkPut = r.db.signup.bulkPut.bind(r.db.signup);
    vi.spyOn(r.db.signup, 'bulkPut').mockImplementation((rows) => {
      // A row IndexedDB refuses (no key): a real failed request inside the transaction.
      return bulkPut(++calls === 2 ? [{ noKey: true } as never] : rows);
    });
    await r.engine.start();
    await vi.waitFor(() => expect(warnings).toContain('pull failed'));
    const cursor = await readCursor(r.db);
    expect(cursor).toBeLessThan(r.server.head);
    // Every change up to the cursor is in the cache (signup a<i> is seq i).
    for (let i = 1; i <= cursor; i++)
      expect(await r.db.signup.get(signUpId(`a${i}`, 'r1'))).toBeDefined();
  });

  it('pulls everything page by page on connect and records the cursor', async () => {
    const r = rig({ pullLimit: 10 });
    seedSignups(r.server, 25);
    const synced = vi.fn();
    r.engine.on('synced', synced);
    await r.engine.start();
    await idle(r);
    expect(await r.db.signup.count()).toBe(25);
    expect(r.server.pulls).toEqual([
      { since: 0, limit: 10 },
      { since: 10, limit: 10 },
      { since: 20, limit: 10 },
    ]);
    expect(synced).toHaveBeenCalledWith(expect.objectContaining({ cursor: 25 }));
    const status = r.engine.getStatus();
    expect(status).toMatchObject({
      state: 'online',
      offlineSince: null,
      role: 'kiosk',
      centreId: 'c1',
    });
    expect(status.lastSyncedAt).toBeInstanceOf(Date);
  });

  it('applies a live push that follows on from its cursor, without pulling', async () => {
    const r = rig();
    seedSignups(r.server, 2);
    await r.engine.start();
    await idle(r);
    const pulls = r.server.pulls.length;
    r.server.append('signup', signUpId('a1', 'r1'), 'del');
    r.server.push(2);
    await vi.waitFor(async () => expect(await readCursor(r.db)).toBe(3));
    expect(await r.db.signup.get(signUpId('a1', 'r1'))).toBeUndefined();
    expect(r.server.pulls.length).toBe(pulls);
  });

  it('pulls to fill the gap when a push does not follow on from its cursor', async () => {
    const r = rig();
    seedSignups(r.server, 2);
    await r.engine.start();
    await idle(r);
    seedSignups(r.server, 4); // seqs 3..6 (a1..a4 again, as new versions)
    r.server.push(4); // the client missed seqs 3..4
    await vi.waitFor(async () => expect(await readCursor(r.db)).toBe(6));
    expect(r.server.pulls.at(-1)).toEqual({ since: 2, limit: 500 });
  });

  it('ignores a push it already has', async () => {
    const r = rig();
    seedSignups(r.server, 3);
    await r.engine.start();
    await idle(r);
    const pulls = r.server.pulls.length;
    r.server.push(1);
    await r.engine.syncNow();
    expect(await readCursor(r.db)).toBe(3);
    expect(r.server.pulls.length).toBe(pulls + 1); // only the syncNow one
  });

  it('pulls from its cursor again after a reconnect (a push missed while offline)', async () => {
    const r = rig();
    seedSignups(r.server, 2);
    await r.engine.start();
    await idle(r);
    r.socket().drop();
    expect(r.engine.getStatus().state).toBe('offline');
    expect(r.engine.getStatus().offlineSince).toBeInstanceOf(Date);
    seedSignups(r.server, 1);
    r.server.push(2); // not delivered: offline
    r.server.handshake(r.socket());
    await vi.waitFor(async () => expect(await readCursor(r.db)).toBe(3));
    expect(r.server.pulls.at(-1)).toEqual({ since: 2, limit: 500 });
    expect(r.engine.getStatus().offlineSince).toBeNull();
  });

  it('on reset drops the cache, keeps the outbox, and pulls from 0', async () => {
    // A long ack time-out: this test holds the answer back on purpose, and a retry under a
    // loaded CI machine would only add noise to the order being checked.
    const r = rig({ ackTimeoutMs: 10_000 });
    seedSignups(r.server, 3);
    let release!: (v: MutateResult) => void;
    r.server.decide = () => new Promise((res) => (release = res));
    await r.engine.start();
    await idle(r);
    await r.db.activity.put({ id: 'stale' } as never); // a row the server no longer shows us
    await r.engine.mutate('signup.add', { activityId: 'x', residentId: 'r1' });
    await r.engine.mutate('signup.cancel', { activityId: 'x', residentId: 'r1' });
    await vi.waitFor(() => expect(r.server.received).toHaveLength(1));
    r.socket().fire('reset', { reason: 'visibility_changed' });
    await vi.waitFor(() => expect(r.server.pulls.at(-1)).toEqual({ since: 0, limit: 500 }));
    await vi.waitFor(async () => expect(await r.db.signup.count()).toBe(3));
    expect(await r.db.activity.count()).toBe(0);
    expect(await r.db.outbox.count()).toBe(2);
    release({ status: 'applied', cursor: r.server.head });
    await vi.waitFor(() =>
      expect(r.server.received.map((m) => m.name)).toEqual(['signup.add', 'signup.cancel']),
    );
  });

  it('rebuilds the cache by a full pull when storage quota is exceeded, keeping the outbox', async () => {
    const r = rig({ pullLimit: 2 });
    seedSignups(r.server, 3);
    r.server.decide = () => NO_ANSWER; // keep an entry in the outbox throughout
    await r.engine.start();
    await idle(r);
    await r.engine.mutate('signup.add', { activityId: 'x', residentId: 'r1' });
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const spy = vi.spyOn(r.db.signup, 'bulkPut').mockRejectedValueOnce(quota);
    seedSignups(r.server, 1);
    r.server.push(3);
    await vi.waitFor(async () => expect(await readCursor(r.db)).toBe(4));
    expect(spy).toHaveBeenCalled();
    // the first two pulls were the initial sync; then the rebuild from 0
    expect(r.server.pulls.slice(2)).toEqual([
      { since: 0, limit: 2 },
      { since: 2, limit: 2 },
    ]);
    expect(await r.db.signup.count()).toBe(3); // a1 twice: 3 rows
    expect(await r.db.outbox.count()).toBe(1);
    spy.mockRestore();
  });
});

describe('SyncEngine: the outbox', () => {
  it('tells a caller who listens right after mutate() of the answer, however fast it came', async () => {
    const r = rig();
    await r.engine.start();
    await idle(r);
    // The fake server answers at once; the status count's read (which mutate() awaits) is slow.
    const filter = r.db.outbox.filter.bind(r.db.outbox);
    vi.spyOn(r.db.outbox, 'filter').mockImplementation((fn) => {
      const c = filter(fn);
      const toArray = c.toArray.bind(c);
      c.toArray = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return toArray();
      }) as typeof c.toArray;
      return c;
    });
    const heard: string[] = [];
    const id = await r.engine.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    r.engine.on('applied', (e) => heard.push(e.id));
    await vi.waitFor(() => expect(heard).toEqual([id]));
    await idle(r);
  });

  it('keeps a later mutation behind one the server asked to retry, and waits the time it asked', async () => {
    const r = rig({ ackTimeoutMs: 10_000 });
    await r.engine.start();
    await idle(r);
    const sentAt: number[] = [];
    let retries = 1;
    r.server.decide = (req) => {
      sentAt.push(performance.now());
      if (retries-- > 0)
        return { status: 'retry', code: 'internal', message: 'x', retryAfterMs: 150 };
      return r.server.applyDefault(req);
    };
    const a = await r.engine.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    await vi.waitFor(() => expect(r.server.received).toHaveLength(1));
    const b = await r.engine.mutate('signup.cancel', { activityId: 'a1', residentId: 'r1' });
    await idle(r);
    expect(r.server.received.map((m) => m.id)).toEqual([a, a, b]);
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(140);
    expect((await r.db.signup.get(signUpId('a1', 'r1')))?.status).toBe('cancelled');
  });

  it('sends mutations made together one at a time, in the order they were made', async () => {
    const r = rig({ ackTimeoutMs: 10_000 });
    await r.engine.start();
    await idle(r);
    const releases: (() => void)[] = [];
    r.server.decide = (req) =>
      new Promise((res) => releases.push(() => res(r.server.applyDefault(req))));
    const names = ['signup.add', 'signup.cancel', 'signup.add'] as const;
    const ids = await Promise.all(
      names.map((n) => r.engine.mutate(n, { activityId: 'a1', residentId: 'r1' })),
    );
    for (let i = 0; i < names.length; i++) {
      // One in flight at a time: the next is not sent before this one is answered.
      await vi.waitFor(() => expect(r.server.received).toHaveLength(i + 1));
      expect(r.server.received.map((m) => m.id)).toEqual(ids.slice(0, i + 1));
      releases[i]?.();
    }
    await idle(r);
    expect(r.server.received.map((m) => m.id)).toEqual(ids);
    expect((await r.db.signup.get(signUpId('a1', 'r1')))?.status).toBe('confirmed');
  });

  it('makes room by dropping the cache when the outbox write hits the quota, then re-pulls', async () => {
    const r = rig();
    seedSignups(r.server, 2);
    await r.engine.start();
    await idle(r);
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const spy = vi.spyOn(r.db.outbox, 'add').mockRejectedValueOnce(quota);
    const id = await r.engine.mutate('signup.add', { activityId: 'a9', residentId: 'r1' });
    spy.mockRestore();
    await idle(r);
    expect(r.server.received.map((m) => m.id)).toEqual([id]);
    expect(r.server.pulls.some((p, i) => i > 0 && p.since === 0)).toBe(true);
    expect(await r.db.signup.count()).toBe(3);
  });

  it('sends a sign-up then a cancel made offline in that order, and the cache ends cancelled', async () => {
    const r = rig();
    r.server.up = false;
    await r.engine.start();
    await r.engine.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    await r.engine.mutate('signup.cancel', { activityId: 'a1', residentId: 'r1' });
    expect(r.engine.getStatus()).toMatchObject({ state: 'connecting', pending: 2 });
    r.server.up = true;
    r.server.handshake(r.socket());
    await idle(r);
    expect(r.server.received.map((m) => m.name)).toEqual(['signup.add', 'signup.cancel']);
    expect((await r.db.signup.get(signUpId('a1', 'r1')))?.status).toBe('cancelled');
    expect(r.engine.getStatus().pending).toBe(0);
  });

  it('retries with the same id after a lost acknowledgement, and nothing is applied twice', async () => {
    const r = rig();
    r.server.decide = (req) => {
      r.server.applyDefault(req);
      r.server.decide = (q) => r.server.applyDefault(q);
      return LOSE_ACK;
    };
    const applied = vi.fn();
    r.engine.on('applied', applied);
    await r.engine.start();
    await online(r);
    const id = await r.engine.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    await r.engine.mutate('signup.cancel', { activityId: 'a1', residentId: 'r1' });
    await idle(r);
    expect(r.server.received.map((m) => [m.id === id, m.name])).toEqual([
      [true, 'signup.add'],
      [true, 'signup.add'],
      [false, 'signup.cancel'],
    ]);
    expect(r.server.log.filter((c) => c.id === signUpId('a1', 'r1'))).toHaveLength(2);
    expect(applied).toHaveBeenCalledTimes(2);
  });

  it('resends the same id after a disconnect while waiting, and never lets a later one overtake', async () => {
    const r = rig({ ackTimeoutMs: 10_000 });
    r.server.decide = () => {
      r.server.decide = (q) => r.server.applyDefault(q);
      return NO_ANSWER;
    };
    await r.engine.start();
    await online(r);
    const id = await r.engine.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    await r.engine.mutate('signup.cancel', { activityId: 'a1', residentId: 'r1' });
    await vi.waitFor(() => expect(r.server.received).toHaveLength(1));
    r.socket().drop();
    // The attempt is recorded with its outcome (here: no answer), not before it is sent.
    await vi.waitFor(async () =>
      expect(await r.db.outbox.orderBy('seq').first()).toMatchObject({
        id,
        attempts: 1,
        state: 'pending',
      }),
    );
    r.server.handshake(r.socket());
    await idle(r);
    expect(r.server.received.map((m) => m.name)).toEqual([
      'signup.add',
      'signup.add',
      'signup.cancel',
    ]);
    expect(r.server.received[1]?.id).toBe(id);
  });

  it('drops a rejected mutation for good, records it, tells listeners, and goes on with the next', async () => {
    const r = rig();
    r.server.decide = (req) =>
      req.args.activityId === 'full'
        ? { status: 'rejected', code: 'full', message: 'Aktiviteten er fuld' }
        : r.server.applyDefault(req);
    const rejected = vi.fn();
    r.engine.on('rejected', rejected);
    await r.engine.start();
    await online(r);
    const id = await r.engine.mutate('signup.add', { activityId: 'full', residentId: 'r1' });
    await r.engine.mutate('signup.add', { activityId: 'a2', residentId: 'r1' });
    await idle(r);
    expect(r.server.received.map((m) => m.args.activityId)).toEqual(['full', 'a2']);
    expect(rejected).toHaveBeenCalledWith(
      expect.objectContaining({ id, code: 'full', name: 'signup.add' }),
    );
    const stored = await r.engine.rejections();
    expect(stored).toEqual([
      expect.objectContaining({ id, code: 'full', message: 'Aktiviteten er fuld', reason: null }),
    ]);
    await r.engine.dismissRejection(id);
    expect(await r.engine.rejections()).toEqual([]);
  });

  it('keeps an applied entry (overlaid) until the cache holds its effect, then removes it in the same step', async () => {
    const r = rig();
    await r.engine.start();
    await online(r);
    // The entry is written `applied` (still overlaid) once answered, not deleted: the cache
    // does not hold the sign-up yet. The pull that brings it deletes the entry.
    let seenApplied = false;
    r.db.outbox.hook('updating', (mods) => {
      seenApplied ||= (mods as Partial<OutboxEntry>).state === 'applied';
    });
    await r.engine.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    await idle(r);
    expect(await r.db.signup.get(signUpId('a1', 'r1'))).toMatchObject({ status: 'confirmed' });
    expect(seenApplied).toBe(true);
    expect(await r.db.outbox.count()).toBe(0);
  });

  it('refuses arguments that fail the mutation schema without touching the outbox', async () => {
    const r = rig();
    await expect(
      r.engine.mutate('signup.add', { activityId: '', residentId: 'r1' }),
    ).rejects.toThrow(/invalid arguments/);
    expect(await r.db.outbox.count()).toBe(0);
  });

  it('sends an entry left by a reloaded kiosk exactly once', async () => {
    const server = new FakeServer();
    server.decide = () => NO_ANSWER;
    const first = rig({ server });
    await first.engine.start();
    await online(first);
    await first.engine.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    await vi.waitFor(() => expect(server.received).toHaveLength(1));
    await first.engine.stop(); // the renderer went away mid-send
    server.decide = (q) => server.applyDefault(q);
    const second = rig({ server, db: new CacheDb(first.db.name) });
    await second.engine.start();
    await idle(second);
    expect(server.log).toHaveLength(1);
  });
});

describe('SyncEngine: connection status', () => {
  it('stops trying and says so when the token is refused', async () => {
    const r = rig();
    r.server.refuse = 'unauthorized';
    const states: string[] = [];
    r.engine.subscribe((s) => states.push(s.state));
    await r.engine.start();
    await vi.waitFor(() => expect(r.engine.getStatus().state).toBe('unauthorized'));
    expect(r.socket().active).toBe(false);
    expect(r.sockets).toHaveLength(1);
    expect(states).toEqual(['connecting', 'unauthorized']);
  });

  it('tells the kiosk shell when the token is refused, so it can show "removed" at once', async () => {
    const told: string[] = [];
    const shell = {
      health: () => null,
      reload: () => {},
      unauthorized: () => told.push('unauthorized'),
    };
    const r = rig({ shell });
    r.server.refuse = 'unauthorized';
    await r.engine.start();
    await vi.waitFor(() => expect(r.engine.getStatus().state).toBe('unauthorized'));
    expect(told).toEqual(['unauthorized']);
    // Another refusal is not a removed kiosk: the shell hears nothing.
    const m = rig({ shell });
    m.server.refuse = 'protocol_mismatch';
    await m.engine.start();
    await vi.waitFor(() => expect(m.engine.getStatus().state).toBe('protocol_mismatch'));
    expect(told).toEqual(['unauthorized']);
  });

  it('reports a protocol mismatch', async () => {
    const r = rig();
    r.server.refuse = 'protocol_mismatch';
    await r.engine.start();
    await vi.waitFor(() => expect(r.engine.getStatus().state).toBe('protocol_mismatch'));
  });

  it('reconnects by itself after the server closed the connection', async () => {
    const r = rig();
    await r.engine.start();
    await online(r);
    r.socket().active = false; // what socket.io does on 'io server disconnect'
    r.socket().drop('io server disconnect');
    expect(r.engine.getStatus().state).toBe('offline');
    await online(r);
  });

  it('unsubscribes', async () => {
    const r = rig();
    const listener = vi.fn();
    const off = r.engine.subscribe(listener);
    off();
    await r.engine.start();
    await online(r);
    expect(listener).not.toHaveBeenCalled();
  });
});
