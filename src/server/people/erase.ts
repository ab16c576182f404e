/**
 * GDPR erasure of one resident, inside the `resident.erase` mutation's transaction: every record
 * about them is deleted through the Writer, so each leaves a tombstone in the change log (which
 * also replaces the record's last version there) and every cache that held it forgets it; their
 * photo loses its reference with the resident record (media-refs). What is not an entity goes too:
 * the PIN hash, the consent history, relatives' links (a relative left with nobody loses access),
 * invitations naming them, and the details of audit rows about them (the rows stay: who did
 * what and when, without the personal data).
 *
 * Generic over the entity types: any record with a `residentId` is theirs, so a new entity kind
 * is erased without touching this file.
 */
import { entityTypes } from '../../domain/model.js';
import type { HandlerContext } from '../sync/handler.js';
import { rebalanceActivity } from '../sync/handlers/signups.js';
import { relativesOf, setRelativeResidents } from './relatives.js';
import { forgetResidentFeeds } from '../feeds/feeds.js';

/** Records that hold a resident's id under `residentId`. */
const isTheirs = (record: Record<string, unknown>, residentId: string): boolean =>
  record.residentId === residentId;

/** Erases; returns the relatives whose access changed (their sockets must close). */
export async function eraseResident(ctx: HandlerContext, residentId: string): Promise<string[]> {
  const { w } = ctx;
  // First: the relatives' unlinking below would otherwise stop (and so write again) the feeds
  // whose entities the loop deletes.
  await forgetResidentFeeds(w, residentId);
  const activities = new Set<string>();
  for (const type of entityTypes) {
    if (type === 'resident') continue;
    const rows = (await w.list(type, null)) as unknown as Record<string, unknown>[];
    for (const record of rows) {
      if (!isTheirs(record, residentId)) continue;
      if (type === 'signup' && typeof record.activityId === 'string')
        activities.add(record.activityId);
      await w.del(type, String(record.id), residentId);
    }
  }
  // Their place is free: counts follow, and the first on the waiting list moves up.
  for (const id of activities) {
    const activity = await w.get('activity', id);
    if (activity) await rebalanceActivity(ctx, activity);
  }

  for (const inv of await w.list('invitation', null)) {
    if (!inv.residentIds.includes(residentId)) continue;
    const rest = inv.residentIds.filter((id) => id !== residentId);
    if (rest.length === 0) {
      await w.db.deleteFrom('invitation_token').where('invite_id', '=', inv.id).execute();
      await w.del('invitation', inv.id);
    } else await w.put('invitation', { ...inv, residentIds: rest });
  }
  const ended: string[] = [];
  for (const user of await relativesOf(w, residentId)) {
    const ids = (JSON.parse(user.resident_ids) as string[]).filter((id) => id !== residentId);
    await setRelativeResidents(w, user, ids);
    ended.push(user.id);
  }

  await w.db.deleteFrom('resident_secret').where('resident_id', '=', residentId).execute();
  await w.db.deleteFrom('consent_event').where('resident_id', '=', residentId).execute();
  // resident.put rows hold the name, photo and consent as sent: keep the fact, not the data.
  await w.db
    .updateTable('audit')
    .set({ detail: JSON.stringify({ erased: true }) })
    .where('entity_type', '=', 'resident')
    .where('entity_id', '=', residentId)
    .execute();
  await w.del('resident', residentId, residentId);
  return ended;
}
