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
import type { Rejected, RejectionCode, RejectionReason } from './errors.js';
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
}

export const MutateRequest = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1).max(60),
  args: z.record(z.string(), z.unknown()),
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
export type MutateResult = Applied | Rejected;

export interface Welcome {
  protocol: typeof PROTOCOL_VERSION;
  role: Role;
  centreId: string;
  serverTime: string;
}

export interface ChangesPush {
  /** The cursor a client must hold for this push to follow on; otherwise it pulls. */
  after: number;
  cursor: number;
  changes: Change[];
}

export interface ResetNotice {
  reason: 'visibility_changed' | 'role_changed' | 'server_restored';
}

export interface ClientToServerEvents {
  pull: (req: PullRequest, ack: (res: PullResult | Rejected) => void) => void;
  mutate: (req: MutateRequest, ack: (res: MutateResult) => void) => void;
  /** Checks a resident's PIN before a kiosk opens their personal view (see `unlock.ts`). */
  'resident.unlock': (req: ResidentUnlockRequest, ack: (res: ResidentUnlockResult) => void) => void;
}

export interface ServerToClientEvents {
  welcome: (w: Welcome) => void;
  changes: (push: ChangesPush) => void;
  reset: (notice: ResetNotice) => void;
}

export type { Rejected, RejectionCode, RejectionReason };
