/** A fixed-window counter per key: enough to slow password and code guessing to a crawl. */
export class RateLimiter {
  #hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; false when the key is over its limit. */
  take(key: string): boolean {
    const t = this.now();
    const entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= t) {
      if (this.#hits.size > 10_000) this.#sweep(t);
      this.#hits.set(key, { count: 1, resetAt: t + this.windowMs });
      return true;
    }
    entry.count += 1;
    return entry.count <= this.max;
  }

  /** Gives one attempt back (a login that succeeded was no guess). */
  refund(key: string): void {
    const entry = this.#hits.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
  }

  reset(key: string): void {
    this.#hits.delete(key);
  }

  #sweep(t: number): void {
    for (const [k, v] of this.#hits) if (v.resetAt <= t) this.#hits.delete(k);
  }
}
