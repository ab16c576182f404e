/**
 * The client side of `resident.unlock`: the result type the UI handles, and a shape check of the
 * server's answer. A PIN check needs the server (the PIN hash never leaves it), so without a
 * connection the answer is `offline` and the UI says it needs the network.
 */
import {
  unlockFailureCodes,
  type ResidentUnlockResult,
  type UnlockFailureCode,
} from '../protocol/index.js';
import { DayItem } from '../domain/model.js';
import { isRecord } from './util.js';

const LenientDayItem = DayItem.strip();

/** The unlocked resident's personal items, each parsed as remote data (remote.ts). */
function personalItems(v: unknown): DayItem[] {
  if (!Array.isArray(v)) return [];
  const out: DayItem[] = [];
  for (const item of v) {
    const parsed = LenientDayItem.safeParse(item);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** The server's answer, or `offline` when it could not be asked (or did not answer in time). */
export type UnlockResult = ResidentUnlockResult | { ok: false; code: 'offline'; message: string };

export type UnlockResultCode = UnlockFailureCode | 'offline';

export const unlockOffline = (message: string): UnlockResult => ({
  ok: false,
  code: 'offline',
  message,
});

/**
 * Reads the server's answer. Anything unrecognised is a refusal (`invalid`), never an unlock:
 * a garbled answer must not open a resident's personal view.
 */
export function parseUnlockResult(v: unknown): UnlockResult {
  if (!isRecord(v)) return { ok: false, code: 'invalid', message: 'The server sent no answer.' };
  if (v.ok === true) return { ok: true, items: personalItems(v.items) };
  const code: UnlockFailureCode = (unlockFailureCodes as readonly unknown[]).includes(v.code)
    ? (v.code as UnlockFailureCode)
    : 'invalid';
  const message = typeof v.message === 'string' ? v.message : code;
  const retry = v.retryAfterSeconds;
  return typeof retry === 'number' && Number.isFinite(retry) && retry >= 0
    ? { ok: false, code, message, retryAfterSeconds: retry }
    : { ok: false, code, message };
}
