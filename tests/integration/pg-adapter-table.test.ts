/**
 * Nodes starting at once on a new database each make the adapter's table: none may fail on it
 * (PostgreSQL's `create table if not exists` is not safe against itself: "type
 * socket_io_attachments already exists"). PostgreSQL only (TEST_DATABASE_URL; the SQLite pass has
 * no adapter).
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureAttachmentsTable } from '../../src/server/cluster/adapter.js';
import { withDefaultUser } from '../../src/server/store/postgres.js';
import { freshTestDatabase, testDatabaseUrl } from '../helpers/test-database.js';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

describe.runIf(testDatabaseUrl())("the adapter's table", () => {
  it('is made once when eight nodes start at once on a new database, five times over', async () => {
    for (let round = 0; round < 5; round++) {
      const db = await freshTestDatabase();
      drops.push(db.drop);
      const pools = Array.from(
        { length: 8 },
        () => new pg.Pool({ connectionString: withDefaultUser(db.url), max: 1 }),
      );
      try {
        const results = await Promise.allSettled(pools.map((p) => ensureAttachmentsTable(p)));
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        const { rows } = await pools[0]!.query<{ n: string }>(
          "select count(*) as n from pg_class where relname = 'socket_io_attachments'",
        );
        expect(Number(rows[0]?.n)).toBe(1);
      } finally {
        await Promise.all(pools.map((p) => p.end()));
      }
    }
  });
});
