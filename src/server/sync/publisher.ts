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

/**
 * Commits in one process are serialised by the store, and `publish` is called from each
 * commit's continuation, so batches arrive here in commit order and are sent at once. A gap
 * (a write made by another process, such as the demo seed or the CLI) needs no special care:
 * clients see `after` differ from their cursor and pull, as the protocol says.
 */
export class Publisher {
  constructor(
    private readonly target: PushTarget,
    private readonly facts: () => VisibilityFacts,
  ) {}

  publish(batch: Batch): void {
    if (batch.changes.length === 0) return;
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
