/**
 * The client sync engine (Dexie over fake-indexeddb) against the real centre server on a free
 * port: full pull, mutations, pushes to another kiosk, and an offline sign-up then cancel.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CacheDb, readCursor, SyncEngine } from '../../src/client/index.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import {
  apply,
  pullAll,
  replay,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let dbCount = 0;
const engines: SyncEngine[] = [];

beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  for (const e of engines.splice(0)) {
    await e.stop();
    e.db.close();
  }
  await t.close();
});

async function kiosk(name: string): Promise<SyncEngine> {
  const engine = new SyncEngine({
    url: t.url,
    token: await t.kioskToken(name),
    db: new CacheDb(`client-engine-it-${++dbCount}-${name}`),
    ackTimeoutMs: 2000,
    backoff: { baseMs: 50, maxMs: 500 },
  });
  engines.push(engine);
  await engine.start();
  return engine;
}

const until = (fn: () => unknown): Promise<unknown> =>
  vi.waitFor(fn, { timeout: 10_000, interval: 20 });

describe('the client sync engine against the real server', () => {
  it('connects and pulls everything the kiosk may see', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 3, (i) => i !== 2);
    await apply(staff, 'activity.put', activity('a1'));
    const k = await kiosk('k1');
    await until(async () => expect(await k.db.activity.get('a1')).toBeDefined());
    expect((await k.db.resident.toArray()).map((r) => r.id).sort()).toEqual(['r1', 'r3']);
    expect(k.getStatus()).toMatchObject({ state: 'online', role: 'kiosk', offlineSince: null });
    const { cursor } = await pullAll(await t.connect(await t.kioskToken('probe')));
    await until(async () => expect(await readCursor(k.db)).toBe(cursor));
    expect(k.getStatus().lastSyncedAt).toBeInstanceOf(Date);
  });

  it('a sign-up on one kiosk is applied once and reaches another kiosk by push', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(staff, 'activity.put', activity('a1', { capacity: 2 }));
    const k1 = await kiosk('k1');
    const k2 = await kiosk('k2');
    await until(async () => expect(await k2.db.activity.get('a1')).toBeDefined());
    await until(async () => expect(await k1.db.activity.get('a1')).toBeDefined());
    const applied = new Promise((resolve) => k1.on('applied', resolve));

    await k1.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    await expect(applied).resolves.toMatchObject({ name: 'signup.add' });

    await until(async () =>
      expect(await k2.db.signup.get('a1:r1')).toMatchObject({ status: 'confirmed' }),
    );
    await until(async () => expect(await k1.db.outbox.count()).toBe(0));
    expect(await k1.db.signup.get('a1:r1')).toMatchObject({ status: 'confirmed' });
    expect((await k2.db.activity.get('a1'))?.confirmedCount).toBe(1);
    expect(k1.getStatus().pending).toBe(0);
  });

  it('a refused sign-up is dropped from the outbox and recorded with its code', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(staff, 'activity.put', activity('a1', { capacity: 1, waitlist: false }));
    await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    const k = await kiosk('k1');
    const id = await k.mutate('signup.add', { activityId: 'a1', residentId: 'r2' });
    await until(async () =>
      expect(await k.rejections()).toEqual([expect.objectContaining({ id, code: 'full' })]),
    );
    expect(await k.db.outbox.count()).toBe(0);
  });

  it('a sign-up then a cancel made while the server is down are sent in that order on reconnect', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1'));
    const k = await kiosk('k1');
    await until(async () => expect(await k.db.activity.get('a1')).toBeDefined());

    await t.server.close();
    await until(() => expect(k.getStatus().state).toBe('offline'));
    expect(k.getStatus().offlineSince).toBeInstanceOf(Date);
    await k.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    await k.mutate('signup.cancel', { activityId: 'a1', residentId: 'r1' });
    expect(k.getStatus().pending).toBe(2);

    await t.restart();
    await until(() => expect(k.getStatus().state).toBe('online'));
    await until(async () => expect(await k.db.outbox.count()).toBe(0));
    // Cancel before add would have left a confirmed sign-up behind.
    await until(async () =>
      expect(await k.db.signup.get('a1:r1')).toMatchObject({ status: 'cancelled' }),
    );
    const { changes } = await pullAll(await t.staff());
    expect(replay(changes, 'signup').get('a1:r1')?.status).toBe('cancelled');
    expect(replay(changes, 'activity').get('a1')?.confirmedCount).toBe(0);
    expect(await k.rejections()).toEqual([]);
  });
});
