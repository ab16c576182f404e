/**
 * The outbox sender. Invariants:
 *
 * - Strict order: one mutation in flight at a time, always the oldest pending one (lowest `seq`).
 *   Sign-up then cancel reaches the server in that order, even across reloads.
 * - No loss, no duplicates: an entry leaves the outbox only on a final answer. A time-out or a
 *   disconnect retries the SAME id (the server answers a repeated id with its first answer), after
 *   an exponential, jittered delay; a later entry never overtakes it.
 * - A rejection is final: the entry moves to `rejections` in one transaction and is never retried.
 * - A "retry" answer (the server failed inside, or this client sent too much) is not: the entry
 *   stays first in line with `lastError` set, and is sent again no sooner than `retryAfterMs`.
 *   An entry that keeps failing is counted as `stuck` in the status, never dropped.
 */
import type { ZodType } from 'zod';
import {
  mutationCatalogue,
  type MutateRequest,
  type MutationArgs,
  type MutationName,
} from '../protocol/index.js';
import { isStorageLostError } from './apply.js';
import { asRejected, asRetry, isApplied } from './answers.js';
import { type CacheDb, type OutboxEntry, type Rejection, readCursor } from './db.js';
import { STUCK_AFTER_ATTEMPTS, STUCK_AFTER_MS, type SyncEvents } from './types.js';
import { deferred, errorMessage, type Logger, newMutationId } from './util.js';

/** What the sender needs from the engine around it. */
export interface SenderHost {
  db: CacheDb;
  log: Logger;
  now: () => Date;
  /** Backoff delay before retry number `attempt` (1-based). */
  delay: (attempt: number) => number;
  canSend: () => boolean;
  /** Sends a mutation and resolves with the raw answer; rejects on time-out or disconnect. */
  request: (req: MutateRequest) => Promise<unknown>;
  setTimer: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  requestPull: () => Promise<void>;
  /** Frees space by dropping the cache (never the outbox), on the engine's cursor queue. */
  makeRoom: () => Promise<void>;
  emit: <K extends keyof SyncEvents>(event: K, payload: SyncEvents[K]) => void;
  /** Pending entries, and how many of them are stuck (see `SyncStatus.stuck`). */
  setPending: (pending: number, stuck: number) => void;
}

