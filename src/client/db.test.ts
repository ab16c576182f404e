import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entityTypes, signUpId } from '../domain/model.js';
import {
  CacheDb,
  cacheSchemaVersions,
  clearCache,
  type CacheSchemaVersion,
  type OutboxEntry,
  readCursor,
  requestPersistentStorage,
} from './db.js';
import { SyncEngine } from './engine.js';
import { FakeServer, signUpRow } from './fake-server.test-util.js';

const opened: CacheDb[] = [];
const open = (name: string, versions?: readonly CacheSchemaVersion[]): CacheDb => {
  const db = new CacheDb(name, undefined, versions);
  opened.push(db);
  return db;
};

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  vi.unstubAllGlobals();
});

/** The version after today's last one: what the next upgrade of the schema will be. */
const NEXT = (cacheSchemaVersions.at(-1)?.version ?? 1) + 1;

const entry = (id: string, activityId: string, name: OutboxEntry['name']): OutboxEntry => ({
  id,
  name,
  args: { activityId, residentId: 'r1' },
  createdAt: '2026-11-24T09:00:00.000Z',
  attempts: 0,
  lastError: null,
  state: 'pending',
  appliedCursor: null,
});

const activity = {
  id: 'a1',
  title: 'Bowling',
  description: '',
  pictogram: null,
  place: '',
  start: '2026-11-24T13:00:00.000Z',
  end: '2026-11-24T15:00:00.000Z',
  capacity: null,
  waitlist: false,
  signupDeadline: null,
  audience: { kind: 'all' as const },
  recurrence: null,
  seriesId: null,
  confirmedCount: 0,
  waitlistCount: 0,
};

async function seedV1(name: string): Promise<void> {
  const v1 = open(name);
  await v1.activity.put(activity);
  await v1.signup.put(signUpRow('a1', 'r1'));
  await v1.meta.put({ key: 'cursor', value: 7 });
  await v1.outbox.bulkAdd([
    entry('00000000-0000-4000-8000-000000000001', 'a1', 'signup.add'),
    entry('00000000-0000-4000-8000-000000000002', 'a1', 'signup.cancel'),
  ]);
  await v1.rejections.put({
    id: 'r',
    name: 'signup.add',
    args: {},
    code: 'full',
    message: 'full',
    reason: null,
    at: '2026-11-24T08:00:00.000Z',
  });
  v1.close();
}

describe('CacheDb', () => {
  it('has one cache table per entity type, plus meta, outbox and rejections', () => {
    const db = open('tables');
    // Every entity type of the model has its table (a new type without one would fail here).
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [...entityTypes, 'meta', 'outbox', 'rejections'].sort(),
    );
  });

  it('keeps the outbox in the order mutations were made', async () => {
    const db = open('order');
    await db.outbox.add(entry('00000000-0000-4000-8000-00000000000b', 'b', 'signup.add'));
    await db.outbox.add(entry('00000000-0000-4000-8000-00000000000a', 'a', 'signup.add'));
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.args.activityId)).toEqual(['b', 'a']);
  });

  it('refuses a second outbox entry with the same mutation id', async () => {
    const db = open('unique');
    await db.outbox.add(entry('00000000-0000-4000-8000-000000000001', 'a', 'signup.add'));
    await expect(
      db.outbox.add(entry('00000000-0000-4000-8000-000000000001', 'a', 'signup.add')),
    ).rejects.toThrow();
  });

  it('clearing the cache keeps the outbox and the rejections', async () => {
    await seedV1('clear');
    const db = open('clear');
    await clearCache(db);
    expect(await db.activity.count()).toBe(0);
    expect(await db.signup.count()).toBe(0);
    expect(await readCursor(db)).toBe(0);
    expect(await db.outbox.count()).toBe(2);
    expect(await db.rejections.count()).toBe(1);
  });

  it('a schema upgrade with pending mutations loses none of them, and they are still sent in order', async () => {
    await seedV1('upgrade');
    const v2: readonly CacheSchemaVersion[] = [
      ...cacheSchemaVersions,
      { version: NEXT, stores: { activity: 'id, start, end, seriesId' }, clearCache: true },
    ];
    const db = open('upgrade', v2);
    await db.open();
    expect(db.verno).toBe(NEXT);
    expect(await db.activity.count()).toBe(0);
    expect(await db.signup.count()).toBe(0);
    expect(await readCursor(db)).toBe(0);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => e.name)).toEqual(['signup.add', 'signup.cancel']);
    expect(await db.rejections.count()).toBe(1);

    const server = new FakeServer();
    server.append('activity', 'a1', 'put', activity);
    const engine = new SyncEngine({
      url: 'http://centre.test',
      token: 't',
      db,
      socketFactory: () => server.socket().asSocket(),
      ackTimeoutMs: 60,
      backoff: { baseMs: 5, maxMs: 20 },
    });
    await engine.start();
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
    await vi.waitFor(async () => expect(await readCursor(db)).toBe(server.head));
    await engine.stop();
    expect(server.received.map((m) => [m.id, m.name])).toEqual([
      ['00000000-0000-4000-8000-000000000001', 'signup.add'],
      ['00000000-0000-4000-8000-000000000002', 'signup.cancel'],
    ]);
    expect(server.pulls[0]).toEqual({ since: 0, limit: 500 });
    expect(await db.activity.where('end').equals(activity.end).count()).toBe(1);
    expect((await db.signup.get(signUpId('a1', 'r1')))?.status).toBe('cancelled');
  });

  it('the upgrade that adds albums and feeds (v5) keeps the cache, the cursor and the outbox', async () => {
    const before = cacheSchemaVersions.filter((v) => v.version < 5);
    const v4 = open('albums-feeds', before);
    await v4.activity.put(activity);
    await v4.meta.put({ key: 'cursor', value: 7 });
    await v4.outbox.add(entry('00000000-0000-4000-8000-000000000001', 'a1', 'signup.add'));
    v4.close();
    const db = open('albums-feeds');
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    expect(await db.activity.count()).toBe(1);
    expect(await readCursor(db)).toBe(7);
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(['signup.add']);
    expect(await db.album.count()).toBe(0);
    expect(await db.feed.where('residentId').equals('r1').count()).toBe(0);
  });

  it('an upgrade that only adds an index keeps the cache too', async () => {
    await seedV1('index-only');
    const db = open('index-only', [
      ...cacheSchemaVersions,
      { version: NEXT, stores: { shift: 'id, start, groupId' } },
    ]);
    expect(await db.activity.count()).toBe(1);
    expect(await readCursor(db)).toBe(7);
    expect(await db.outbox.count()).toBe(2);
  });
});

describe('requestPersistentStorage', () => {
  it('resolves false where the Storage API is missing', async () => {
    vi.stubGlobal('navigator', undefined);
    expect(await requestPersistentStorage()).toBe(false);
  });

  it('asks the browser to persist, unless it already does', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', { storage: { persist, persisted: () => Promise.resolve(false) } });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();

    const again = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', {
      storage: { persist: again, persisted: () => Promise.resolve(true) },
    });
    expect(await requestPersistentStorage()).toBe(true);
    expect(again).not.toHaveBeenCalled();
  });
});
