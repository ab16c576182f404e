/**
 * Rate limits through @fastify/rate-limit, over one counter store of our own: fixed windows per
 * key, as before, plus what the plugin's own store lacks: a successful login gives its attempt
 * back (`refund`) and clears its username's count (`reset`), so colleagues sharing an office
 * address do not lock each other out. Every limiter names its keys (`login-address:…`), so one
 * store holds them all without collisions.
 */
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { HttpError } from './errors.js';

interface Window {
  current: number;
  /** When the window ends (ms). */
  end: number;
}

/** The store's callback contract, as @fastify/rate-limit calls it. */
type StoreCallback = (err: Error | null, res: { current: number; ttl: number }) => void;

export class WindowCounters {
  readonly #hits = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  incr(key: string, windowMs: number): { current: number; ttl: number } {
    const t = this.now();
    let w = this.#hits.get(key);
    if (!w || w.end <= t) {
      if (!w && this.#hits.size > 10_000) this.#sweep(t);
      w = { current: 0, end: t + windowMs };
      this.#hits.set(key, w);
    }
    w.current += 1;
    return { current: w.current, ttl: w.end - t };
  }

  read(key: string): { current: number; ttl: number } {
    const t = this.now();
    const w = this.#hits.get(key);
    if (!w || w.end <= t) return { current: 0, ttl: 0 };
    return { current: w.current, ttl: w.end - t };
  }

  /** Gives one attempt back (a login that succeeded was no guess). */
  refund(key: string): void {
    const w = this.#hits.get(key);
    if (w && w.current > 0) w.current -= 1;
  }

  reset(key: string): void {
    this.#hits.delete(key);
  }

  #sweep(t: number): void {
    for (const [k, w] of this.#hits) if (w.end <= t) this.#hits.delete(k);
  }
}

/** A store class for @fastify/rate-limit's `store` option, over `counters`. */
export function storeOver(counters: WindowCounters): FastifyRateLimitStoreCtor {
  return class CountersStore {
    incr(key: string, cb: StoreCallback, timeWindow: number): void {
      cb(null, counters.incr(key, timeWindow));
    }
    read(key: string, cb: StoreCallback): void {
      cb(null, counters.read(key));
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
