/**
 * The generic optimistic overlay for every `<kind>.put` / `<kind>.del`: what a staff screen
 * shows is the cache (the server's truth) with the outbox's pending puts and deletes laid over
 * it, so an edit shows the moment it is saved, even offline. A refused mutation leaves the
 * outbox (and lands in `rejections`), so the row goes back to the server's version by itself and
 * the screen says why from the rejection.
 *
 * A put's args are the entity as staff wrote it; fields the server derives (an activity's
 * counts) are kept from the cached row, or absent for a row the server has not seen yet.
 */
import type { MutationName } from '../protocol/index.js';
import type { OutboxEntry } from './db.js';
import { pendingFor } from './overlay.js';

/** `put`: a save is pending; `del`: a delete is pending; null: the row is the server's. */
export type EditMark = 'put' | 'del' | null;

export type Overlaid<T> = T & { pending: EditMark };

/** The entity kinds edited by `<kind>.put` and `<kind>.del` (or `.put` alone). */
export type EditableKind = {
  [N in MutationName]: N extends `${infer K}.put` ? K : never;
}[MutationName];

/**
 * Cached rows of one kind with the pending edits over them, in the cache's order; rows that exist
 * only in the outbox come last, in outbox order. A pending delete keeps the row, marked `del`
 * (the screen decides to hide it or show it struck through with "undo"), unless `hideDeleted`.
 */
export function overlayEntities<T extends { id: string }>(
  kind: EditableKind,
  rows: readonly T[],
  outbox: readonly OutboxEntry[],
  opts: { hideDeleted?: boolean } = {},
): Overlaid<T>[] {
  const put = `${kind}.put` as MutationName;
  const del = `${kind}.del` as MutationName;
  const latest = new Map<string, OutboxEntry>();
  for (const e of pendingFor(outbox, put, del)) {
    const id = (e.args as { id?: unknown }).id;
    if (typeof id === 'string') latest.set(id, e);
  }
  const out: Overlaid<T>[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.id);
    const e = latest.get(row.id);
    if (!e) out.push({ ...row, pending: null });
    else if (e.name === del) {
      if (!opts.hideDeleted) out.push({ ...row, pending: 'del' });
    } else out.push({ ...row, ...(e.args as Partial<T>), pending: 'put' });
  }
  for (const [id, e] of latest)
    if (!seen.has(id) && e.name === put) out.push({ ...(e.args as unknown as T), pending: 'put' });
  return out;
}

/** A row without the overlay's `pending` mark: the entity again, e.g. as a mutation's args. */
export function withoutPending<T extends object>(row: T & { pending?: EditMark }): T {
  const { pending: _pending, ...rest } = row;
  return rest as T;
}
