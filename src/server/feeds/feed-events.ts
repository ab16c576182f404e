/**
 * What a resident's calendar feed holds, read from the store inside one transaction: the
 * activities they are signed up for (a waiting-list place as TENTATIVE "venteliste nr. N", a
 * cancelled sign-up as CANCELLED), their bookings (a cancelled or released one as CANCELLED) and
 * their day structure (personal items and their groups', by domain/rules/day-structure's
 * `personalPlan`, the one rule every screen uses). Never anything of another resident: every
 * query is by this resident's id or is a shared record (an activity, a resource, a group's item)
 * reached through one of theirs.
 *
 * Times are instants; the feed writes them as the centre's wall clock with its TZID
 * (feed-ical.ts). Words are Danish, the centre's language.
 */
import type { Activity, DayItem, EntityType, Resident, SignUp } from '../../domain/model.js';
import { personalPlan } from '../../domain/rules/day-structure.js';
import { addDaysToDate, dayBounds, dayOf, zonedInstant } from '../../domain/rules/days.js';
import type { Writer } from '../store/writer.js';

export type FeedStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

/** One event as the feed says it (no SEQUENCE or DTSTAMP yet: feed-serve.ts adds them). */
export interface FeedEvent {
  /** Stable across edits: `activity-<id>@<centre>`, `booking-…`, `dayitem-…`. */
  uid: string;
  summary: string;
  description: string;
  location: string;
  /** UTC instants. `end` null: a point in time (a day item without an end). */
  start: string;
  end: string | null;
  status: FeedStatus;
  /** The records it is made from: their latest change is the event's DTSTAMP. */
  refs: { type: EntityType; id: string }[];
}

/** How long something cancelled (or gone) stays in the feed as CANCELLED, and how far back. */
export const KEEP_MS = 30 * 24 * 60 * 60 * 1000;
/** How far ahead the day structure is sent (activities and bookings: all that are planned). */
const DAY_ITEMS_AHEAD_DAYS = 180;

const ended = (e: Pick<FeedEvent, 'start' | 'end'>, cutoff: number): boolean =>
  Date.parse(e.end ?? e.start) < cutoff;

async function activityEvents(
  w: Writer,
  resident: Resident,
  centreId: string,
  cutoff: number,
): Promise<FeedEvent[]> {
  const out: FeedEvent[] = [];
  const signups: SignUp[] = await w.list('signup', 'resident_id', resident.id);
  for (const s of signups) {
    const a: Activity | undefined = await w.get('activity', s.activityId);
    if (!a) continue;
    // A sign-up cancelled long ago is no news any more.
    if (s.status === 'cancelled' && Date.parse(s.updatedAt) < cutoff) continue;
    const waiting = s.status === 'waitlisted';
    out.push({
      uid: `activity-${a.id}@${centreId}`,
      summary:
        waiting && s.position !== null ? `${a.title} (venteliste nr. ${s.position})` : a.title,
      description: waiting
        ? [`På venteliste som nr. ${s.position ?? '?'}.`, a.description]
            .filter(Boolean)
            .join('\n\n')
        : a.description,
      location: a.place,
      start: a.start,
      end: a.end,
      status: s.status === 'confirmed' ? 'CONFIRMED' : waiting ? 'TENTATIVE' : 'CANCELLED',
      refs: [
        { type: 'activity', id: a.id },
        { type: 'signup', id: s.id },
      ],
    });
  }
  return out;
}

async function bookingEvents(
  w: Writer,
  resident: Resident,
  centreId: string,
): Promise<FeedEvent[]> {
  const out: FeedEvent[] = [];
  for (const b of await w.list('booking', 'resident_id', resident.id)) {
    const resource = await w.get('resource', b.resourceId);
    const name = resource?.name ?? 'Booking';
    out.push({
      uid: `booking-${b.id}@${centreId}`,
      summary: `Booket: ${name}`,
      description: b.releasedAt ? 'Givet fri, da den ikke blev taget i brug.' : '',
      location: '',
      start: b.start,
      end: b.end,
      status: b.status === 'active' ? 'CONFIRMED' : 'CANCELLED',
      refs: [
        { type: 'booking', id: b.id },
        { type: 'resource', id: b.resourceId },
      ],
    });
  }
  return out;
}

async function dayItemEvents(
  w: Writer,
  resident: Resident,
  centreId: string,
  timeZone: string,
  now: Date,
): Promise<FeedEvent[]> {
  const today = dayOf(now, timeZone);
  const from = addDaysToDate(today, -Math.ceil(KEEP_MS / 86_400_000));
  const to = addDaysToDate(today, DAY_ITEMS_AHEAD_DAYS);
  const byDate = new Map<string, DayItem[]>();
  for (const i of await w.list('dayitem', null)) {
    if (i.date < from || i.date > to) continue;
    byDate.set(i.date, [...(byDate.get(i.date) ?? []), i]);
  }
  // One day at a time: the rule merges two houses' same item of the same day, not of every day.
  const plan = [...byDate.values()].flatMap((items) => personalPlan(items, resident));
  return plan.map((i) => {
    const start = zonedInstant(i.date, i.start, timeZone);
    // An end not after the start (e.g. '00:00') means "until the end of the day", as on the wall.
    const end =
      i.end === null
        ? null
        : i.end > i.start
          ? zonedInstant(i.date, i.end, timeZone)
          : dayBounds(i.date, timeZone).end;
    return {
      uid: `dayitem-${i.id}@${centreId}`,
      summary: i.title,
      description: '',
      location: '',
      start: start.toISOString(),
      end: end?.toISOString() ?? null,
      status: 'CONFIRMED' as const,
      refs: [{ type: 'dayitem' as const, id: i.id }],
    };
  });
}

/** The resident's events now: what has not ended more than KEEP_MS ago. */
export async function residentEvents(
  w: Writer,
  resident: Resident,
  centreId: string,
  timeZone: string,
  now: Date,
): Promise<FeedEvent[]> {
  const cutoff = now.getTime() - KEEP_MS;
  const all = [
    ...(await activityEvents(w, resident, centreId, cutoff)),
    ...(await bookingEvents(w, resident, centreId)),
    ...(await dayItemEvents(w, resident, centreId, timeZone, now)),
  ];
  return all.filter((e) => !ended(e, cutoff)).sort((a, b) => a.start.localeCompare(b.start));
}

export const endedBefore = ended;
