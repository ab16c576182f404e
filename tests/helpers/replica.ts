/**
 * A minimal protocol-v1 client for server tests: it keeps a replica of what the server sent, the
 * way the real sync engine does (apply a push only when `after` equals the cursor, otherwise pull;
 * pull from the cursor on every (re)connect; drop everything and pull from 0 on `reset`), and
 * records what happened so a test can assert on it. Everything that touches the cursor runs one
 * task at a time, so pulls and pushes can never race into a wrong cursor.
 */
import type { Change, ChangesPush, ResetNotice } from '../../src/protocol/index.js';
import { pull, type SyncSocket } from './test-server.js';

export class Replica {
  cursor = 0;
  /** The latest change of each entity, keyed `type:id`; deletes remove the key. */
  readonly entities = new Map<string, Change>();
  /** Every change ever received, by pull or push, in arrival order. */
  readonly received: Change[] = [];
  readonly pushes: ChangesPush[] = [];
  /** Resets handled (the replica dropped everything and pulled again from 0). */
  readonly resets: ResetNotice[] = [];
  pushesApplied = 0;
  /** Pushes that did not follow on from the cursor and made the replica pull instead. */
  gaps = 0;
  pulls = 0;
  welcomes = 0;
  #queue: Promise<void> = Promise.resolve();
  #waiters: { test: () => boolean; resolve: () => void }[] = [];
  /**
   * Called after every pull to the end and every push applied, i.e. whenever the replica holds a
   * state the server really had: a test can check invariants on each state it passes through.
   */
  onState: ((r: Replica) => void) | null = null;

  constructor(
    readonly socket: SyncSocket,
    private readonly pageLimit?: number,
  ) {
    socket.on('changes', (push) => {
      this.pushes.push(push);
      void this.#run(() => this.#onPush(push));
    });
    socket.on('reset', (notice) => {
      void this.#run(async () => {
        // Counted when handled, so `until(r => r.resets.length …)` sees the state after it.
        this.resets.push(notice);
        this.entities.clear();
        this.cursor = 0;
        await this.#pullToEnd();
      });
    });
    // Every (re)connect: pull from the cursor (never rely on socket.io's buffers).
    socket.on('welcome', () => {
      this.welcomes += 1;
      void this.sync();
    });
  }

  /** Pulls from the cursor until nothing more waits. */
  sync(): Promise<void> {
    return this.#run(() => this.#pullToEnd());
  }

  /** Resolves once `test` holds (checked after every change to the replica). */
  until(test: (r: Replica) => boolean, timeoutMs = 20_000): Promise<void> {
    if (test(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`replica: condition not met in ${timeoutMs} ms (cursor ${this.cursor})`),
          ),
        timeoutMs,
      );
      this.#waiters.push({
        test: () => test(this),
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** The records of one type, by id. */
  all<T = Record<string, unknown>>(type: string): Map<string, T> {
    const out = new Map<string, T>();
    for (const c of this.entities.values())
      if (c.type === type && c.data) out.set(c.id, c.data as T);
    return out;
  }

  get<T = Record<string, unknown>>(type: string, id: string): T | undefined {
    return this.entities.get(`${type}:${id}`)?.data as T | undefined;
  }

  #run(task: () => Promise<void> | void): Promise<void> {
    const next = this.#queue.then(task).then(() => this.#check());
    // A failed task (e.g. a pull while the server restarts) must not stop later ones.
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #check(): void {
    this.onState?.(this);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  #apply(changes: readonly Change[]): void {
    for (const c of changes) {
      this.received.push(c);
      const key = `${c.type}:${c.id}`;
      if (c.op === 'del') this.entities.delete(key);
      else this.entities.set(key, c);
    }
  }

  async #onPush(push: ChangesPush): Promise<void> {
    if (push.cursor <= this.cursor) return; // already covered by a pull
    if (push.after === this.cursor) {
      this.#apply(push.changes);
      this.cursor = push.cursor;
      this.pushesApplied += 1;
      return;
    }
    this.gaps += 1;
    await this.#pullToEnd();
  }

  async #pullToEnd(): Promise<void> {
    for (;;) {
      const page = await pull(this.socket, this.cursor, this.pageLimit);
      this.pulls += 1;
      this.#apply(page.changes);
      this.cursor = page.cursor;
      if (!page.more) return;
    }
  }
}

/** A replica's visible state as a plain, comparable object: `type:id` → data. */
export function snapshot(entities: ReadonlyMap<string, Change>): Record<string, unknown> {
  return Object.fromEntries(
    [...entities.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, c]) => [k, c.data]),
  );
}
