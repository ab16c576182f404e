/**
 * The change feed on its own, over a real store (SQLite in a temp dir; the feed's SQL is the
 * same on PostgreSQL): every batch it applies follows on from the one before, whether it came
 * from a local commit, another node's notification or the periodic check, and bad heads change
 * nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import type { Database } from '../store/schema.js';
import { openSqlite } from '../store/sqlite.js';
import type { Batch } from '../sync/publisher.js';
import { CATCH_UP_ROWS, ChangeFeed } from './change-feed.js';

let dir: string;
let db: Kysely<Database>;
let applied: Batch[];
let feed: ChangeFeed;

/** A commit "on another node": rows for `ids`, the head moved past them. Returns the new head. */
async function commitElsewhere(ids: string[]): Promise<number> {
  const { head } = await db
    .selectFrom('sync_state')
    .select('head')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  let seq = Number(head);
  for (const id of ids) {
    seq += 1;
    await db
      .insertInto('change_log')
      .values({
        seq,
        type: 'news',
        entity_id: id,
        op: 'put',
        data: JSON.stringify({ id }),
        resident_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  }
  await db.updateTable('sync_state').set({ head: seq }).where('id', '=', 1).execute();
  return seq;
}

/** Every applied batch follows on from the one before, from `from`. */
function expectUnbroken(from: number): void {
  let cursor = from;
  for (const b of applied) {
    expect(b.after).toBe(cursor);
    expect(b.cursor).toBeGreaterThan(b.after);
    cursor = b.cursor;
  }
}

const ids = (): string[] => applied.flatMap((b) => b.changes.map((c) => c.id));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-nodes-feed-'));
  db = await openSqlite(dir);
  applied = [];
  feed = new ChangeFeed({ db, logger: createLogger('silent'), apply: (b) => applied.push(b) }, 0);
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('the change feed', () => {
  it('applies a local commit that follows on as it is, without reading the store', () => {
    const batch: Batch = { after: 0, cursor: 2, changes: [] };
    feed.committed(batch);
    expect(applied).toEqual([batch]);
    expect(applied[0]).toBe(batch);
    expect(feed.pushed).toBe(2);
  });

  it('reads another node’s commit back from the store, in order', async () => {
    const head = await commitElsewhere(['n1', 'n2', 'n3']);
    feed.moved(head);
    await feed.settled();
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ after: 0, cursor: head });
    expect(ids()).toEqual(['n1', 'n2', 'n3']);
  });

  it('puts a local commit after another node’s, not before it', async () => {
    await commitElsewhere(['other']);
    // This node's commit took seq 2 after the other node's seq 1, which it has not heard of.
    const head = await commitElsewhere(['mine']);
    feed.committed({ after: 1, cursor: head, changes: [] });
    await feed.settled();
    expectUnbroken(0);
    expect(ids()).toEqual(['other', 'mine']);
    expect(feed.pushed).toBe(head);
  });

  it('skips a local commit a catch-up has pushed already', async () => {
    const head = await commitElsewhere(['n1']);
    feed.moved(head);
    await feed.settled();
    feed.committed({ after: 0, cursor: head, changes: [] });
    expect(applied).toHaveLength(1);
  });

  it('catches up in pages, each following on', async () => {
    const many = Array.from({ length: CATCH_UP_ROWS * 2 + 7 }, (_, i) => `n${i}`);
    const head = await commitElsewhere(many);
    feed.moved(head);
    await feed.settled();
    expect(applied).toHaveLength(3);
    expectUnbroken(0);
    expect(ids()).toEqual(many);
  });

  it('finds a moved head by the periodic check alone (a lost notification)', async () => {
    const head = await commitElsewhere(['n1', 'n2']);
    await feed.check();
    expect(feed.pushed).toBe(head);
    expect(ids()).toEqual(['n1', 'n2']);
  });

  it('ignores heads that are not whole numbers or not ahead', async () => {
    await commitElsewhere(['n1']);
    for (const bad of [Number.NaN, -1, 0.5, Number.POSITIVE_INFINITY, 0]) feed.moved(bad);
    await feed.settled();
    expect(applied).toEqual([]);
  });

  it('says nothing of a head beyond the store’s, and catches up once it is there', async () => {
    // A notification can only follow a commit, but a stray or early one must not move cursors.
    feed.moved(5);
    await feed.settled();
    expect(applied).toEqual([]);
    const head = await commitElsewhere(['n1', 'n2', 'n3', 'n4', 'n5']);
    await feed.check();
    expect(feed.pushed).toBe(head);
    expectUnbroken(0);
  });

  it('tries again after the store failed to answer', async () => {
    const head = await commitElsewhere(['n1']);
    let down = true;
    // The store as seen through a connection that is lost, then back.
    const flaky = new Proxy(db, {
      get(target, key) {
        if (down && key === 'selectFrom') throw new Error('connection lost');
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const node = new ChangeFeed(
      { db: flaky, logger: createLogger('silent'), apply: (b) => applied.push(b) },
      0,
    );
    node.moved(head);
    await node.settled();
    expect(applied).toEqual([]);
    down = false;
    await node.check();
    expect(node.pushed).toBe(head);
    expect(ids()).toEqual(['n1']);
  });
});
