/**
 * SEQUENCE, DTSTAMP and cancelled-instead-of-vanished, kept per resident in `feed_event`.
 *
 * Calendar apps match an event by UID and take a copy with a higher SEQUENCE as the newer one;
 * an event that simply disappears from a subscribed feed is silently dropped by some and kept by
 * others. So, each time the feed is served (inside the mutation queue's transaction, so it reads
 * one consistent store and two requests never interleave):
 * - an event seen for the first time is stored with SEQUENCE 0;
 * - an event whose content (times, words, status) differs from what was served last gets
 *   SEQUENCE + 1;
 * - DTSTAMP is the time of the event's last change: the change-log time of the newest of the
 *   records it is made from (the activity, the sign-up, …); when that is not newer than what was
 *   served (the change was elsewhere, e.g. the resident left a group) the time it was noticed;
 * - an event that was served and is now gone (its activity deleted, a day item removed) is sent
 *   as STATUS:CANCELLED with SEQUENCE + 1 for KEEP_MS (30 days), from the copy stored here, then
 *   dropped; so is anything cancelled (a sign-up, a booking) for 30 days after the change.
 * The table holds only what the feed already showed to whoever holds its address; it is erased
 * with the resident (erase.ts via feeds.ts).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Writer } from '../store/writer.js';
import { endedBefore, KEEP_MS, type FeedEvent } from './feed-events.js';

/** An event as served: with its SEQUENCE and DTSTAMP. */
export interface ServedEvent extends FeedEvent {
  sequence: number;
  /** DTSTAMP, a UTC instant. */
  stamp: string;
}

type Db = Kysely<Database>;

const contentHash = (e: FeedEvent): string =>
  createHash('sha256')
    .update(JSON.stringify([e.uid, e.summary, e.description, e.location, e.start, e.end, e.status]))
    .digest('hex');

/** The newest change-log time of each event's records (keyed by uid). */
async function lastChanges(db: Db, events: readonly FeedEvent[]): Promise<Map<string, string>> {
  const byType = new Map<string, Set<string>>();
  for (const e of events)
    for (const r of e.refs) {
      const ids = byType.get(r.type) ?? new Set<string>();
      ids.add(r.id);
      byType.set(r.type, ids);
    }
  const at = new Map<string, string>();
  for (const [type, ids] of byType) {
    const list = [...ids];
    for (let i = 0; i < list.length; i += 500) {
      const rows = await db
        .selectFrom('change_log')
        .select(['entity_id', 'created_at'])
        .where('type', '=', type)
        .where('entity_id', 'in', list.slice(i, i + 500))
        .execute();
      for (const r of rows) at.set(`${type}\u0000${r.entity_id}`, r.created_at);
    }
  }
  const out = new Map<string, string>();
  for (const e of events) {
    let newest = '';
    for (const r of e.refs) {
      const t = at.get(`${r.type}\u0000${r.id}`) ?? '';
      if (t > newest) newest = t;
    }
    if (newest) out.set(e.uid, newest);
  }
  return out;
}

/** Records what is served now and returns the events to send, with SEQUENCE and DTSTAMP. */
export async function serveEvents(
  w: Writer,
  residentId: string,
  current: readonly FeedEvent[],
): Promise<ServedEvent[]> {
  const db = w.db as Db;
  const now = w.now.toISOString();
  const cutoff = w.now.getTime() - KEEP_MS;
  const stored = new Map(
    (
      await db.selectFrom('feed_event').selectAll().where('resident_id', '=', residentId).execute()
    ).map((r) => [r.uid, r]),
  );
  const changed = await lastChanges(db, current);
  const out: ServedEvent[] = [];
  const seen = new Set<string>();
  for (const e of current) {
    const changedAt = changed.get(e.uid) ?? now;
    // Cancelled more than 30 days ago: no longer news (and not sent as gone either).
    if (e.status === 'CANCELLED' && Date.parse(changedAt) < cutoff) continue;
    seen.add(e.uid);
    const hash = contentHash(e);
    const row = stored.get(e.uid);
    const event = JSON.stringify(e);
    if (!row) {
      await db
        .insertInto('feed_event')
        .values({ resident_id: residentId, uid: e.uid, hash, sequence: 0, stamp: changedAt, event })
        .execute();
      out.push({ ...e, sequence: 0, stamp: changedAt });
      continue;
    }
    if (row.hash === hash && row.gone_at === null) {
      out.push({ ...e, sequence: row.sequence, stamp: row.stamp });
      continue;
    }
    const sequence = row.sequence + 1;
    const stamp = changedAt > row.stamp ? changedAt : now;
    await db
      .updateTable('feed_event')
      .set({ hash, sequence, stamp, event, gone_at: null })
      .where('resident_id', '=', residentId)
      .where('uid', '=', e.uid)
      .execute();
    out.push({ ...e, sequence, stamp });
  }
  for (const row of stored.values()) {
    if (seen.has(row.uid)) continue;
    const last = JSON.parse(row.event) as FeedEvent;
    const drop =
      (row.gone_at === null && last.status === 'CANCELLED') ||
      (row.gone_at !== null && Date.parse(row.gone_at) < cutoff) ||
      endedBefore(last, cutoff);
    if (drop) {
      await db
        .deleteFrom('feed_event')
        .where('resident_id', '=', residentId)
        .where('uid', '=', row.uid)
        .execute();
      continue;
    }
    const cancelled: FeedEvent = { ...last, status: 'CANCELLED' };
    if (row.gone_at !== null) {
      out.push({ ...cancelled, sequence: row.sequence, stamp: row.stamp });
      continue;
    }
    // Gone now: the deletion's change-log time when it is there (an activity's tombstone).
    const goneAt = (await lastChanges(db, [last])).get(last.uid);
    const stamp = goneAt !== undefined && goneAt > row.stamp ? goneAt : now;
    const sequence = row.sequence + 1;
    await db
      .updateTable('feed_event')
      .set({
        sequence,
        stamp,
        gone_at: now,
        event: JSON.stringify(cancelled),
        hash: contentHash(cancelled),
      })
      .where('resident_id', '=', residentId)
      .where('uid', '=', row.uid)
      .execute();
    out.push({ ...cancelled, sequence, stamp });
  }
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.uid.localeCompare(b.uid));
}
