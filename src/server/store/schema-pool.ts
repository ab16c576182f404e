/**
 * Many centres in one PostgreSQL database, a schema each (municipal/README.md): one `pg` pool
 * for all of them, and per centre a pool-shaped view of it whose every connection runs with
 * `search_path` set to that centre's schema before Kysely gets it. Every query the server has,
 * the query builder's and raw `sql` alike, then names that centre's tables and no other: no
 * query can forget a `where centre = …`, because there is no such column to forget.
 *
 * A connection remembers the schema it was last set to, so a connection that serves the same
 * centre again costs no extra round trip. The setting is made outside any transaction (before
 * Kysely's BEGIN), so a rollback never undoes it.
 */
import type { PostgresPool } from 'kysely';
import type pg from 'pg';

/** A centre schema's name: `c_` and lower-case letters, digits and `_` (never quoted input). */
export const CENTRE_SCHEMA = /^c_[a-z0-9_]{1,48}$/;

/** The schemas that may be selected: a centre's, or `public` (the municipal directory). */
export function isSelectableSchema(schema: string): boolean {
  return schema === 'public' || CENTRE_SCHEMA.test(schema);
}

const schemaOf = new WeakMap<pg.PoolClient, string>();

/**
 * The shared pool, seen through `schema`: what Kysely's PostgresDialect takes as its pool.
 * `end()` leaves the shared pool open (its owner ends it once every centre is closed).
 */
export function schemaPool(pool: pg.Pool, schema: string): PostgresPool {
  if (!isSelectableSchema(schema)) throw new Error(`not a schema name: ${JSON.stringify(schema)}`);
  // Checked above: letters, digits and `_` only, so quoting as an identifier is exact.
  const setPath = `set search_path to "${schema}"`;
  return {
    async connect() {
      const client = await pool.connect();
      if (schemaOf.get(client) !== schema) {
        try {
          await client.query(setPath);
        } catch (err) {
          // A connection that could not be set is not given to anyone: the pool drops it.
          client.release(err instanceof Error ? err : new Error(String(err)));
          throw err;
        }
        schemaOf.set(client, schema);
      }
      return client;
    },
    end: () => Promise.resolve(),
  };
}
