/** Public types of the sync engine's status and events. */
import type { Role } from '../domain/model.js';
import type { MutationName } from '../protocol/index.js';
import type { Rejection } from './db.js';

/**
 * - `connecting`: started, never connected yet in this run;
 * - `online`: connected (the cache may still be catching up: see `synced`);
 * - `offline`: the connection dropped; socket.io keeps trying, jittered;
 * - `unauthorized` / `protocol_mismatch`: the server refused us; the engine stopped trying and a
 *   kiosk must say so on screen (re-enrol it, or update it).
 */
export type ConnectionState =
  'connecting' | 'online' | 'offline' | 'unauthorized' | 'protocol_mismatch';

export interface SyncStatus {
  state: ConnectionState;
  /** When the connection was last lost (or the engine started without one); null while online. */
  offlineSince: Date | null;
  /** When the cache last caught up with the server; null if never (or since it was rebuilt). */
  lastSyncedAt: Date | null;
  /** Mutations in the outbox not yet applied by the server. */
  pending: number;
  /**
   * Of those, how many are stuck: waiting longer than `STUCK_AFTER_MS` after at least
   * `STUCK_AFTER_ATTEMPTS` sends (the server keeps answering "retry", or never answers). The
   * kiosk says so on screen, so staff notice; the entries stay and keep being retried.
   */
  stuck: number;
  /** From the server's `welcome`. */
  role: Role | null;
  centreId: string | null;
}

/** A pending mutation counts as stuck once it is this old… */
export const STUCK_AFTER_MS = 10 * 60_000;
/** …and has been sent at least this many times. */
export const STUCK_AFTER_ATTEMPTS = 3;

export interface AppliedEvent {
  id: string;
  name: MutationName;
  /** The change-log head after the mutation committed. */
  cursor: number;
  /** Mutation-specific detail, e.g. `{ signup: 'waitlisted', position: 3 }`. */
  result: Record<string, unknown> | null;
}

export interface SyncedEvent {
  cursor: number;
  at: Date;
}

export interface SyncEvents {
  status: SyncStatus;
  /** A mutation was refused (final). Also stored in `rejections` until dismissed. */
  rejected: Rejection;
  applied: AppliedEvent;
  /** The cache caught up with the server (a pull ended, or a live push was applied). */
  synced: SyncedEvent;
}
