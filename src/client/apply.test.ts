import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '../protocol/index.js';
import { applyChanges, compact, isStorageLostError } from './apply.js';
import { CacheDb, readCursor, readLastSyncedAt, readMetaText } from './db.js';
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
    const w = compact([put(1, 'a'), del(2, 'a'), del(3, 'b'), put(4, 'b')]).writes.get('signup');
    expect(w?.dels).toEqual(['a:r1']);
    expect(w?.puts.map((r) => r.id)).toEqual(['b:r1']);
  });

  it('skips entity types this client does not know', () => {
    const unknown = { seq: 1, type: 'poll', id: 'p', op: 'put', data: {} } as unknown as Change;
    expect([...compact([unknown]).writes.keys()]).toEqual([]);
  });

  it('refuses records that do not fit their schema, and drops fields it does not know', () => {
    const wrong = { ...put(1, 'a'), data: { ...signUpRow('a', 'r1'), status: 'maybe' } };
    const newer = { ...put(2, 'b'), data: { ...signUpRow('b', 'r1'), mood: 'happy' } };
    const { writes, refused } = compact([wrong, newer]);
    expect(refused).toEqual([
      { type: 'signup', id: 'a:r1', problem: expect.stringContaining('status') as string },
    ]);
    expect(writes.get('signup')?.puts).toEqual([signUpRow('b', 'r1')]);
  });
});

describe('applyChanges', () => {
  it('writes nothing when the transaction before it did not leave the cursor it follows on from', async () => {
    const d = db();
    const opts = { caughtUp: false, now: new Date(), view: 'v' };
    await applyChanges(d, [put(1, 'a')], 1, opts);
    // Made while the one before (pages 2–3) is still committing; that one fails.
    const failing = d.transaction('rw', d.meta, async () => {
      await d.meta.put({ key: 'cursor', value: 3 });
      throw new Error('disk full');
    });
    const next = applyChanges(d, [put(4, 'd')], 4, { ...opts, after: 3 });
    await expect(failing).rejects.toThrow('disk full');
    await expect(next).rejects.toThrow(/cursor 1, not 3/);
    expect(await readCursor(d)).toBe(1);
    expect(await d.signup.get('d:r1')).toBeUndefined();
    // Following on from where the cache is, it writes.
    await applyChanges(d, [put(4, 'd')], 4, { ...opts, after: 1 });
    expect(await readCursor(d)).toBe(4);
  });

  it('writes rows and the cursor together, in chunks', async () => {
    const d = db();
    const changes = Array.from({ length: 2500 }, (_, i) => put(i + 1, `a${i}`));
    await applyChanges(d, changes, 2500, { caughtUp: false, now: new Date(), view: 'v' });
    expect(await d.signup.count()).toBe(2500);
    expect(await readCursor(d)).toBe(2500);
    expect(await readLastSyncedAt(d)).toBeNull();
  });

  it('records lastSyncedAt when the page catches up', async () => {
    const d = db();
    const now = new Date('2026-11-24T12:00:00.000Z');
    await applyChanges(d, [put(1, 'a')], 1, { caughtUp: true, now, view: 'v1' });
    expect(await readMetaText(d, 'view')).toBe('v1');
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
      view: 'v',
    });
    expect((await d.outbox.toArray()).map((e) => e.id)).toEqual(['ahead', 'pending']);
  });

  it('writes nothing of a refused record, and counts it', async () => {
    const d = db();
    const wrong = { ...put(1, 'a'), data: { ...signUpRow('a', 'r1'), position: -3 } };
    const refused = await applyChanges(d, [wrong, put(2, 'b')], 2, {
      caughtUp: true,
      now: new Date(),
      view: 'v',
    });
    expect(refused.map((r) => r.id)).toEqual(['a:r1']);
    expect((await d.signup.toArray()).map((r) => r.id)).toEqual(['b:r1']);
    expect(await readCursor(d)).toBe(2);
  });

  it('applies nothing when the transaction fails, not even the cursor', async () => {
    const d = db();
    vi.spyOn(d.signup, 'bulkPut').mockRejectedValueOnce(new Error('disk failed'));
    await expect(
      applyChanges(d, [put(1, 'a'), put(2, 'b')], 2, {
        caughtUp: true,
        now: new Date(),
        view: 'v',
      }),
    ).rejects.toThrow('disk failed');
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
