/**
 * The writes a signed-in front end's pages make, whatever the front end: every write is a
 * protocol mutation through the engine's outbox, refusals are dismissed from the rejections
 * table, and the engine's answers can be followed (for the notice after a write, notices.ts).
 * Tests give a recording stand-in (test-support/fake-actions.ts).
 */
import type { SyncEngine } from '../../../client/index.js';

export interface WriteActions {
  mutate: SyncEngine['mutate'];
  dismissRejection: (id: string) => Promise<void>;
  /** Subscribes to the engine's answers; returns the unsubscribe. */
  on: SyncEngine['on'];
}

/** A running engine's writes, as the pages get them. */
export function engineActions(engine: SyncEngine): WriteActions {
  return {
    mutate: (name, args) => engine.mutate(name, args),
    dismissRejection: (id) => engine.dismissRejection(id),
    on: (event, listener) => engine.on(event, listener),
  };
}
