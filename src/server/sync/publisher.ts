/**
 * Pushes committed changes to connected clients, in commit order, each room seeing only what it
 * may see. Called only after a transaction commits.
 */
import type { ChangesPush, ResetNotice } from '../../protocol/index.js';
import type { LoggedChange } from '../store/writer.js';
import { viewKey } from './view-key.js';
import { project, type Viewer, type VisibilityFacts } from './visibility.js';

export interface Room {
  name: string;
  viewer: Viewer;
}

export interface PushTarget {
  /** Rooms that currently have at least one socket. */
  rooms(): Room[];
  emit(room: string, push: ChangesPush): void;
  reset(room: string, notice: ResetNotice): void;
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
    private readonly identity: () => string,
  ) {}

  /**
   * `before` and `after` are the visibility facts on either side of the batch. A room whose view
   * key changed with them gets `reset` instead of the push: what it may see changed as a whole,
   * so it starts over from 0 (and its clients that miss the reset find out from the next key).
   */
  publish(batch: Batch, before: VisibilityFacts, after: VisibilityFacts): void {
    if (batch.changes.length === 0) return;
    const identity = this.identity();
    for (const room of this.target.rooms()) {
      const view = viewKey(identity, room.viewer, after);
      if (before !== after && viewKey(identity, room.viewer, before) !== view) {
        this.target.reset(room.name, { reason: 'visibility_changed', view });
        continue;
      }
      const changes = [];
      for (const c of batch.changes) {
        const visible = project(c, room.viewer, after);
        if (visible) changes.push(visible);
      }
      // An empty push still moves the client's cursor, so its next push follows on without a pull.
      this.target.emit(room.name, { after: batch.after, cursor: batch.cursor, changes, view });
    }
  }
}
