/**
 * Counts wrong PINs per (device, resident) and locks that pair out for a while after too many.
 *
 * Why per pair: a resident's PIN is 4–8 digits, so guessing must be slow; but one resident
 * mistyping on one kiosk must not lock them out on every kiosk, and one kiosk being misused must
 * not lock every resident. Kept in memory: a restart forgets the counts, which only gives a
 * guesser another five tries after an operator restarted the server.
 *
 * An attempt is charged *before* the (slow, scrypt) check and refunded on success, so many
 * attempts fired at once cannot all slip past the limit while the first ones are still checked.
 */
export interface LockoutOptions {
  maxAttempts: number;
  lockoutMs: number;
  now: () => number;
}

interface Entry {
  /** Wrong attempts since the last success or the end of the last lock-out. */
  wrong: number;
  /** Attempts charged and still being checked. */
  pending: number;
  lockedUntil: number;
  /** When the last attempt was charged: a count left quiet for a whole lock-out is forgotten. */
  lastAt: number;
}

export type Charge = { ok: true } | { ok: false; retryAfterMs: number };

export class PinLockout {
  #entries = new Map<string, Entry>();

  constructor(private readonly opts: LockoutOptions) {}

  /** Takes one attempt for `key`; refused while the key is locked or its attempts are used up. */
  charge(key: string): Charge {
    const t = this.opts.now();
    let entry = this.#entries.get(key);
    if (entry && this.#expired(entry, t)) {
      // The lock-out is over, or the last wrong try is long ago: start counting afresh.
      this.#entries.delete(key);
      entry = undefined;
    }
    if (!entry) {
      if (this.#entries.size > 10_000) this.#sweep(t);
      entry = { wrong: 0, pending: 0, lockedUntil: 0, lastAt: t };
      this.#entries.set(key, entry);
    }
    if (entry.lockedUntil > t) return { ok: false, retryAfterMs: entry.lockedUntil - t };
    if (entry.wrong + entry.pending >= this.opts.maxAttempts) {
      // Attempts still being checked used the last tries up; if they were wrong, this is the
      // lock-out they will start.
      return { ok: false, retryAfterMs: this.opts.lockoutMs };
    }
    entry.pending += 1;
    entry.lastAt = t;
    return { ok: true };
  }

  /** The charged attempt was right: forget the key's wrong attempts. */
  succeeded(key: string): void {
    this.#entries.delete(key);
  }

  /**
   * The charged attempt was wrong. Returns the lock-out left in ms when this wrong attempt used up
   * the last try (so the kiosk can say "wait 5 minutes" at once), else null.
   */
  failed(key: string): number | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    entry.pending = Math.max(0, entry.pending - 1);
    entry.wrong += 1;
    if (entry.lockedUntil === 0 && entry.wrong >= this.opts.maxAttempts)
      entry.lockedUntil = this.opts.now() + this.opts.lockoutMs;
    return entry.lockedUntil === 0 ? null : Math.max(0, entry.lockedUntil - this.opts.now());
  }

  #expired(e: Entry, t: number): boolean {
    return e.lockedUntil !== 0 ? e.lockedUntil <= t : e.lastAt + this.opts.lockoutMs <= t;
  }

  #sweep(t: number): void {
    for (const [k, v] of this.#entries) if (this.#expired(v, t)) this.#entries.delete(k);
  }
}
