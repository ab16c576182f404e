/**
 * What a client may see can change without any change of its own in the log: consent withdrawn
 * or given back while a kiosk was offline, a PIN set, the database restored from a backup. The
 * engine must end with a cache equal to a fresh full pull, and never lose its outbox.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signUpId } from '../domain/model.js';
import { CacheDb, readCursor, readMetaText } from './db.js';
import { SyncEngine } from './engine.js';
import { FakeServer, NO_ANSWER, signUpRow } from './fake-server.test-util.js';

let n = 0;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

function rig(server = new FakeServer()) {
  const db = new CacheDb(`view-change-${++n}`);
  const engine = new SyncEngine({
    url: 'http://centre.test',
    token: 't',
    ackTimeoutMs: 60,
    backoff: { baseMs: 5, maxMs: 20 },
    socketFactory: () => server.socket().asSocket(),
    db,
  });
  cleanup.push(async () => {
    await engine.stop();
    db.close();
  });
  return { server, db, engine };
}

const signup = (server: FakeServer, activity: string, resident: string) =>
  server.append('signup', signUpId(activity, resident), 'put', signUpRow(activity, resident));

/** The ids a fresh full pull of the server's log would leave in the cache. */
const freshIds = (server: FakeServer): string[] => {
  const last = new Map<string, string>();
  for (const c of server.log) last.set(c.id, c.op);
  return [...last]
    .filter(([, op]) => op === 'put')
    .map(([id]) => id)
    .sort();
};
const cachedIds = async (db: CacheDb): Promise<string[]> =>
  (await db.signup.toArray()).map((s) => s.id).sort();

const caughtUp = async (r: ReturnType<typeof rig>): Promise<void> => {
  await vi.waitFor(async () => {
    expect(await readCursor(r.db)).toBe(r.server.head);
    expect(await readMetaText(r.db, 'view')).toBe(r.server.view);
  });
};

describe('a client whose view changed while it was away', () => {
  it('drops what it may no longer see and pulls from 0, many times over', async () => {
    const r = rig();
    signup(r.server, 'a1', 'anna');
    signup(r.server, 'a1', 'bent');
    await r.engine.start();
    await caughtUp(r);
    const full = r.server.log.map((c) => ({ ...c }));

    for (let round = 1; round <= 6; round++) {
      await r.engine.stop();
      if (round % 2 === 1) {
        // Bent withdraws consent: the server's projection no longer holds his sign-up.
        r.server.log.splice(0, r.server.log.length, ...full.filter((c) => !c.id.includes('bent')));
      } else {
        // Consent given back: his older record is visible again, below the kiosk's cursor.
        r.server.log.splice(0, r.server.log.length, ...full);
      }
      signup(r.server, `b${round}`, 'anna');
      full.push({ ...r.server.log.at(-1)! });
      r.server.view = `view-${round + 1}`;
      await r.engine.start();
      await caughtUp(r);
      expect(await cachedIds(r.db)).toEqual(freshIds(r.server));
    }
  });

  it('keeps its outbox through the rebuild and sends it once', async () => {
    const r = rig();
    signup(r.server, 'a1', 'anna');
    await r.engine.start();
    await caughtUp(r);
    await r.engine.stop();
    await r.engine.mutate('signup.add', { activityId: 'a2', residentId: 'anna' });
    r.server.view = 'view-2';
    await r.engine.start();
    await caughtUp(r);
    await vi.waitFor(async () => expect(await r.db.outbox.count()).toBe(0));
    expect(r.server.received.map((m) => m.name)).toEqual(['signup.add']);
    expect(await cachedIds(r.db)).toEqual(freshIds(r.server));
  });

  it('does not apply a live push made under another view, and starts over instead', async () => {
    const r = rig();
    signup(r.server, 'a1', 'anna');
    signup(r.server, 'a1', 'bent');
    await r.engine.start();
    await caughtUp(r);
    const before = r.server.head;
    r.server.log.splice(1, 1); // Bent's sign-up is no longer visible
    signup(r.server, 'a2', 'anna');
    r.server.view = 'view-2';
    r.server.push(before);
    await caughtUp(r);
    expect(await cachedIds(r.db)).toEqual(freshIds(r.server));
    expect(r.server.pulls.at(-1)?.since).toBe(0);
  });
});

