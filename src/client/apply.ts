/**
 * Writing server changes into the cache. A page (a pull answer, or a run of live pushes that
 * follow on from each other) is applied in ONE transaction together with its cursor, so the
 * cache and the cursor can never disagree: after a crash the cache is either before the page
 * (and pulls it again) or after it.
 */
import type { EntityType } from '../domain/model.js';
import type { Change } from '../protocol/index.js';
import type { CacheDb } from './db.js';
import { isEntityType, parseRemote, type RefusedChange } from './remote.js';

/** Rows per bulkPut / bulkDelete call, so one call never holds a huge array of requests. */
export const APPLY_CHUNK = 1000;

/** Chunks handed to IndexedDB and not yet written, at most (see `applyChanges`). */
const CHUNKS_AHEAD = 2;

export interface ApplyOptions {
  /** The page brings the cache up to the server's head: record `lastSyncedAt`. */
  caughtUp: boolean;
  now: Date;
  /**
   * Ids of applied outbox entries whose answer came before this catch-up started: the cache now
   * holds their effect, so their overlay may go (see `OutboxEntry.state`).
   */
  settle?: ReadonlySet<string>;
  /** The view key the page was projected under; stored with the cursor. */
  view: string;
  /**
   * The cursor the transaction before this one leaves, when that one may still be committing
   * (a pull writes its next pages meanwhile). Should the cache not be there when this one runs
   * (that one failed), this one aborts: a cursor never passes rows that were not written.
   */
  after?: number;
}

/** A transaction found the cache elsewhere than the one before it was to leave it. */
export class CursorMovedError extends Error {
  constructor(expected: number, found: number) {
    super(`the cache is at cursor ${found}, not ${expected}: the write before failed`);
    this.name = 'CursorMovedError';
  }
}

interface TableWrites {
  puts: Record<string, unknown>[];
  dels: string[];
}

/**
 * Groups a page's changes by table, keeping only the last change per row: a put then a del of
 * the same row in one page must end deleted, which separate bulkPut/bulkDelete calls would not
 * guarantee on their own. Every put is parsed with its entity's schema (remote.ts); the refused
 * ones are left out and returned.
 */
export function compact(changes: readonly Change[]): {
  writes: Map<EntityType, TableWrites>;
  refused: RefusedChange[];
} {
  const last = new Map<string, Change>();
  for (const c of changes) {
    if (!isEntityType(c.type)) continue; // a type from a newer server: not ours to cache
    last.set(`${c.type}\u0000${c.id}`, c);
  }
  const writes = new Map<EntityType, TableWrites>();
  const refused: RefusedChange[] = [];
  for (const c of last.values()) {
    let w = writes.get(c.type);
    if (!w) {
      w = { puts: [], dels: [] };
      writes.set(c.type, w);
    }
    if (c.op === 'del') w.dels.push(c.id);
    else if (c.data) {
      const parsed = parseRemote(c);
      if (parsed.ok) w.puts.push(parsed.record);
      else refused.push(parsed.refused);
    }
  }
  return { writes, refused };
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += APPLY_CHUNK) out.push(rows.slice(i, i + APPLY_CHUNK));
  return out;
}

/**
 * Applies one page of changes and stores `cursor` and the view key, all in one transaction.
 * Returns the changes refused as unreadable (not written; the caller logs and counts them).
 */
export async function applyChanges(
  db: CacheDb,
  changes: readonly Change[],
  cursor: number,
  opts: ApplyOptions,
): Promise<RefusedChange[]> {
  const { writes, refused } = compact(changes);
  const tables = [...db.cacheTables(), db.outbox];
  await db.transaction('rw', tables, async () => {
    const settle = opts.settle;
    const requests: Promise<unknown>[] = [];
    const after = opts.after;
    if (after !== undefined)
      requests.push(
        db.meta.get('cursor').then((row) => {
          const found = typeof row?.value === 'number' ? row.value : 0;
          if (found !== after) throw new CursorMovedError(after, found);
        }),
      );
    const meta = [
      { key: 'cursor' as const, value: cursor },
      { key: 'view' as const, value: opts.view },
      ...(opts.caughtUp ? [{ key: 'lastSyncedAt' as const, value: opts.now.toISOString() }] : []),
    ];
    requests.push(db.meta.bulkPut(meta));
    requests.push(
      db.outbox
        .filter(
          (e) =>
            e.state === 'applied' &&
            ((e.appliedCursor !== null && e.appliedCursor <= cursor) || !!settle?.has(e.id)),
        )
        .delete(),
    );
    // The rows go in chunks, CHUNKS_AHEAD of them handed to IndexedDB at a time: it always has
    // the next chunk to write while this thread clones the one after (awaiting each chunk left it
    // idle meanwhile), and between chunks this thread is free for the socket, so the next pull
    // page is asked for then and not after the whole transaction is cloned (all at once held it
    // back up to a quarter of a second). Each row is in one table and once (compact), so no two
    // requests touch the same record.
    const ahead: Promise<unknown>[] = [];
    for (const [type, w] of writes) {
      const table = db.cacheTable(type);
      const parts = [
        ...chunks(w.dels).map((part) => (): Promise<unknown> => table.bulkDelete(part)),
        ...chunks(w.puts).map((part) => (): Promise<unknown> => table.bulkPut(part)),
      ];
      for (const write of parts) {
        if (ahead.length >= CHUNKS_AHEAD) await ahead.shift();
        const written = write();
        // Awaited in turn or below; a failure meanwhile aborts the transaction either way.
        written.catch(() => undefined);
        ahead.push(written);
      }
    }
    await Promise.all([...requests, ...ahead]);
  });
  return refused;
}

const STORAGE_LOST = new Set([
  'QuotaExceededError',
  'DatabaseClosedError',
  'InvalidStateError',
  'UnknownError',
  'NotFoundError',
]);

/**
 * True when an error means the storage itself failed (quota exceeded, database evicted or closed
 * under us), as opposed to bad data or a network problem. Dexie wraps the DOM error, so look at
 * the error and what it wraps.
 */
export function isStorageLostError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') return false;
    const { name, inner, cause } = e as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string' && STORAGE_LOST.has(name)) return true;
    e = inner ?? cause;
  }
  return false;
}
