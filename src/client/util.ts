/** Small helpers of the sync engine that need no socket and no database. */

/** Optional sink for the engine's diagnostics (pino, the kiosk's log file, a test spy). */
export interface Logger {
  debug?(message: string, detail?: Record<string, unknown>): void;
  info?(message: string, detail?: Record<string, unknown>): void;
  warn?(message: string, detail?: Record<string, unknown>): void;
  error?(message: string, detail?: Record<string, unknown>): void;
}

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half is random, so 200 kiosks
 * that failed at the same moment spread out instead of retrying in step.
 * `attempt` counts from 1.
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
  const exp = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return exp / 2 + random() * (exp / 2);
}

/**
 * A mutation id. `crypto.randomUUID` exists only in secure contexts (https, localhost); a kiosk
 * served over plain http on the centre LAN still has `getRandomValues`, so build a v4 UUID from it.
 */
export function newMutationId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const errorMessage = (err: unknown): string =>
  err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A promise and the function that resolves it (Promise.withResolvers, which Node 20 lacks). */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
