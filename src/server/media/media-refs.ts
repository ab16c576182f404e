/**
 * Which entities refer to which media blob. A photo is served only to a principal who may see an
 * entity that refers to it (DESIGN.md, "Security and privacy"), so the server keeps the relation
 * `media_ref (hash, entity_type, entity_id)`, written in the same transaction as the entity
 * (store/writer.ts put/del) so it can never disagree with the data.
 */
import { sql, type Kysely, type Migration, type Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import { MEDIA_HASH } from './media-store.js';

/** The entity types that can refer to media, and where. */
export const MEDIA_ENTITY_TYPES = ['resident', 'meal', 'news', 'shift', 'album'] as const;
type MediaEntityType = (typeof MEDIA_ENTITY_TYPES)[number];

const isMediaEntity = (type: string): type is MediaEntityType =>
  (MEDIA_ENTITY_TYPES as readonly string[]).includes(type);

/**
 * The media hashes a record refers to: `photo` (resident, meal, shift), `media[].hash` and
 * `media[].poster` (news; no news had a poster before the media-ref migration shipped, so it
 * still finds what it found then), `photos[].hash` (album).
 */
export function mediaHashesOf(type: string, record: Record<string, unknown> | undefined): string[] {
  if (!record || !isMediaEntity(type)) return [];
  const found = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string' && MEDIA_HASH.test(v)) found.add(v);
  };
  if (type === 'album') {
    if (Array.isArray(record.photos))
      for (const p of record.photos as unknown[])
        if (p && typeof p === 'object') add((p as Record<string, unknown>).hash);
  } else if (type === 'news') {
    if (Array.isArray(record.media))
      for (const m of record.media as unknown[])
        if (m && typeof m === 'object') {
          add((m as Record<string, unknown>).hash);
          add((m as Record<string, unknown>).poster);
        }
  } else add(record.photo);
  return [...found];
}

type Db = Kysely<Database> | Transaction<Database>;

/** Replaces the references of one entity: its record now (`undefined` after a delete). */
export async function writeMediaRefs(
  db: Db,
  type: string,
  id: string,
  record: Record<string, unknown> | undefined,
): Promise<void> {
  if (!isMediaEntity(type)) return;
  const k = db as Kysely<Database>;
  await k
    .deleteFrom('media_ref')
    .where('entity_type', '=', type)
    .where('entity_id', '=', id)
    .execute();
  const hashes = mediaHashesOf(type, record);
  if (hashes.length > 0)
    await k
      .insertInto('media_ref')
      .values(hashes.map((hash) => ({ hash, entity_type: type, entity_id: id })))
      .execute();
}

/**
 * The migration that adds `media_ref` and fills it from the entities already stored. Written
 * out here beside the rule it follows; like every migration it must keep doing what it did when
 * it shipped.
 */
export const mediaRefMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('media_ref')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('media_ref_pk', ['hash', 'entity_type', 'entity_id'])
      .execute();
    await db.schema
      .createIndex('media_ref_entity_idx')
      .on('media_ref')
      .columns(['entity_type', 'entity_id'])
      .execute();
    // The types as they were when this migration shipped: an older database has no album table
    // yet at this point (albums came later and begin with their refs written by the writer).
    for (const type of ['resident', 'meal', 'news', 'shift']) {
      const rows = await sql<{ id: string; data: string }>`
        select id, data from ${sql.table(type)}`.execute(db);
      for (const row of rows.rows) {
        let record: Record<string, unknown> | undefined;
        try {
          record = JSON.parse(row.data) as Record<string, unknown>;
        } catch {
          continue;
        }
        for (const hash of mediaHashesOf(type, record))
          await sql`insert into media_ref (hash, entity_type, entity_id)
            values (${hash}, ${type}, ${row.id})`.execute(db);
      }
    }
  },
};
