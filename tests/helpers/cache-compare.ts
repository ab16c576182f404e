/**
 * "Its cache equals a fresh full pull": compares every cache table of a client engine with what
 * a full pull from 0 with a token of the same kind of principal gives now.
 */
import { entityTypes } from '../../src/domain/model.js';
import type { CacheDb } from '../../src/client/index.js';
import { readCursor } from '../../src/client/db.js';
import type { Change } from '../../src/protocol/index.js';
import { pullAll, replay, type SyncSocket } from './test-server.js';

export type Rows = Record<string, Record<string, unknown>[]>;

const byId = (a: { id?: unknown }, b: { id?: unknown }): number =>
  String(a.id).localeCompare(String(b.id));

/** The cache tables as sorted rows, empty tables left out. */
export async function cacheRows(db: CacheDb): Promise<Rows> {
  const out: Rows = {};
  for (const type of entityTypes) {
    const rows = (await db.cacheTable(type).toArray()).sort(byId);
    if (rows.length > 0) out[type] = rows;
  }
  return out;
}

/** What a cache built from these changes holds, as `cacheRows` gives it. */
export function rowsOf(changes: readonly Change[]): Rows {
  const out: Rows = {};
  for (const type of entityTypes) {
    const rows = [...replay(changes, type).entries()]
      .map(([id, data]) => ({ ...(data as Record<string, unknown>), id }))
      .sort(byId);
    if (rows.length > 0) out[type] = rows;
  }
  return out;
}

/** A fresh full pull over `socket`: its rows and the head it reached. */
export async function freshPull(socket: SyncSocket): Promise<{ rows: Rows; cursor: number }> {
  const { changes, cursor } = await pullAll(socket);
  return { rows: rowsOf(changes), cursor };
}

/** The cache and its cursor, to compare with `freshPull`. */
export async function cacheState(db: CacheDb): Promise<{ rows: Rows; cursor: number }> {
  return { rows: await cacheRows(db), cursor: await readCursor(db) };
}
