/**
 * The socket.io event maps of protocol v1, written once and used by both ends:
 * the server is `Server<ClientToServerEvents, ServerToClientEvents>` and a client is
 * `Socket<ServerToClientEvents, ClientToServerEvents>`.
 *
 * The argument types say what a well-behaved peer sends; the server still validates every payload
 * with the schemas below, because a peer may be anything.
 */
import { z } from 'zod';
import type { Role } from '../domain/model.js';
import { Id, entityTypes, type EntityType } from '../domain/model.js';
import type { Rejected, RejectionCode, RejectionReason, RetryLater } from './errors.js';
import type { KioskHealth, KioskHealthAck, KioskReloadNotice } from './kiosk-health.js';
import type { ResidentUnlockRequest, ResidentUnlockResult } from './unlock.js';
import type { PROTOCOL_VERSION } from './version.js';
import { PULL_MAX_LIMIT } from './version.js';

/** Handshake `auth` object. */
export const HandshakeAuth = z.object({
  token: z.string().min(1).max(200),
  protocol: z.number().int(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/**
 * One entry of the change log as a client sees it.
 * `seq` rises strictly across the whole server; a client only receives the changes it may see,
 * so the seqs it receives have gaps. `data` is the full record for `put` and absent for `del`.
 */
export const Change = z.object({
  seq: z.number().int().min(1),
  type: z.enum(entityTypes as [EntityType, ...EntityType[]]),
  id: Id,
  op: z.enum(['put', 'del']),
  data: z.record(z.string(), z.unknown()).optional(),
});
export interface Change {
  seq: number;
  type: EntityType;
  id: string;
  op: 'put' | 'del';
  data?: Record<string, unknown>;
}

export const PullRequest = z.strictObject({
  since: z.number().int().min(0),
  limit: z.number().int().min(1).max(PULL_MAX_LIMIT).optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export interface PullResult {
  changes: Change[];
  /** The client stores this and sends it as `since` next time. */
  cursor: number;
  /** True when more changes wait: pull again from `cursor` straight away. */
  more: boolean;
  /**
   * The view key: changes whenever what this client may see changes other than through the log
   * (consent, PINs, groups, a restored database). A client stores it with its cache; a page
   * with another key than the stored one means: drop the cache (never the outbox), pull from 0.
   */
  view: string;
}

export const MutateRequest = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1).max(60),
  // Checked as a plain object WITHOUT copying it: `z.record` builds a new object by assignment,
  // and assigning a `__proto__` key sets the copy's prototype instead, silently dropping the
  // key before the strict `args` schema could refuse it.
  args: z.custom<Record<string, unknown>>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null),
    'args must be an object',
  ),
});
export interface MutateRequest {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

export interface Applied {
  status: 'applied';
  /** The change-log head after this mutation committed. */
  cursor: number;
  /** Mutation-specific detail, e.g. `{ signup: 'waitlisted', position: 3 }` for `signup.add`. */
  result?: Record<string, unknown>;
}
/** `RetryLater` is not final: keep the mutation and send the same id again (errors.ts). */
export type MutateResult = Applied | Rejected | RetryLater;

export interface Welcome {
  protocol: typeof PROTOCOL_VERSION;
  role: Role;
  centreId: string;
  serverTime: string;
  /**
   * The database's identity, new after a restore from backup: a client whose stored identity
   * differs drops its cache (never its outbox) and pulls from 0.
   */
  identity: string;
  /** The change-log head now; a client whose cursor is above it also starts over. */
  head: number;
}

export interface ChangesPush {
  /** The cursor a client must hold for this push to follow on; otherwise it pulls. */
  after: number;
  cursor: number;
  changes: Change[];
  /** The view key the changes were projected under (see `PullResult.view`). */
  view: string;
}

export interface ResetNotice {
  reason: 'visibility_changed' | 'role_changed' | 'server_restored';
  /** The new view key: a client that already holds it has nothing to redo. */
  view?: string;
}

export interface ClientToServerEvents {
  pull: (req: PullRequest, ack: (res: PullResult | Rejected | RetryLater) => void) => void;
  mutate: (req: MutateRequest, ack: (res: MutateResult) => void) => void;
  /** Checks a resident's PIN before a kiosk opens their personal view (see `unlock.ts`). */
  'resident.unlock': (req: ResidentUnlockRequest, ack: (res: ResidentUnlockResult) => void) => void;
  /** A kiosk's shell health for the staff admin (kiosk-health.ts); kiosks only. */
  'kiosk.health': (req: KioskHealth, ack: (res: KioskHealthAck) => void) => void;
}

export interface ServerToClientEvents {
  welcome: (w: Welcome) => void;
  changes: (push: ChangesPush) => void;
  reset: (notice: ResetNotice) => void;
  /** Staff asked this kiosk to reload its page (kiosk-health.ts). */
  'kiosk.reload': (notice: KioskReloadNotice) => void;
}

export type { Rejected, RejectionCode, RejectionReason, RetryLater };
