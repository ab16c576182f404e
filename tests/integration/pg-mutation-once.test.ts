/**
 * A mutation id is applied at most once across nodes (src/server/store/README.md): a client
 * that gets no answer resends the same mutation, possibly to the other node, while the first
 * attempt is still being applied. Both nodes must apply it once between them and answer the
 * same. PostgreSQL only (TEST_DATABASE_URL): on SQLite one process is the only writer.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { MutationName } from '../../src/protocol/index.js';
import type { Principal } from '../../src/server/auth/principal.js';
import type { Handler } from '../../src/server/sync/handler.js';
import { pgNodes, pipelineOn, type Nodes } from '../helpers/pg-nodes.js';
import { mutationSamples } from '../helpers/mutation-samples.js';
import { testDatabaseUrl } from '../helpers/test-database.js';

const ROUNDS = 12;

const staff: Principal = {
  kind: 'user',
  id: 'u-staff',
  role: 'staff',
  name: 'Staff',
  residentIds: [],
  sessionHash: '',
};

/** Each handler takes a moment, as a real one on a busy database does: the attempts overlap. */
const slowly =
  <N extends MutationName>(_name: N, handler: Handler<N>): Handler<N> =>
  async (ctx, args) => {
    await new Promise((r) => setTimeout(r, 15));
    return handler(ctx, args);
  };

let nodes: Nodes | null = null;
afterEach(async () => {
  await nodes?.close();
  nodes = null;
});

const count = async (nodesDb: Nodes, query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(nodesDb.stores[0]!.db)).rows[0]?.n);

describe.skipIf(!testDatabaseUrl())('a mutation id on two PostgreSQL nodes', () => {
  it('sent to both at the same moment, is applied once and both answer the same', async () => {
    nodes = await pgNodes(2);
    const [a, b] = nodes.stores.map((store) => pipelineOn(store, { wrapHandler: slowly }));
    for (let round = 0; round < ROUNDS; round++) {
      const id = randomUUID();
      const args = { ...mutationSamples['news.put'], id: `news-${round}` };
      const envelope = { id, name: 'news.put', args };
      const [first, second] = await Promise.all([
        a!.mutate(staff, envelope),
        b!.mutate(staff, envelope),
      ]);
      expect(first.status, JSON.stringify(first)).toBe('applied');
      expect(second).toEqual(first);
      // A third attempt, after both answered, to either node: the same answer still.
      expect(await b!.mutate(staff, envelope)).toEqual(first);
    }
    const n = nodes;
    expect(await count(n, sql<{ n: number }>`select count(*) as n from processed_mutation`)).toBe(
      ROUNDS,
    );
    expect(await count(n, sql<{ n: number }>`select count(*) as n from change_log`)).toBe(ROUNDS);
    expect(await count(n, sql<{ n: number }>`select head as n from sync_state`)).toBe(ROUNDS);
    expect(
      await count(n, sql<{ n: number }>`select count(*) as n from audit where action = 'news.put'`),
    ).toBe(ROUNDS);
    expect(a!.internalFailures + b!.internalFailures).toBe(0);
  });

  it('a mutation id another client used is refused on the other node too', async () => {
    nodes = await pgNodes(2);
    const [a, b] = nodes.stores.map((store) => pipelineOn(store));
    const envelope = { id: randomUUID(), name: 'news.put', args: mutationSamples['news.put'] };
    expect((await a!.mutate(staff, envelope)).status).toBe('applied');
    const other = await b!.mutate({ ...staff, id: 'u-other' }, envelope);
    expect(other).toMatchObject({ status: 'rejected', code: 'invalid' });
  });
});
