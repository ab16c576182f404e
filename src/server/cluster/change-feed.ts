/**
 * This node's view of the change log: how far its own clients have been pushed (`pushed`), and
 * how it catches up when the log moved without it (a commit on another node, the command line,
 * a notification missed while the adapter was down). See README.md in this folder.
 *
 * Every batch handed to `apply` follows on from the one before (`after` is the previous
 * `cursor`), so this node's pushes form one unbroken run and its clients seldom need to pull.
 * A local commit that follows on at once is applied as it is (no read); anything else is read
 * back from the store, which holds the truth and the order: nothing large crosses nodes.
 */
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.js';
import type { Database } from '../store/schema.js';
import { readHead } from '../store/store.js';
import { readLog, rowToChange } from '../sync/pull.js';
import type { Batch } from '../sync/publisher.js';

/** Change-log rows read per catch-up step (a step is one push per room). */
export const CATCH_UP_ROWS = 500;

export interface ChangeFeedDeps {
  db: Kysely<Database>;
  logger: Logger;
  /** Pushes one batch to this node's clients (and updates what depends on it: facts, centre). */
  apply: (batch: Batch) => void;
  /** Tells the other nodes the log moved (through the adapter); absent on one node. */
  announce?: (head: number) => void;
}

export class ChangeFeed {
  #pushed: number;
  /** The highest head anyone said the log reached. */
  #wanted: number;
  #catchingUp: Promise<void> | null = null;

  constructor(
    private readonly deps: ChangeFeedDeps,
    /** The head read before the facts were loaded: everything up to it is known already. */
    startHead: number,
  ) {
    this.#pushed = startHead;
    this.#wanted = startHead;
  }

  /** How far this node's clients have been pushed. */
  get pushed(): number {
    return this.#pushed;
  }

  /** A commit made on this node, in commit order, with its changes in hand. */
  committed(batch: Batch): void {
    if (batch.cursor <= batch.after) return;
    this.deps.announce?.(batch.cursor);
    // Already pushed: a catch-up read the log after this commit landed and before this call.
    if (batch.cursor <= this.#pushed) return;
    if (this.#catchingUp === null && batch.after === this.#pushed) {
      this.#pushed = batch.cursor;
      this.#wanted = Math.max(this.#wanted, batch.cursor);
      this.deps.apply(batch);
      return;
    }
    // Something came between (another node's commit): the store has both, in order.
    this.moved(batch.cursor);
  }

  /** The log reached at least `head` (another node said so, or `check` saw it). */
  moved(head: number): void {
    if (!Number.isSafeInteger(head) || head <= this.#wanted) return;
    this.#wanted = head;
    this.#catchingUp ??= this.#catchUp().finally(() => {
      this.#catchingUp = null;
    });
  }

  /** The periodic check: one read of the head, so a missed notification only delays. */
  async check(): Promise<void> {
    const head = await readHead(this.deps.db);
    if (head > this.#pushed) {
      // Wanted may already say so (a catch-up that failed): ask again.
      if (head <= this.#wanted) this.#wanted = this.#pushed;
      this.moved(head);
    }
    await this.#catchingUp;
  }

  /** Resolves once nothing is being caught up (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#catchingUp) await this.#catchingUp;
  }

  async #catchUp(): Promise<void> {
    try {
      while (this.#wanted > this.#pushed) {
        // The head first: every seq up to it has committed (writers hold the head's lock until
        // commit), so the rows read next hold all of them that still exist. A row moved past
        // the head by a later write of the same entity comes in a later step.
        const head = await readHead(this.deps.db);
        if (head <= this.#pushed) return;
        const after = this.#pushed;
        const rows = await readLog(this.deps.db, after, head, CATCH_UP_ROWS);
        const full = rows.length === CATCH_UP_ROWS;
        const cursor = full ? Number(rows[rows.length - 1]!.seq) : head;
        // A local commit may have been applied while the rows were read.
        if (this.#pushed !== after) continue;
        this.#pushed = cursor;
        this.#wanted = Math.max(this.#wanted, cursor);
        this.deps.apply({ after, cursor, changes: rows.map(rowToChange) });
      }
    } catch (err) {
      // The store is unreachable: the next check or notification tries again.
      this.#wanted = this.#pushed;
      this.deps.logger.warn({ err }, 'could not read the change log to catch up; will retry');
    }
  }
}
