/**
 * Counts wrong PINs per (device, resident) and locks that pair out for a while after too many.
 *
 * Why per pair: a resident's PIN is 4–8 digits, so guessing must be slow; but one resident
 * mistyping on one kiosk must not lock them out on every kiosk, and one kiosk being misused must
 * not lock every resident. Kept in the store (`pin_lockout`), so every server node counts the
 * same tries (a kiosk that reconnects to another node gets no fresh five) and a restart forgets
 * nothing.
 *
 * An attempt is charged *before* the (slow, scrypt) check and refunded on success, so many
 * attempts fired at once cannot all slip past the limit while the first ones are still checked.
 * Each step reads and writes its row in one transaction holding the row (PostgreSQL: `for
 * update`; SQLite has one writer), so attempts on two nodes at once are counted one after the
 * other. An attempt whose node died before its answer stays charged until the count is
 * forgotten (a lock-out's time without tries).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, PinLockoutTable } from '../store/schema.js';
import type { Dialect, Store } from '../store/store.js';

export interface LockoutOptions {
  maxAttempts: number;
  lockoutMs: number;
  now: () => number;
}

export type Charge = { ok: true } | { ok: false; retryAfterMs: number };

type Row = Omit<PinLockoutTable, 'key'>;

/** A row for update (PostgreSQL locks it until the transaction ends). */
async function lockRow(
  trx: Transaction<Database>,
  dialect: Dialect,
  key: string,
): Promise<Row | undefined> {
  const q = trx
    .selectFrom('pin_lockout')
    .select(['wrong', 'pending', 'locked_until', 'last_at'])
    .where('key', '=', key);
  const row = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  return (
    row && {
      wrong: Number(row.wrong),
      pending: Number(row.pending),
      locked_until: Number(row.locked_until),
      last_at: Number(row.last_at),
    }
  );
}

export class PinLockout {
  readonly #db: Kysely<Database>;
  readonly #dialect: Dialect;

  constructor(
    store: Store,
    private readonly opts: LockoutOptions,
  ) {
    this.#db = store.db;
    this.#dialect = store.dialect;
  }

  /** Takes one attempt for `key`; refused while the key is locked or its attempts are used up. */
  charge(key: string): Promise<Charge> {
    const t = this.opts.now();
    return this.#db.transaction().execute(async (trx) => {
      // The row first exists, so two first attempts on two nodes both lock the same row.
      await trx
        .insertInto('pin_lockout')
        .values({ key, wrong: 0, pending: 0, locked_until: 0, last_at: t })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      let row = (await lockRow(trx, this.#dialect, key))!;
      // The lock-out is over, or the last wrong try is long ago: start counting afresh.
      if (this.#expired(row, t)) row = { wrong: 0, pending: 0, locked_until: 0, last_at: t };
      let answer: Charge;
      if (row.locked_until > t) answer = { ok: false, retryAfterMs: row.locked_until - t };
      else if (row.wrong + row.pending >= this.opts.maxAttempts)
        // Attempts still being checked used the last tries up; if they were wrong, this is the
        // lock-out they will start.
        answer = { ok: false, retryAfterMs: this.opts.lockoutMs };
      else {
        row = { ...row, pending: row.pending + 1, last_at: t };
        answer = { ok: true };
      }
      await trx.updateTable('pin_lockout').set(row).where('key', '=', key).execute();
      return answer;
    });
  }

  /** The charged attempt was right: forget the key's wrong attempts. */
  async succeeded(key: string): Promise<void> {
    await this.#db.deleteFrom('pin_lockout').where('key', '=', key).execute();
  }

  /**
   * The charged attempt was wrong. Returns the lock-out left in ms when this wrong attempt used up
   * the last try (so the kiosk can say "wait 5 minutes" at once), else null.
   */
  failed(key: string): Promise<number | null> {
    return this.#db.transaction().execute(async (trx) => {
      const row = await lockRow(trx, this.#dialect, key);
      if (!row) return null;
      const t = this.opts.now();
      row.pending = Math.max(0, row.pending - 1);
      row.wrong += 1;
      if (row.locked_until === 0 && row.wrong >= this.opts.maxAttempts)
        row.locked_until = t + this.opts.lockoutMs;
      await trx.updateTable('pin_lockout').set(row).where('key', '=', key).execute();
      return row.locked_until === 0 ? null : Math.max(0, row.locked_until - t);
    });
  }

  /** Forgets counts that have run out (housekeeping; an expired row is also reset on use). */
  async purge(): Promise<number> {
    const t = this.opts.now();
    const r = await this.#db
      .deleteFrom('pin_lockout')
      .where((eb) =>
        eb.or([
          eb.and([eb('locked_until', '!=', 0), eb('locked_until', '<=', t)]),
          eb.and([eb('locked_until', '=', 0), eb('last_at', '<=', t - this.opts.lockoutMs)]),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  #expired(e: Row, t: number): boolean {
    return e.locked_until !== 0 ? e.locked_until <= t : e.last_at + this.opts.lockoutMs <= t;
  }
}
