/**
 * The change log's seq under writers on several nodes (src/server/store/README.md): a client
 * pulling by cursor must never pass a seq that a transaction still open commits later, or it
 * skips that change for good. Two nodes (two pools) with three writer queues each commit at
 * once, each holding its transaction open a little; a reader pulls by cursor from both nodes
 * all the while. PostgreSQL only: on SQLite one process is the only writer (TEST_DATABASE_URL).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { factsOf } from '../../src/server/sync/visibility.js';
import { pullChanges } from '../../src/server/sync/pull.js';
import { readHead } from '../../src/server/store/store.js';
import { pgNodes, pipelineOn, type Nodes } from '../helpers/pg-nodes.js';
import { testDatabaseUrl } from '../helpers/test-database.js';

const WRITES_PER_QUEUE = 40;
const QUEUES_PER_NODE = 3;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let nodes: Nodes | null = null;
afterEach(async () => {
  await nodes?.close();
  nodes = null;
});

describe.skipIf(!testDatabaseUrl())('change-log seq on PostgreSQL, two nodes', () => {
  it('a reader polling by cursor sees every committed seq exactly once, in order', async () => {
    nodes = await pgNodes(2);
    const stores = nodes.stores;
    const queues = stores.flatMap((store) =>
      Array.from({ length: QUEUES_PER_NODE }, () => pipelineOn(store)),
    );
    const facts = factsOf(new Map());
    const seen: number[] = [];
    let cursor = 0;
    let pulls = 0;
    const pullOnce = async (): Promise<void> => {
      const store = stores[pulls % stores.length]!;
      pulls += 1;
      for (;;) {
        const page = await pullChanges(store.db, cursor, 500, { role: 'staff' }, facts, 'v');
        seen.push(...page.changes.map((c) => c.seq));
        cursor = page.cursor;
        if (!page.more) return;
      }
    };

    let writing = true;
    const reader = (async () => {
      while (writing) await pullOnce();
    })();
    const failures: unknown[] = [];
    let written = 0;
    await Promise.all(
      queues.map(async (queue) => {
        for (let i = 0; i < WRITES_PER_QUEUE; i++) {
          await queue
            .internal('test-write', async (w) => {
              // One to three new entities per transaction, held open a moment while the
              // other queues wait on the head (or, without the lock, overtake it).
              for (let n = 0; n <= i % 3; n++) {
                await w.put('wallnotice', { id: `wn-${randomUUID()}`, text: 'x' } as never);
                written += 1;
              }
              await pause(i % 4);
            })
            .catch((err: unknown) => failures.push(err));
        }
      }),
    );
    writing = false;
    await reader;
    await pullOnce();

    expect(failures).toEqual([]);
    const head = await readHead(stores[0]!.db);
    expect(head).toBe(written);
    // Every seq from 1 to the head, each once, in the order pulled.
    expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    // The reader really read while the writers wrote.
    expect(pulls).toBeGreaterThan(5);
  });
});
