import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../protocol/index.js';
import { applyChanges, compact, isStorageLostError } from './apply.js';
import { CacheDb, readCursor, readLastSyncedAt } from './db.js';
import { signUpRow } from './fake-server.test-util.js';

const dbs: CacheDb[] = [];
let n = 0;
const db = (): CacheDb => {
  const d = new CacheDb(`apply-test-${++n}`);
  dbs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

const put = (seq: number, activityId: string): Change => ({
  seq,
  type: 'signup',
  id: `${activityId}:r1`,
  op: 'put',
  data: signUpRow(activityId, 'r1'),
});
const del = (seq: number, activityId: string): Change => ({
  seq,
  type: 'signup',
  id: `${activityId}:r1`,
  op: 'del',
});

describe('compact', () => {
  it('keeps only the last change of each row, so a put then a del ends deleted', () => {
    const w = compact([put(1, 'a'), del(2, 'a'), del(3, 'b'), put(4, 'b')]).get('signup');
    expect(w?.dels).toEqual(['a:r1']);
    expect(w?.puts.map((r) => r.id)).toEqual(['b:r1']);
  });

  it('skips entity types this client does not know', () => {
    const unknown = { seq: 1, type: 'poll', id: 'p', op: 'put', data: {} } as unknown as Change;
    expect([...compact([unknown]).keys()]).toEqual([]);
  });
});

describe('applyChanges', () => {
  it('writes rows and the cursor together, in chunks', async () => {
    const d = db();
    const changes = Array.from({ length: 2500 }, (_, i) => put(i + 1, `a${i}`));
    await applyChanges(d, changes, 2500, { caughtUp: false, now: new Date() });
    expect(await d.signup.count()).toBe(2500);
    expect(await readCursor(d)).toBe(2500);
    expect(await readLastSyncedAt(d)).toBeNull();
  });

  it('records lastSyncedAt when the page catches up', async () => {
    const d = db();
    const now = new Date('2026-11-24T12:00:00.000Z');
    await applyChanges(d, [put(1, 'a')], 1, { caughtUp: true, now });
    expect(await readLastSyncedAt(d)).toEqual(now);
  });

  it('settles applied outbox entries the new cursor covers, and leaves pending ones', async () => {
    const d = db();
    const base = {
      name: 'signup.add' as const,
      args: {},
      createdAt: '',
      attempts: 1,
      lastError: null,
    };
    await d.outbox.bulkAdd([
      { ...base, id: 'covered', state: 'applied', appliedCursor: 5 },
      { ...base, id: 'ahead', state: 'applied', appliedCursor: 9 },
      { ...base, id: 'settled-by-pull', state: 'applied', appliedCursor: 12 },
      { ...base, id: 'pending', state: 'pending', appliedCursor: null },
    ]);
    await applyChanges(d, [], 6, {
      caughtUp: true,
      now: new Date(),
      settle: new Set(['settled-by-pull']),
    });
    expect((await d.outbox.toArray()).map((e) => e.id)).toEqual(['ahead', 'pending']);
  });

  it('applies nothing when the transaction fails, not even the cursor', async () => {
    const d = db();
    const bad = { seq: 1, type: 'signup', id: 'x', op: 'put', data: { id: 'x' } } as Change;
    const broken = { ...bad, seq: 2, id: 'y', data: { id: 'y', bad: () => 1 } } as Change;
    await expect(
      applyChanges(d, [bad, broken], 2, { caughtUp: true, now: new Date() }),
    ).rejects.toThrow();
    expect(await d.signup.count()).toBe(0);
    expect(await readCursor(d)).toBe(0);
  });
});

describe('isStorageLostError', () => {
  it('recognises quota and closed-database errors, also when wrapped', () => {
    expect(isStorageLostError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isStorageLostError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(
      true,
    );
    expect(isStorageLostError({ name: 'DatabaseClosedError' })).toBe(true);
    expect(isStorageLostError(new Error('operation has timed out'))).toBe(false);
    expect(isStorageLostError(null)).toBe(false);
  });
});
