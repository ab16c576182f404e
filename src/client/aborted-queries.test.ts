import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CacheDb } from './db.js';

/** 'abort' listeners added to signals that had already aborted: they can never fire. */
function watchDeadListeners(): { count: () => number } {
  let dead = 0;
  const proto = AbortSignal.prototype;
  const add = Reflect.get(proto, 'addEventListener') as EventTarget['addEventListener'];
  vi.spyOn(proto, 'addEventListener').mockImplementation(function (
    this: AbortSignal,
    ...args: Parameters<AbortSignal['addEventListener']>
  ) {
    if (args[0] === 'abort' && this.aborted) dead++;
    add.apply(this, args);
  });
  return { count: () => dead };
}

const dbs: CacheDb[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) db.close();
});

describe('live queries on the cache', () => {
  it('leave nothing subscribed when they end before their query reaches the cache', async () => {
    const db = new CacheDb(`aborted-${Date.now()}`);
    dbs.push(db);
    await db.outbox.add({
      id: 'm1',
      name: 'signup.add',
      args: {},
      state: 'pending',
      attempts: 0,
      createdAt: '2026-12-02T10:00:00.000Z',
    } as never);
    const dead = watchDeadListeners();
    // A screen that mounts and unmounts at once (a resident tapping through), many times over:
    // its live query has started and reads one thing, then the outbox, which it asks for after
    // the live query has ended.
    for (let i = 0; i < 20; i++) {
      const sub = liveQuery(async () => {
        await db.meta.get('cursor');
        return db.outbox.toArray();
      }).subscribe({ next: () => undefined });
      // After the live query's first run has started (Dexie starts it in a timer of 0).
      setTimeout(() => sub.unsubscribe(), 0);
    }
    // One that lives, to know the queries above have all come through.
    const seen = await new Promise<number>((resolve) => {
      const sub = liveQuery(() => db.outbox.toArray()).subscribe({
        next: (rows) => {
          sub.unsubscribe();
          resolve(rows.length);
        },
      });
    });
    expect(seen).toBe(1);
    expect(dead.count()).toBe(0);
  });
});
