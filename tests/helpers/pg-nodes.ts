/**
 * Several "nodes" on one PostgreSQL database for the concurrency tests: each node is its own
 * Kysely instance over its own pg Pool (its own connections), as two server processes would be,
 * with the real mutation pipeline (MutationService) on top.
 */
import { createLogger } from '../../src/server/logger.js';
import { openStore } from '../../src/server/store/open-store.js';
import type { Store } from '../../src/server/store/store.js';
import { MutationService, type MutationServiceDeps } from '../../src/server/sync/mutate.js';
import { freshTestDatabase } from './test-database.js';

export interface Nodes {
  stores: Store[];
  close(): Promise<void>;
}

/** `count` stores on one fresh database (needs TEST_DATABASE_URL). */
export async function pgNodes(count: number): Promise<Nodes> {
  const database = await freshTestDatabase();
  const stores: Store[] = [];
  for (let i = 0; i < count; i++)
    stores.push(await openStore({ dataDir: '', databaseUrl: database.url }));
  return {
    stores,
    async close() {
      for (const s of stores) await s.close();
      await database.drop();
    },
  };
}

/** A mutation pipeline on `store`, as a server node runs it. */
export function pipelineOn(store: Store, more: Partial<MutationServiceDeps> = {}): MutationService {
  return new MutationService({
    store,
    logger: createLogger('silent'),
    now: () => new Date(),
    timeZone: () => 'Europe/Copenhagen',
    hasConsent: () => true,
    committed: () => undefined,
    ...more,
  });
}
