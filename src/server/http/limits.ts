/**
 * Rate limits through @fastify/rate-limit, over one counter store of our own: fixed windows per
 * key, as before, plus what the plugin's own store lacks: a successful login gives its attempt
 * back (`refund`) and clears its username's count (`reset`), so colleagues sharing an office
 * address do not lock each other out. Every limiter names its keys (`login-address:…`), so one
 * store holds them all without collisions.
 *
 * The counters live in the store (`rate_window`), so every server node counts the same attempts:
 * a guesser spread over several nodes behind a load balancer gets the limit once, not once per
 * node. Each count is one statement (an upsert that starts a new window when the old one ended),
 * atomic on SQLite and PostgreSQL alike.
 */
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { HttpError } from './errors.js';

/** The store's callback contract, as @fastify/rate-limit calls it. */
type StoreCallback = (err: Error | null, res: { current: number; ttl: number }) => void;

/** Where counters are kept: a centre's store, or the municipal directory's own table. */
export type CountersDb = Kysely<Pick<Database, 'rate_window'>>;

export class WindowCounters {
  constructor(
    private readonly db: CountersDb,
    private readonly now: () => number = Date.now,
  ) {}

  async incr(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const t = this.now();
    const row = await this.db
      .insertInto('rate_window')
      .values({ key, hits: 1, window_end: t + windowMs })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          // Both read the row as it was: a window that has ended starts again at this hit.
          hits: sql<number>`case when rate_window.window_end <= cast(${t} as bigint) then 1 else rate_window.hits + 1 end`,
          window_end: sql<number>`case when rate_window.window_end <= cast(${t} as bigint) then cast(${t + windowMs} as bigint) else rate_window.window_end end`,
        }),
      )
      .returning(['hits', 'window_end'])
      .executeTakeFirstOrThrow();
    return { current: Number(row.hits), ttl: Number(row.window_end) - t };
  }

  async read(key: string): Promise<{ current: number; ttl: number }> {
    const t = this.now();
    const w = await this.db
      .selectFrom('rate_window')
      .select(['hits', 'window_end'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!w || Number(w.window_end) <= t) return { current: 0, ttl: 0 };
    return { current: Number(w.hits), ttl: Number(w.window_end) - t };
  }

  /** Gives one attempt back (a login that succeeded was no guess). */
  async refund(key: string): Promise<void> {
    await this.db
      .updateTable('rate_window')
      .set({ hits: sql<number>`hits - 1` })
      .where('key', '=', key)
      .where('hits', '>', 0)
      .execute();
  }

  async reset(key: string): Promise<void> {
    await this.db.deleteFrom('rate_window').where('key', '=', key).execute();
  }

  /** Forgets windows that have ended (housekeeping). */
  async purge(): Promise<number> {
    const r = await this.db
      .deleteFrom('rate_window')
      .where('window_end', '<=', this.now())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

/** A store class for @fastify/rate-limit's `store` option, over `counters`. */
export function storeOver(counters: WindowCounters): FastifyRateLimitStoreCtor {
  const answer = (p: Promise<{ current: number; ttl: number }>, cb: StoreCallback): void => {
    p.then(
      (r) => cb(null, r),
      (err: unknown) =>
        cb(err instanceof Error ? err : new Error(String(err)), { current: 0, ttl: 0 }),
    );
  };
  return class CountersStore {
    incr(key: string, cb: StoreCallback, timeWindow: number): void {
      answer(counters.incr(key, timeWindow), cb);
    }
    read(key: string, cb: StoreCallback): void {
      answer(counters.read(key), cb);
    }
    child(): this {
      return this;
    }
  };
}

export interface LimitOptions {
  /** The key's own name, before the caller's part (`login-address`). */
  name: string;
  max: number;
  windowMs: number;
  /** The caller's part of the key (an address, a principal). */
  key: (req: FastifyRequest) => string;
  /** What the 429 says. */
  message: string;
  /** `retry-after` in seconds; default: until the window ends. */
  retryAfterS?: number;
}

export interface Limit {
  /** Counts one attempt; throws 429 `rate_limited` when the caller is over the limit. */
  take(req: FastifyRequest): Promise<void>;
  /** As a route hook. */
  hook: onRequestAsyncHookHandler;
  keyOf(req: FastifyRequest): string;
}

/** One limiter through the plugin (registered by `app.ts` with `global: false`). */
export function createLimit(app: FastifyInstance, opts: LimitOptions): Limit {
  const keyOf = (req: FastifyRequest): string => `${opts.name}:${opts.key(req)}`;
  const check = app.createRateLimit({
    max: opts.max,
    timeWindow: opts.windowMs,
    keyGenerator: keyOf,
  });
  const take = async (req: FastifyRequest): Promise<void> => {
    const r = await check(req);
    if (r.isAllowed || !r.isExceeded) return;
    const retryAfter = opts.retryAfterS ?? Math.max(1, r.ttlInSeconds);
    throw new HttpError(429, 'rate_limited', opts.message, { 'retry-after': String(retryAfter) });
  };
  return { take, hook: (req) => take(req), keyOf };
}
