/**
 * Pushes committed changes to connected clients, in commit order, each room seeing only what it
 * may see. Called only after a transaction commits.
 */
import type { LoggedChange } from '../store/writer.js';
import { project, type Viewer, type VisibilityFacts } from './visibility.js';
import type { ChangesPush } from '../../protocol/index.js';

export interface Room {
  name: string;
  viewer: Viewer;
}

export interface PushTarget {
  /** Rooms that currently have at least one socket. */
  rooms(): Room[];
  emit(room: string, push: ChangesPush): void;
}

export interface Batch {
  after: number;
  cursor: number;
  changes: LoggedChange[];
}

export class Publisher {
  #pending = new Map<number, Batch>();
  #last: number | null = null;

  constructor(
    private readonly target: PushTarget,
    private readonly facts: () => VisibilityFacts,
  ) {}

  /** Where the next batch must start; set once from the head at start-up. */
  start(head: number): void {
    this.#last = head;
  }

  publish(batch: Batch): void {
    if (batch.changes.length === 0) return;
    this.#pending.set(batch.after, batch);
    // Batches can only be sent in order; one that arrives early waits for its predecessor.
    for (let next = this.#pending.get(this.#last ?? batch.after); next; next = this.#pending.get(this.#last ?? -1)) {
      this.#pending.delete(next.after);
      this.#send(next);
      this.#last = next.cursor;
    }
    // Commits made outside this process (a CLI) leave gaps that never fill: clients pull instead.
    if (this.#pending.size > 64) {
      const oldest = Math.min(...this.#pending.keys());
      this.#last = oldest;
      this.publish(this.#pending.get(oldest) as Batch);
    }
  }

  #send(batch: Batch): void {
    const facts = this.facts();
    for (const room of this.target.rooms()) {
      const changes = [];
      for (const c of batch.changes) {
        const visible = project(c, room.viewer, facts);
        if (visible) changes.push(visible);
      }
      // An empty push still moves the client's cursor, so its next push follows on without a pull.
      this.target.emit(room.name, { after: batch.after, cursor: batch.cursor, changes });
    }
  }
}
