/**
 * The connection budget of a municipal deployment (README.md, "Many centres on one deployment"):
 * what an operator sizes PostgreSQL's `max_connections` by. Per node: the shared pool (20 at
 * most) and, per centre started on it, its adapter's LISTEN connection and at most one more for
 * its notices. Counted in pg_stat_activity with every centre busy on two nodes. PostgreSQL only.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTER_APPLICATION_NAME, ADAPTER_CONNECTIONS } from '../../src/server/cluster/adapter.js';
import { createCentre } from '../../src/server/municipal/centres.js';
import { STORE_APPLICATION_NAME, withDefaultUser } from '../../src/server/store/postgres.js';
import { mutationSamples } from '../helpers/mutation-samples.js';
import {
  BASE_DOMAIN,
  hostRequest,
  startDeployment,
  type Deployment,
} from '../helpers/municipal.js';
import { mutate } from '../helpers/test-server.js';

const deployments: Deployment[] = [];
afterEach(async () => {
  for (const d of deployments.splice(0)) await d.close();
});

const CENTRES = 6;
const SHARED_POOL = 20;

/** The database's connections by application name (this one's own left out). */
async function backends(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; n: string }>(
      `select application_name as name, count(*) as n from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() group by 1`,
    );
    return new Map(rows.map((r) => [r.name, Number(r.n)]));
  } finally {
    await client.end();
  }
}

describe('a municipal deployment’s connections', () => {
  it('stay within the shared pool and two per centre on each node, with every centre busy', async () => {
    const d = await startDeployment();
    deployments.push(d);
    const [a, b] = [d.nodes[0]!, await d.addNode()];
    const slugs = Array.from({ length: CENTRES }, (_, i) => `centre-${i + 1}`);
    for (const slug of slugs)
      await createCentre(
        a.shared,
        { slug, name: `Centre ${slug}`, timeZone: 'Europe/Copenhagen' },
        { username: 'leder', displayName: 'Leder', password: 'correct horse battery' },
      );
    // Every centre started on both nodes, a staff member on each writing at once: notices,
    // catch-up reads and the store's own queries all in flight.
    await Promise.all(
      [a, b].flatMap((node) =>
        slugs.map(async (slug) => {
          const login = await hostRequest(
            node.port,
            `${slug}.${BASE_DOMAIN}`,
            'POST',
            '/api/login',
            {
              json: { username: 'leder', password: 'correct horse battery' },
            },
          );
          expect(login.status, login.text).toBe(200);
          const socket = await d.connect(slug, (login.body as { token: string }).token, node);
          for (let i = 0; i < 3; i++)
            expect(
              (
                await mutate(socket, 'news.put', {
                  ...mutationSamples['news.put'],
                  id: crypto.randomUUID(),
                })
              ).status,
            ).toBe('applied');
        }),
      ),
    );
    expect((await a.registry.started()).length).toBe(CENTRES);
    expect((await b.registry.started()).length).toBe(CENTRES);
    const open = await backends(d.databaseUrl);
    const adapter = open.get(ADAPTER_APPLICATION_NAME) ?? 0;
    const store = open.get(STORE_APPLICATION_NAME) ?? 0;
    console.log(
      `${CENTRES} centres on 2 nodes: ${adapter} adapter connections, ${store} of the shared pools, ${[...open.values()].reduce((x, y) => x + y, 0)} in all`,
    );
    // Every centre's LISTEN on both nodes, never more than its budget, and nothing unnamed.
    expect(adapter).toBeGreaterThanOrEqual(2 * CENTRES);
    expect(adapter).toBeLessThanOrEqual(2 * CENTRES * ADAPTER_CONNECTIONS);
    expect(store).toBeLessThanOrEqual(2 * SHARED_POOL);
    expect([...open.keys()].sort()).toEqual(
      [ADAPTER_APPLICATION_NAME, STORE_APPLICATION_NAME].sort(),
    );
  });
});
