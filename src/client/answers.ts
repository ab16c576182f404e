/**
 * Shape checks for what the server sends. The server is ours, but a proxy, an older or newer
 * server, or a bug may send anything; the engine must never write garbage into the cache or
 * mistake garbage for a final answer.
 */
import { Role, type Role as RoleT } from '../domain/model.js';
import type {
  Applied,
  Change,
  ChangesPush,
  PullResult,
  Rejected,
  RejectionCode,
  RejectionReason,
  RetryCode,
  RetryLater,
} from '../protocol/index.js';
import { rejectionCodes, rejectionReasons, retryCodes } from '../protocol/index.js';
import { isRecord } from './util.js';

const isSeq = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function isChange(v: unknown): v is Change {
  if (!isRecord(v)) return false;
  return (
    isSeq(v.seq) &&
    typeof v.type === 'string' &&
    typeof v.id === 'string' &&
    (v.op === 'del' || (v.op === 'put' && isRecord(v.data)))
  );
}

const isChanges = (v: unknown): v is Change[] => Array.isArray(v) && v.every(isChange);

export const isPullResult = (v: unknown): v is PullResult =>
  isRecord(v) &&
  isSeq(v.cursor) &&
  typeof v.more === 'boolean' &&
  typeof v.view === 'string' &&
  isChanges(v.changes);

export const isChangesPush = (v: unknown): v is ChangesPush =>
  isRecord(v) &&
  isSeq(v.after) &&
  isSeq(v.cursor) &&
  typeof v.view === 'string' &&
  isChanges(v.changes);

export const isApplied = (v: unknown): v is Applied =>
  isRecord(v) && v.status === 'applied' && isSeq(v.cursor);

/**
 * A rejection with a code this client knows. An unknown code (a newer server) is still final:
 * it is recorded as `invalid` with the server's message, rather than retried forever.
 */
export function asRejected(v: unknown): Rejected | null {
  if (!isRecord(v) || v.status !== 'rejected') return null;
  const code: RejectionCode = (rejectionCodes as readonly unknown[]).includes(v.code)
    ? (v.code as RejectionCode)
    : 'invalid';
  const message = typeof v.message === 'string' ? v.message : String(v.code);
  const reason = (rejectionReasons as readonly unknown[]).includes(v.reason)
    ? (v.reason as RejectionReason)
    : undefined;
  return reason
    ? { status: 'rejected', code, message, reason }
    : { status: 'rejected', code, message };
}

export interface WelcomeFacts {
  role: RoleT;
  centreId: string;
  identity: string;
  head: number;
}

/**
 * The server's "not now, send it again" (`status: "retry"`): never final. An unknown code is
 * read as `internal`; a missing or nonsensical `retryAfterMs` as 0 (the client's own backoff
 * still applies).
 */
export function asRetry(v: unknown): RetryLater | null {
  if (!isRecord(v) || v.status !== 'retry') return null;
  const code: RetryCode = (retryCodes as readonly unknown[]).includes(v.code)
    ? (v.code as RetryCode)
    : 'internal';
  const wait = v.retryAfterMs;
  return {
    status: 'retry',
    code,
    message: typeof v.message === 'string' ? v.message : code,
    retryAfterMs:
      typeof wait === 'number' && Number.isFinite(wait) && wait > 0 ? Math.min(wait, 3_600_000) : 0,
  };
}

export function parseWelcome(v: unknown): WelcomeFacts | null {
  if (!isRecord(v) || typeof v.centreId !== 'string') return null;
  if (typeof v.identity !== 'string' || !isSeq(v.head)) return null;
  const role = Role.safeParse(v.role);
  return role.success
    ? { role: role.data, centreId: v.centreId, identity: v.identity, head: v.head }
    : null;
}
