/**
 * Two server nodes on one PostgreSQL database behind a load balancer (issue 13): node A is its
 * own process and is killed with SIGKILL in the middle of a stream of posts and sign-ups. Its
 * kiosks (real client engines) reconnect through the balancer to node B and catch up: every post
 * reaches every kiosk, every sign-up a kiosk made is stored exactly once (the ones A committed
 * but never answered included), and each kiosk's cursor ends at the head.
 *
 * PostgreSQL only (TEST_DATABASE_URL); see two-node.test.ts.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readCursor, type SyncEngine } from '../../src/client/index.js';
import { readHead } from '../../src/server/store/store.js';
import { startBalancer, type Balancer } from '../helpers/balancer.js';
import { freePort, killAllServers, spawnServer } from '../helpers/child-server.js';
import { engines } from '../helpers/engines.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import { freshTestDatabase, testDatabaseUrl } from '../helpers/test-database.js';
import { apply, startTestServer, type TestServer } from '../helpers/test-server.js';

const POSTS = 40;
const KILL_AT = 15;
const KIOSKS = 3;

const until = (fn: () => unknown, timeout = 20_000): Promise<unknown> =>
  vi.waitFor(fn, { timeout, interval: 25 });

const news = (i: number) => ({
  id: `news-${i}`,
  title: `Nyhed ${i}`,
  body: 'Kaffe i haven',
  media: [],
  publishAt: new Date(Date.now() - 60_000).toISOString(),
  expiresAt: null,
  audience: { kind: 'all' as const },
});

describe.runIf(testDatabaseUrl())('node A killed mid-stream, its kiosks move to node B', () => {
  const made = engines();
  let b: TestServer | undefined;
  let balancer: Balancer | undefined;
  let dirA: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await made.stopAll();
    await balancer?.close();
    await killAllServers();
    await b?.close();
    await drop?.();
    if (dirA) rmSync(dirA, { recursive: true, force: true });
  });

  it('loses nothing and applies nothing twice', async () => {
    const database = await freshTestDatabase();
    drop = database.drop;
    b = await startTestServer({ databaseUrl: database.url });
    dirA = mkdtempSync(join(tmpdir(), 'cg-nodes-a-'));
    const portA = await freePort();
    const nodeA = await spawnServer(dirA, portA, 60_000, [], undefined, {
      DATABASE_URL: database.url,
    });
    balancer = await startBalancer([portA, b.server.port]);

    const staff = await b.staff();
    const residents = await seedResidents(staff, KIOSKS * 4);
    await apply(staff, 'activity.put', activity('a1', { capacity: 100 }));

    const kiosks: SyncEngine[] = [];
    for (let k = 0; k < KIOSKS; k++) {
      const engine = made.make(balancer.url, await b.kioskToken(`Kiosk ${k}`), `kiosk-${k}`);
      await engine.start();
      kiosks.push(engine);
    }
    for (const k of kiosks)
      await until(async () => expect(await k.db.activity.get('a1')).toBeDefined());
    // Every kiosk is on node A (the balancer's first choice while it lives).
    expect(balancer.counts.get(portA)).toBeGreaterThanOrEqual(KIOSKS);

    const signUp = (k: number, n: number): Promise<string> =>
      kiosks[k]!.mutate('signup.add', { activityId: 'a1', residentId: residents[k * 4 + n]! });
    for (let i = 0; i < POSTS; i++) {
      await apply(staff, 'news.put', news(i));
      if (i === 3) for (let k = 0; k < KIOSKS; k++) await signUp(k, 0);
      if (i === KILL_AT - 1)
        // Live while A lives: B's posts reach A's kiosks through the adapter.
        for (const k of kiosks)
          await until(async () => expect(await k.db.news.count()).toBe(KILL_AT));
      if (i === KILL_AT) {
        // Sign-ups in flight on A as it dies: some committed there and never answered.
        for (let k = 0; k < KIOSKS; k++) await signUp(k, 1);
        await nodeA.kill9();
      }
      if (i === KILL_AT + 5) for (let k = 0; k < KIOSKS; k++) await signUp(k, 2);
    }
    for (let k = 0; k < KIOSKS; k++) await signUp(k, 3);

    const db = b.server.store.db;
    // Every outbox empty first: until then another kiosk's sign-up still moves the head, and a
    // head read once would be passed by a cursor that is right (a flake: 78 against 76).
    for (const k of kiosks) await until(async () => expect(await k.db.outbox.count()).toBe(0));
    for (const k of kiosks) {
      await until(async () => expect(await k.db.news.count()).toBe(POSTS));
      await until(async () => expect(await readCursor(k.db)).toBe(await readHead(db)));
    }
    // They came back through node B.
    expect(balancer.counts.get(b.server.port)).toBeGreaterThanOrEqual(KIOSKS);

    // Each sign-up once, and the count the activity shows is theirs.
    const signups = await db.selectFrom('signup').select(['id', 'resident_id']).execute();
    expect(signups.map((s) => s.resident_id).sort()).toEqual([...residents].sort());
    const a1 = await db
      .selectFrom('activity')
      .select('data')
      .where('id', '=', 'a1')
      .executeTakeFirstOrThrow();
    expect((JSON.parse(a1.data) as { confirmedCount: number }).confirmedCount).toBe(
      residents.length,
    );
    for (const k of kiosks)
      await until(async () =>
        expect((await k.db.signup.toArray()).filter((s) => s.status === 'confirmed')).toHaveLength(
          residents.length,
        ),
      );
  }, 90_000);
});
