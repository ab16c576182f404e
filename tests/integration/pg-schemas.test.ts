/**
 * Many centres in one PostgreSQL database, a schema each (store/schema-pool.ts): one pool, and
 * every query of a centre's store, built or raw, reaches that centre's tables only, however the
 * pool's connections are handed from centre to centre. PostgreSQL only.
 */
import { sql } from 'kysely';
import type { Resident } from '../../src/domain/model.js';
import { afterEach, describe, expect, it } from 'vitest';
import { openSharedPostgres, type SharedPostgres } from '../../src/server/store/postgres.js';
import { schemaPool } from '../../src/server/store/schema-pool.js';
import { countRows, lockHead, readHead } from '../../src/server/store/store.js';
import { Writer } from '../../src/server/store/writer.js';
import { freshEmptyDatabase } from '../helpers/test-database.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function shared(maxConnections = 2): Promise<SharedPostgres> {
  const database = await freshEmptyDatabase();
  cleanups.push(database.drop);
  const pg = await openSharedPostgres(database.url, { maxConnections });
  cleanups.push(() => pg.close());
  return pg;
}

// Only what this test reads: the Writer stores what it is given.
const resident = (id: string, name: string): Resident =>
  ({
    id,
    displayName: name,
    photo: null,
    pictogram: 'person',
    groupIds: [],
  }) as unknown as Resident;

describe('a schema per centre in one database', () => {
  it('keeps each centre’s rows, change log and head to itself over one small pool', async () => {
    const pg = await shared(2);
    const a = await pg.storeFor('c_birk');
    const b = await pg.storeFor('c_eg');
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    for (const [store, id, name] of [
      [a, 'r-1', 'Anna'],
      [b, 'r-1', 'Bent'],
      [a, 'r-2', 'Carl'],
    ] as const)
      await store.db.transaction().execute(async (trx) => {
        const w = new Writer(trx, await lockHead(trx), new Date());
        await w.put('resident', resident(id, name));
        await w.flush();
      });
    // The same id in both centres: two rows, one in each.
    const names = async (store: typeof a): Promise<string[]> =>
      (await store.db.selectFrom('resident').select('data').orderBy('id').execute()).map(
        (r) => (JSON.parse(r.data) as { displayName: string }).displayName,
      );
    // Many reads at once over two connections: each is set for its centre before it is used.
    const reads = await Promise.all(
      Array.from({ length: 20 }, (_, i) => names(i % 2 === 0 ? a : b)),
    );
    for (const [i, r] of reads.entries())
      expect(r).toEqual(i % 2 === 0 ? ['Anna', 'Carl'] : ['Bent']);
    expect(await readHead(a.db)).toBe(2);
    expect(await readHead(b.db)).toBe(1);
    // Raw SQL too (sql.table() is not qualified by Kysely's schema plugin; search_path is).
    expect(await countRows(a.db, 'change_log')).toBe(2);
    expect(await countRows(b.db, 'change_log')).toBe(1);
    const schemas = await sql<{ s: string }>`select current_schema() as s`.execute(b.db);
    expect(schemas.rows[0]?.s).toBe('c_eg');
  });

  it('migrates a new centre in its own schema while another already has every migration', async () => {
    const pg = await shared();
    const first = await pg.storeFor('c_one');
    const second = await pg.storeFor('c_two');
    cleanups.push(
      () => first.close(),
      () => second.close(),
    );
    const applied = async (store: typeof first): Promise<number> =>
      Number(
        (
          await store.db
            .selectFrom('kysely_migration' as never)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await applied(second)).toBe(await applied(first));
    expect(await applied(first)).toBeGreaterThan(5);
    // Nothing of a centre's lands in public.
    const inPublic = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(
      pg.directory,
    );
    expect(inPublic.rows[0]?.n).toBe(0);
    // Opened again (a restart): nothing left to run.
    const again = await pg.storeFor('c_one');
    cleanups.push(() => again.close());
    expect(await readHead(again.db)).toBe(0);
  });

  it('refuses a schema name that is not a centre’s, before any SQL', () => {
    const pool = {} as never;
    for (const bad of ['C_x', 'c_', 'x', 'c_a;drop', 'c_a"b', 'pg_catalog', 'c_a-b', ''])
      expect(() => schemaPool(pool, bad), bad).toThrow(/not a schema name/);
    expect(() => schemaPool(pool, 'c_birk_2')).not.toThrow();
  });
});