/** Resolves after the current task: every continuation of an awaited result has run by then. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class InvalidMutationError extends Error {
  constructor(
    readonly mutation: MutationName,
    detail: string,
  ) {
    super(`${mutation}: invalid arguments: ${detail}`);
    this.name = 'InvalidMutationError';
  }
}

export class Sender {
  /** The loop is running. */
  private sending = false;
  private kicked = false;
  private wakeSleeper: (() => void) | null = null;
  private failures = 0;
  /** The server's `retryAfterMs` for the entry just answered "retry"; the next wait is no shorter. */
  private retryAfterMs = 0;
  /** The loop's first step is a backoff wait (an early send got no final answer). */
  private waitFirst = false;
  private pendingTicket = 0;
  /**
   * Nothing is pending in the outbox but an early entry: the loop last found nothing, and every
   * mutation since went out early. A new one may then go out early too (see `mutate`).
   */
  private nothingPending = false;
  /** Writes under way that the loop will send from the outbox (they make `nothingPending` false). */
  private adding = 0;
  /** The early entry sent and not finally answered yet. */
  private early: string | null = null;
  /** Entries an early send is handling (from its send to its bookkeeping), by id. */
  private readonly busy = new Map<string, Promise<void>>();
  /** Entries whose `mutate` call has not returned yet, by id: settles when it has. */
  private readonly returning = new Map<string, Promise<void>>();

  constructor(private readonly host: SenderHost) {}

  async mutate<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<string> {
    // Checked here so a malformed mutation never enters the outbox (it could only be rejected).
    const schema: ZodType = mutationCatalogue[name].args;
    const parsed = schema.safeParse(args);
    if (!parsed.success) throw new InvalidMutationError(name, parsed.error.message);
    const entry: OutboxEntry = {
      id: newMutationId(),
      name,
      args: args,
      createdAt: this.host.now().toISOString(),
      attempts: 0,
      lastError: null,
      state: 'pending',
      appliedCursor: null,
    };
    // Its answer may come before this returns: it is said only after (see `sendOne`), or a
    // caller following the id it is given would never hear it.
    const returned = deferred();
    this.returning.set(entry.id, returned.promise);
    try {
      const stored = this.store(entry);
      if (this.nothingPending && this.early === null && !this.sending && this.host.canSend()) {
        // Nothing is ahead of it: sent while it is being written, so the answer costs the longer
        // of the two, not their sum. Order holds (nothing else is pending or unanswered), and
        // nothing is said before it is stored: the caller hears its id once the write committed,
        // and 'applied' (the server has it) only after that.
        void this.sendEarly(entry, stored);
        await stored;
        // Online, with its answer on the way: the status line's count follows.
        void this.refreshPending();
        return entry.id;
      }
      // Something is ahead (or no connection): the loop sends it in its turn, from the outbox.
      this.nothingPending = false;
      this.adding++;
      try {
        await stored;
        this.kick();
      } finally {
        this.adding--;
      }
      await this.refreshPending();
      return entry.id;
    } finally {
      this.returning.delete(entry.id);
      returned.resolve();
    }
  }

  /** Writes a new entry to the outbox; resolves with its `seq`. */
  private async store(entry: OutboxEntry): Promise<number> {
    try {
      return await this.host.db.outbox.add(entry);
    } catch (err) {
      if (!isStorageLostError(err)) throw err;
      // Quota: the cache can be rebuilt, the user's intent cannot. Make room and try once more;
      // if that fails too the caller hears it (never a silent loss).
      this.host.log.warn?.('outbox write failed, dropping the cache to make room', {
        error: errorMessage(err),
      });
      await this.host.makeRoom();
      const seq = await this.host.db.outbox.add(entry);
      void this.host.requestPull();
      return seq;
    }
  }

  /**
   * Sends `entry` while its outbox write is on its way, beside the loop. Without a final answer
   * the entry is the loop's, first in line, after the backoff it would have waited.
   */
  private async sendEarly(entry: OutboxEntry, stored: Promise<number>): Promise<void> {
    this.early = entry.id;
    const over = deferred();
    this.busy.set(entry.id, over.promise);
    let final = false;
    try {
      final = await this.sendOne(entry, stored);
    } catch (err) {
      // Its write failed (mutate() tells the caller) or the database did: the outbox decides.
      this.host.log.error?.('outbox write or read failed', { error: errorMessage(err) });
    } finally {
      if (!final) {
        // Set before `early` is cleared, so no later mutation goes out ahead of this one.
        this.nothingPending = false;
        this.failures = Math.max(entry.attempts, 1);
        this.waitFirst = true;
        this.kick();
      }
      if (this.early === entry.id) this.early = null;
      this.busy.delete(entry.id);
      over.resolve();
    }
  }

  /** Starts the send loop unless it is running; a running loop rereads the outbox anyway. */
  kick(): void {
    this.kicked = true;
    if (this.sending) return;
    this.sending = true;
    void this.loop().finally(() => {
      this.sending = false;
      if (this.kicked && this.host.canSend()) this.kick();
    });
  }

  /** Cuts a backoff wait short (on reconnect, and on stop). */
  wake(): void {
    this.waitFirst = false;
    this.wakeSleeper?.();
  }

  async refreshPending(): Promise<void> {
    // Counts may be asked for while others are on their way: only the latest one is told.
    const ticket = ++this.pendingTicket;
    const entries = await this.host.db.outbox.filter((e) => e.state === 'pending').toArray();
    if (ticket !== this.pendingTicket) return;
    const now = this.host.now().getTime();
    const stuck = entries.filter(
      (e) => e.attempts >= STUCK_AFTER_ATTEMPTS && now - Date.parse(e.createdAt) >= STUCK_AFTER_MS,
    ).length;
    this.host.setPending(entries.length, stuck);
  }

  async rejections(): Promise<Rejection[]> {
    return this.host.db.rejections.orderBy('at').toArray();
  }

  private async loop(): Promise<void> {
    while (this.host.canSend()) {
      this.kicked = false;
      if (this.waitFirst) {
        this.waitFirst = false;
        await this.backOff();
        continue;
      }
      try {
        const entry = await this.host.db.outbox
          .orderBy('seq')
          .filter((e) => e.state === 'pending')
          .first();
        if (!entry) {
          // Known empty only if no write began meanwhile (its entry may be missing from the read).
          this.nothingPending = this.adding === 0;
          return;
        }
        const busy = this.busy.get(entry.id);
        if (busy) {
          // Out early and not over yet: never sent twice at once; then read again.
          await busy;
          continue;
        }
        if (await this.sendOne(entry)) {
          this.failures = 0;
          continue;
        }
        this.failures = entry.attempts;
        await this.refreshPending();
      } catch (err) {
        // The database failed us (not the network): wait and try again, never skip the entry.
        this.host.log.error?.('outbox unreadable', { error: errorMessage(err) });
        this.failures++;
      }
      await this.backOff();
    }
  }

  private backOff(): Promise<void> {
    const wait = Math.max(this.host.delay(this.failures), this.retryAfterMs);
    this.retryAfterMs = 0;
    return this.sleep(wait);
  }

  /**
   * Sends one entry. True when it got a final answer, false when it must be retried. An entry
   * sent early comes with its outbox write (`stored`) still on its way: every write about it
   * waits for that one.
   */
  private async sendOne(entry: OutboxEntry, stored?: Promise<number>): Promise<boolean> {
    const { db } = this.host;
    // Stored with the outcome below (one write instead of one more before sending: a write's
    // commit cost about as much as the server's whole answer).
    const attempts = entry.attempts + 1;
    const sent = this.host.request({ id: entry.id, name: entry.name, args: entry.args });
    // Heard below in every case; this only keeps a failed write from leaving it unobserved.
    sent.catch(() => undefined);
    const seq = stored ? await stored : entry.seq;
    if (seq === undefined) throw new Error('outbox entry without seq');
    entry.seq = seq;
    let answer: unknown;
    try {
      answer = await sent;
    } catch (err) {
      const error = errorMessage(err);
      this.host.log.warn?.('mutation not acknowledged, will retry', {
        id: entry.id,
        attempts,
        error,
      });
      await db.outbox.update(seq, { lastError: error, attempts });
      entry.attempts = attempts;
      return false;
    }
    // The caller learns the id when `mutate` returns; an answer said before would reach nobody.
    const returned = this.returning.get(entry.id);
    if (returned) await returned.then(nextTask);
    if (isApplied(answer)) {
      this.answered(entry);
      await this.applied(entry, seq, attempts, answer.cursor, answer.result ?? null);
      return true;
    }
    const rejected = asRejected(answer);
    if (rejected) {
      this.answered(entry);
      const rejection: Rejection = {
        id: entry.id,
        name: entry.name,
        args: entry.args,
        code: rejected.code,
        message: rejected.message,
        reason: rejected.reason ?? null,
        at: this.host.now().toISOString(),
      };
      await db.transaction('rw', [db.outbox, db.rejections], async () => {
        await db.outbox.delete(seq);
        await db.rejections.put(rejection);
      });
      await this.refreshPending();
      this.host.emit('rejected', rejection);
      return true;
    }
    const retry = asRetry(answer);
    if (retry) {
      // The server decided nothing: keep the entry (it stays overlaid as "waiting") and retry.
      this.host.log.warn?.('server asked to retry the mutation', {
        id: entry.id,
        attempts,
        code: retry.code,
      });
      await db.outbox.update(seq, { lastError: `${retry.code}: ${retry.message}`, attempts });
      entry.attempts = attempts;
      this.retryAfterMs = retry.retryAfterMs;
      return false;
    }
    // Neither answer: a proxy or a broken server. Not final, so keep the entry and retry.
    this.host.log.warn?.('unexpected mutation answer', { id: entry.id, answer });
    await db.outbox.update(seq, { lastError: 'unexpected answer', attempts });
    entry.attempts = attempts;
    return false;
  }

  /** A final answer for `entry`: a next mutation may go out early while its bookkeeping runs. */
  private answered(entry: OutboxEntry): void {
    if (this.early === entry.id) this.early = null;
  }

  /**
   * The server applied it. If the cache already holds the answer's cursor the entry goes now;
   * otherwise it stays (still overlaid) marked `applied` and a pull brings the truth, deleting
   * the entry in the same transaction. The answer's cursor is never stored as ours: changes
   * between our cursor and it would be skipped.
   */
  private async applied(
    entry: OutboxEntry,
    seq: number,
    attempts: number,
    cursor: number,
    result: Record<string, unknown> | null,
  ): Promise<void> {
    const { db } = this.host;
    // Said at once: the server has stored it, which is what "sent" means. The bookkeeping below
    // is this device's; should it be lost (a crash, the storage), the entry is sent again with
    // the same id and the server answers what it answered now.
    this.host.emit('applied', { id: entry.id, name: entry.name, cursor, result });
    const settled = await db.transaction('rw', [db.meta, db.outbox], async () => {
      if ((await readCursor(db)) >= cursor) {
        await db.outbox.delete(seq);
        return true;
      }
      await db.outbox.update(seq, {
        state: 'applied',
        appliedCursor: cursor,
        lastError: null,
        attempts,
      });
      return false;
    });
    void this.refreshPending();
    if (!settled) void this.host.requestPull();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeSleeper === done) this.wakeSleeper = null;
        resolve();
      };
      const timer = this.host.setTimer(done, ms);
      this.wakeSleeper = done;
    });
  }
}
