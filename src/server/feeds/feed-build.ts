/**
 * One feed request, inside the mutation queue's transaction (MutationService.internal): checks
 * that the address may still answer (the resident exists and consents to the calendar channel;
 * a relative's address only while the relative still has the resident), then reads the
 * resident's events and records what is served (feed-serve.ts); feed-ical.ts writes the text.
 */
import type { Kysely } from 'kysely';
import { legacyConsent } from '../../domain/rules/consent.js';
import type { Database } from '../store/schema.js';
import type { Writer } from '../store/writer.js';
import { residentEvents } from './feed-events.js';
import { serveEvents, type ServedEvent } from './feed-serve.js';
import type { FeedRow } from './feeds.js';

/** What the calendar says, read and recorded inside the transaction. */
export interface FeedContent {
  name: string;
  timeZone: string;
  events: ServedEvent[];
}

/**
 * The calendar's content, or null when the address must answer 404. Only the reading and the
 * SEQUENCE/DTSTAMP bookkeeping run here, inside the write queue; writing the text (`renderFeed`)
 * is left to the caller, after the transaction, so a big feed does not hold up sign-ups.
 */
export async function buildFeed(
  w: Writer,
  feed: FeedRow,
  defaults: { centreId: string; timeZone: string },
): Promise<FeedContent | null> {
  const resident = await w.get('resident', feed.residentId);
  if (!resident) return null;
  const consent = resident.consent ?? legacyConsent(resident.wallConsent);
  if (!consent.calendar.given) return null;
  if (feed.userId !== null) {
    // A relative's address also needs the resident's consent for the relatives' view.
    if (!consent.relatives.given) return null;
    const user = await (w.db as Kysely<Database>)
      .selectFrom('app_user')
      .select(['resident_ids', 'disabled'])
      .where('id', '=', feed.userId)
      .executeTakeFirst();
    const ids = user ? (JSON.parse(user.resident_ids) as string[]) : [];
    if (!user || user.disabled || !ids.includes(feed.residentId)) return null;
  }
  const centre = (await w.list('centre', null))[0];
  const centreId = centre?.id ?? defaults.centreId;
  const timeZone = centre?.timeZone ?? defaults.timeZone;
  const current = await residentEvents(w, resident, centreId, timeZone, w.now);
  const events = await serveEvents(w, resident.id, current);
  return { name: `${resident.displayName} – ${centre?.name ?? 'Citizen Guide'}`, timeZone, events };
}
