/**
 * A resident's feed as an RFC 5545 calendar, written by ical-generator: a VTIMEZONE for the
 * centre's zone (from @touch4it/ical-timezones), every event as the centre's wall clock with its
 * TZID (TZDate from @date-fns/tz, which ical-generator reads in its own zone; in UTC the few in
 * the hour clocks go back, which happens twice), stable UIDs,
 * SEQUENCE and DTSTAMP from feed-serve.ts, and STATUS (CONFIRMED, TENTATIVE, CANCELLED).
 */
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { toWallClock } from '../../domain/rules/days.js';
import type { FeedStatus } from './feed-events.js';
import type { ServedEvent } from './feed-serve.js';

const STATUS: Record<FeedStatus, ICalEventStatus> = {
  CONFIRMED: ICalEventStatus.CONFIRMED,
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CANCELLED: ICalEventStatus.CANCELLED,
};

/** How often a calendar app should fetch again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_S = 60 * 60;

/** `20261025T013000Z`: a UTC DATE-TIME. */
const utcStamp = (instant: string): string =>
  new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * ical-generator 10.2 writes DTSTAMP in the calendar's time zone without a `Z` once the calendar
 * has one (a floating time; RFC 5545 §3.8.7.2 says DTSTAMP is UTC). The events are written in
 * the order given, so the n-th DTSTAMP line is the n-th event's: written again here in UTC.
 */
function stampsInUtc(text: string, events: readonly ServedEvent[]): string {
  let n = 0;
  return text.replace(/^DTSTAMP:[^\r\n]*/gm, (line) => {
    const e = events[n++];
    return e ? `DTSTAMP:${utcStamp(e.stamp)}` : line;
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Does `instant`'s wall clock happen twice (the hour clocks go back)? Written as wall clock with
 * TZID it could mean either: RFC 5545 §3.3.5 says the first, and ical.js and python-icalendar
 * both read the second. The offsets a day either side bracket any change near it.
 */
function inFold(instant: string, timeZone: string): boolean {
  const ms = Date.parse(instant);
  const wall = toWallClock(instant, timeZone);
  for (const probe of [ms - DAY_MS, ms + DAY_MS]) {
    const other = wall - (toWallClock(new Date(probe), timeZone) - probe);
    if (other !== ms && toWallClock(new Date(other), timeZone) === wall) return true;
  }
  return false;
}

/**
 * The n-th event's DTSTART/DTEND in UTC where its wall clock happens twice (`inFold`): there the
 * zone's wall clock cannot say which of the two is meant, UTC can.
 */
function foldsInUtc(text: string, events: readonly ServedEvent[], timeZone: string): string {
  let n = -1;
  return text.replace(
    /^(BEGIN:VEVENT|DTSTART;TZID=[^:\r\n]*:[^\r\n]*|DTEND;TZID=[^:\r\n]*:[^\r\n]*)/gm,
    (line) => {
      if (line === 'BEGIN:VEVENT') {
        n += 1;
        return line;
      }
      const e = events[n];
      const start = line.startsWith('DTSTART');
      const instant = e ? (start ? e.start : e.end) : null;
      if (!instant || !inFold(instant, timeZone)) return line;
      return `${start ? 'DTSTART' : 'DTEND'}:${utcStamp(instant)}`;
    },
  );
}

export function renderFeed(opts: {
  name: string;
  timeZone: string;
  events: readonly ServedEvent[];
}): string {
  const { name, timeZone, events } = opts;
  const cal = ical({
    name,
    prodId: { company: 'Citizen Guide', product: 'Kalender', language: 'DA' },
    ttl: REFRESH_S,
  });
  cal.timezone({ name: timeZone, generator: getVtimezoneComponent });
  for (const e of events)
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: new Date(e.stamp),
      start: new TZDate(e.start, timeZone),
      end: e.end === null ? null : new TZDate(e.end, timeZone),
      timezone: timeZone,
      summary: e.summary,
      description: e.description || null,
      location: e.location || null,
      status: STATUS[e.status],
    });
  return foldsInUtc(stampsInUtc(cal.toString(), events), events, timeZone);
}
