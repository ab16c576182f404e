/**
 * PIN lock-outs and rate-limit windows live in the store, so two nodes (here: two instances over
 * one store, as two processes have) count the same attempts, also when they come at once. On
 * SQLite by default; on PostgreSQL when TEST_DATABASE_URL is set (a fresh database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../../tests/helpers/test-database.js';
import { PinLockout } from '../auth/pin-lockout.js';
import { WindowCounters } from '../http/limits.js';
import type { Store } from '../store/store.js';

let dir: string;
let store: Store;
let clock: number;
const now = (): number => clock;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-nodes-limits-'));
  store = await openTestStore(dir);
  clock = 1_800_000_000_000;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PIN lock-outs shared by the nodes', () => {
  const options = { maxAttempts: 5, lockoutMs: 300_000, now };
  const wrong = async (node: PinLockout, key: string): Promise<number | null> => {
    expect(await node.charge(key)).toEqual({ ok: true });
    return node.failed(key);
  };

  it('counts tries on either node against one limit, and locks both', async () => {
    const a = new PinLockout(store, options);
    const b = new PinLockout(store, options);
    for (let i = 0; i < 4; i++) expect(await wrong(i % 2 ? a : b, 'k1|anna')).toBeNull();
    expect(await wrong(b, 'k1|anna')).toBe(300_000);
    expect(await a.charge('k1|anna')).toEqual({ ok: false, retryAfterMs: 300_000 });
    clock += 60_000;
    expect(await b.charge('k1|anna')).toEqual({ ok: false, retryAfterMs: 240_000 });
    // Another pair is not touched.
    expect(await a.charge('k2|anna')).toEqual({ ok: true });
    clock += 240_000;
    expect(await a.charge('k1|anna')).toEqual({ ok: true });
  });

  it('lets no more than the limit through when tries come at once on both nodes', async () => {
    const a = new PinLockout(store, options);
    const b = new PinLockout(store, options);
    const charges = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).charge('k1|bo')),
    );
    expect(charges.filter((c) => c.ok)).toHaveLength(5);
  });

  it('forgets the count after a right PIN, and a quiet count after a lock-out’s time', async () => {
    const a = new PinLockout(store, options);
    await wrong(a, 'k1|carl');
    await wrong(a, 'k1|carl');
    await a.charge('k1|carl');
    await a.succeeded('k1|carl');
    for (let i = 0; i < 4; i++) expect(await wrong(a, 'k1|carl')).toBeNull();
    clock += 300_000;
    // Four wrong, then quiet for five minutes: five fresh tries.
    for (let i = 0; i < 4; i++) expect(await wrong(a, 'k1|carl')).toBeNull();
    expect(await wrong(a, 'k1|carl')).toBe(300_000);
  });

  it('purges only counts that have run out', async () => {
    const a = new PinLockout(store, options);
    for (let i = 0; i < 5; i++) await wrong(a, 'locked');
    await wrong(a, 'quiet');
    clock += 299_000;
    await wrong(a, 'fresh');
    expect(await a.purge()).toBe(0);
    clock += 1_000;
    // `locked` ended and `quiet` has been quiet for a lock-out's time; `fresh` stays.
    expect(await a.purge()).toBe(2);
    expect(await a.failed('fresh')).toBeNull();
  });
});

describe('rate-limit windows shared by the nodes', () => {
  it('counts hits on either node in one window, which then starts again', async () => {
    const a = new WindowCounters(store.db, now);
    const b = new WindowCounters(store.db, now);
    expect(await a.incr('login:1.2.3.4', 60_000)).toEqual({ current: 1, ttl: 60_000 });
    clock += 10_000;
    expect(await b.incr('login:1.2.3.4', 60_000)).toEqual({ current: 2, ttl: 50_000 });
    expect(await a.read('login:1.2.3.4')).toEqual({ current: 2, ttl: 50_000 });
    clock += 50_000;
    expect(await a.read('login:1.2.3.4')).toEqual({ current: 0, ttl: 0 });
    expect(await b.incr('login:1.2.3.4', 60_000)).toEqual({ current: 1, ttl: 60_000 });
  });

  it('counts every one of many hits at once', async () => {
    const nodes = [new WindowCounters(store.db, now), new WindowCounters(store.db, now)];
    const hits = await Promise.all(
      Array.from({ length: 40 }, (_, i) => nodes[i % 2]!.incr('enrol:5.6.7.8', 60_000)),
    );
    expect(hits.map((h) => h.current).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('gives an attempt back but never below zero, and resets', async () => {
    const a = new WindowCounters(store.db, now);
    await a.refund('never-hit');
    expect(await a.read('never-hit')).toEqual({ current: 0, ttl: 0 });
    await a.incr('k', 60_000);
    await a.refund('k');
    await a.refund('k');
    expect((await a.read('k')).current).toBe(0);
    await a.incr('k', 60_000);
    await a.reset('k');
    expect(await a.read('k')).toEqual({ current: 0, ttl: 0 });
  });

  it('keeps keys of any text apart, quotes and all', async () => {
    const a = new WindowCounters(store.db, now);
    const odd = ["login-username:1.2.3.4|o'brien", 'login-username:1.2.3.4|æøå', 'x'.repeat(500)];
    for (const key of odd) expect((await a.incr(key, 60_000)).current).toBe(1);
    for (const key of odd) expect((await a.read(key)).current).toBe(1);
  });

  it('purges ended windows only', async () => {
    const a = new WindowCounters(store.db, now);
    await a.incr('short', 1_000);
    await a.incr('long', 60_000);
    clock += 1_000;
    expect(await a.purge()).toBe(1);
    expect((await a.read('long')).current).toBe(1);
  });
});