describe('a server restored from a backup', () => {
  it('is noticed by its new identity: the cache is rebuilt, the outbox kept', async () => {
    const server = new FakeServer();
    const r = rig(server);
    signup(server, 'a1', 'anna');
    signup(server, 'a2', 'anna');
    await r.engine.start();
    await caughtUp(r);
    await r.engine.stop();
    server.decide = () => NO_ANSWER; // the pending sign-up stays in the outbox
    await r.engine.mutate('signup.add', { activityId: 'a3', residentId: 'anna' });
    // The backup had only the first sign-up; the same head is reached by other changes, and the
    // view key is the same (a client cannot rely on it alone for a restore).
    server.log.splice(1);
    signup(server, 'a9', 'anna');
    server.identity = 'db-2';
    await r.engine.start();
    await vi.waitFor(async () => expect(await readMetaText(r.db, 'identity')).toBe('db-2'));
    await caughtUp(r);
    expect(await cachedIds(r.db)).toEqual(freshIds(server));
    expect(await r.db.outbox.count()).toBe(1);
  });

  it('rebuilds the cache once when the identity and the view key changed together', async () => {
    // A real restore changes both: the view key digests the identity. The first pull meets the
    // new key and starts over from 0; the welcome that follows must not start over again.
    const server = new FakeServer();
    const r = rig(server);
    signup(server, 'a1', 'anna');
    signup(server, 'a2', 'anna');
    await r.engine.start();
    await caughtUp(r);
    await r.engine.stop();
    server.log.splice(1);
    signup(server, 'a9', 'anna');
    signup(server, 'a10', 'anna');
    server.identity = 'db-2';
    server.view = 'view-2';
    server.welcomeAfterMs = 30;
    const pullsBefore = server.pulls.length;
    await r.engine.start();
    await vi.waitFor(async () => expect(await readMetaText(r.db, 'identity')).toBe('db-2'));
    await caughtUp(r);
    expect(await cachedIds(r.db)).toEqual(freshIds(server));
    expect(server.pulls.slice(pullsBefore).filter((p) => p.since === 0)).toHaveLength(1);
  });

  it('does not start over when changes committed after the welcome was written were pulled before it was read', async () => {
    // The first pull of a connection runs before `welcome` is handled; changes committed in
    // between put the cursor past the welcome's head, which is no log gone back.
    const server = new FakeServer();
    const r = rig(server);
    signup(server, 'a1', 'anna');
    await r.engine.start();
    await caughtUp(r);
    await r.engine.stop();
    server.welcomeAfterMs = 30;
    const pullsBefore = server.pulls.length;
    server.onOpen = () => {
      server.onOpen = null;
      const head = server.head;
      signup(server, 'a2', 'anna');
      server.push(head);
    };
    const welcomes = server.welcomes;
    await r.engine.start();
    await vi.waitFor(() => expect(server.welcomes).toBe(welcomes + 1));
    await caughtUp(r);
    expect(await cachedIds(r.db)).toEqual(freshIds(server));
    expect(server.pulls.slice(pullsBefore).filter((p) => p.since === 0)).toEqual([]);
  });

  it('starts over when the server is behind its cursor', async () => {
    const server = new FakeServer();
    const r = rig(server);
    for (let i = 0; i < 5; i++) signup(server, `a${i}`, 'anna');
    await r.engine.start();
    await caughtUp(r);
    await r.engine.stop();
    server.log.splice(2);
    await r.engine.start();
    await caughtUp(r);
    expect(await cachedIds(r.db)).toEqual(freshIds(server));
  });
});

describe('a server that asks for a cool-off', () => {
  it('is not asked again before the time it named', async () => {
    const server = new FakeServer();
    server.refuse = 'rate_limited';
    server.refuseRetryAfterMs = 300;
    const r = rig(server);
    await r.engine.start();
    await vi.waitFor(() => expect(server.handshakes.length).toBeGreaterThanOrEqual(2), {
      timeout: 2000,
    });
    const [first = 0, second = 0] = server.handshakes;
    expect(second - first).toBeGreaterThanOrEqual(290);
    server.refuse = null;
    await caughtUp(r);
    expect(r.engine.getStatus().state).toBe('online');
  });
});
