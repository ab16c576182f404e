import type { Kysely } from 'kysely';
import type { EntityType } from '../../domain/model.js';
import type { Change, PullResult } from '../../protocol/index.js';
import type { Database } from '../store/schema.js';
import { readHead } from '../store/store.js';
import type { LoggedChange } from '../store/writer.js';
import { project, type Viewer, type VisibilityFacts } from './visibility.js';

/** Rows scanned per query; a kiosk filters some out, so it may scan more than it sends. */
const SCAN_BATCH = 2000;
/** A page never grows past this many bytes of JSON, whatever `limit` says (failure case 8). */
export const MAX_PAGE_BYTES = 512 * 1024;
/** Room for the page around its changes: `{"changes":[…],"cursor":…,"more":false}`. */
const PAGE_ENVELOPE_BYTES = 64;

export function rowToChange(row: {
  seq: number | string;
  type: string;
  entity_id: string;
  op: 'put' | 'del';
  data: string | null;
  resident_id: string | null;
}): LoggedChange {
  const c: LoggedChange = {
    seq: Number(row.seq),
    type: row.type as EntityType,
    id: row.entity_id,
    op: row.op,
    residentId: row.resident_id,
  };
  if (row.data !== null) c.data = JSON.parse(row.data) as Record<string, unknown>;
  return c;
}

/** `,"data":` between a change's other fields and its data, as JSON.stringify writes it. */
const DATA_KEY_BYTES = Buffer.byteLength(',"data":', 'utf8');

/**
 * The UTF-8 bytes of `visible` as JSON. When the projection passed the stored data on as it is
 * (the common case), its size is the stored text's, so only the few fields around it are
 * serialised: stringifying every row of a first sync for its size was about a fifth of the
 * server's time for the pull. The stored text is JSON.stringify's (SQLite) or PostgreSQL's
 * jsonb text, which may have spaces: at most an overestimate, so a page is never over the cap.
 */
export function sizeOf(visible: Change, stored: LoggedChange, text: string | null): number {
  if (text === null || visible.data === undefined || visible.data !== stored.data)
    return Buffer.byteLength(JSON.stringify(visible), 'utf8');
  const { data: _data, ...around } = visible;
  return (
    Buffer.byteLength(JSON.stringify(around), 'utf8') +
    DATA_KEY_BYTES +
    Buffer.byteLength(text, 'utf8')
  );
}

/**
 * The change log's rows after `after` up to `head`, in seq order, at most `limit`: what a pull
 * scans and what a node reads to push another node's commits (cluster/change-feed.ts).
 */
export function readLog(db: Kysely<Database>, after: number, head: number, limit: number) {
  return db
    .selectFrom('change_log')
    .select(['seq', 'type', 'entity_id', 'op', 'data', 'resident_id'])
    .where('seq', '>', after)
    .where('seq', '<=', head)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/**
 * The visible changes after `since`, at most `limit` of them and at most MAX_PAGE_BYTES.
 * The returned cursor is the last seq *scanned*, not the last one sent, so filtered-out changes
 * are never scanned twice; when nothing is left it is the head read at the start.
 */
export async function pullChanges(
  db: Kysely<Database>,
  since: number,
  limit: number,
  viewer: Viewer,
  facts: VisibilityFacts,
  /** The view key of `viewer` under `facts` (view-key.ts): every page carries it. */
  view: string,
): Promise<PullResult> {
  const head = await readHead(db);
  const changes: Change[] = [];
  let bytes = 0;
  let scanned = since;
  // The first scan reads one row more than a page holds: where every change is visible (a
  // kiosk's first sync) that is the whole page and the row that says there is more. Scanning
  // SCAN_BATCH rows for a page of 500 read and parsed four times the rows it sent.
  let batch = Math.min(limit + 1, SCAN_BATCH);
  for (;;) {
    const rows = await readLog(db, scanned, head, batch);
    for (const row of rows) {
      const stored = rowToChange(row);
      const visible = project(stored, viewer, facts);
      if (visible) {
        // UTF-8 bytes of the change as sent (plus its comma), not characters: Danish text has
        // two-byte letters, and a kiosk's projection may differ from the stored row.
        const size = sizeOf(visible, stored, row.data) + 1;
        if (
          changes.length > 0 &&
          (changes.length >= limit || bytes + size > MAX_PAGE_BYTES - PAGE_ENVELOPE_BYTES)
        ) {
          return { changes, cursor: scanned, more: true, view };
        }
        changes.push(visible);
        bytes += size;
      }
      scanned = Number(row.seq);
    }
    if (rows.length < batch) return { changes, cursor: head, more: false, view };
    batch = SCAN_BATCH;
  }
}
