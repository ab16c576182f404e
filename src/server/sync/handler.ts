import type {
  MutationArgs,
  MutationName,
  RejectionCode,
  RejectionDetail,
  RejectionReason,
} from '../../protocol/index.js';
import type { Principal } from '../auth/principal.js';
import type { StoredMediaKind } from '../media/media-store.js';
import type { Writer } from '../store/writer.js';

/** Thrown by a handler to refuse a mutation; the transaction rolls back and nothing is written. */
export class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly reason?: RejectionReason,
    /** Every mistake, for a mutation that checks many items at once (`meal.import`). */
    readonly details?: RejectionDetail[],
  ) {
    super(message);
  }
}

/** Side effects that happen after commit. */
export type Effect =
  | { kind: 'consent'; residentId: string; wallConsent: boolean | null }
  | { kind: 'revoke-device'; deviceId: string }
  /** A login disabled or its sessions ended: its open sockets close at once. */
  | { kind: 'end-user'; userId: string }
  /** A media file lost a reference (a resident erased): deleted once nothing refers to it. */
  | { kind: 'media-unreferenced'; hash: string };

export interface HandlerContext {
  w: Writer;
  principal: Principal;
  now: Date;
  timeZone: string;
  /** Does the resident currently have wall consent? */
  hasConsent(residentId: string): boolean;
  effect(e: Effect): void;
  newId(): string;
  /**
   * What the media store holds under `hash` (null: nothing), for handlers that must refer only to
   * stored pictures (`album.put`).
   */
  mediaKind(hash: string): Promise<StoredMediaKind | null>;
}

export interface HandlerResult {
  result?: Record<string, unknown>;
}

export type Handler<N extends MutationName> = (
  ctx: HandlerContext,
  args: MutationArgs<N>,
) => Promise<HandlerResult | undefined>;

export type HandlerMap = { [N in MutationName]: Handler<N> };
export type PartialHandlers<K extends MutationName> = { [N in K]: Handler<N> };
