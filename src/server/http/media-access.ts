/**
 * Who may fetch `/media/<hash>`: a principal who may see an entity that refers to the blob
 * (DESIGN.md, "Security and privacy"). Staff may fetch every blob (they see everything, and a
 * photo just uploaded is referred to by nothing yet). Everyone else goes through the same
 * projection as pull and push (`sync/visibility.ts`): the entity's row in the change log, as this
 * viewer would receive it, must still be a put that names the hash. So a kiosk gets a resident's
 * photo only with wall consent, a relative only their own residents' photos, and a photo the
 * viewer would not be sent in a record is never sent as bytes either.
 */
import type { Kysely } from 'kysely';
import type { EntityType } from '../../domain/model.js';
import { isStaff, type Principal } from '../auth/principal.js';
import { mediaHashesOf } from '../media/media-refs.js';
import type { Database } from '../store/schema.js';
import type { LoggedChange } from '../store/writer.js';
import { project, viewerOf, type VisibilityFacts } from '../sync/visibility.js';

export async function mayFetchMedia(
  db: Kysely<Database>,
  principal: Principal,
  hash: string,
  facts: VisibilityFacts,
): Promise<boolean> {
  if (isStaff(principal)) return true;
  const refs = await db
    .selectFrom('media_ref')
    .select(['entity_type', 'entity_id'])
    .where('hash', '=', hash)
    .execute();
  if (refs.length === 0) return false;
  const viewer = viewerOf(principal);
  for (const ref of refs) {
    const row = await db
      .selectFrom('change_log')
      .select(['seq', 'type', 'entity_id', 'op', 'data', 'resident_id'])
      .where('type', '=', ref.entity_type)
      .where('entity_id', '=', ref.entity_id)
      .executeTakeFirst();
    if (!row || row.op !== 'put' || row.data === null) continue;
    const change: LoggedChange = {
      seq: Number(row.seq),
      type: row.type as EntityType,
      id: row.entity_id,
      op: row.op,
      data: JSON.parse(row.data) as Record<string, unknown>,
      residentId: row.resident_id,
    };
    const seen = project(change, viewer, facts);
    if (seen?.op === 'put' && mediaHashesOf(seen.type, seen.data).includes(hash)) return true;
  }
  return false;
}
