/**
 * Expanding a recurring activity into its occurrences, with the `rrule` package (RFC 5545).
 *
 * People think of a weekly activity as "Tuesdays 10:00–11:00", not "every 168 hours": after the
 * clocks change in October the singing is still at 10:00 on the wall clock, so its UTC instant
 * moves by an hour. We therefore hand `rrule` the centre's WALL CLOCK as a floating time (its
 * "UTC" fields read as local), let it step the calendar, and convert each reading back to an
 * instant in the centre's zone (DST-aware, see `fromWallClock` in days.ts). `rrule`'s own TZID
 * support would use the zone of the machine running it, which a kiosk and a server need not share.
 */
import * as rruleModule from 'rrule';
import type { Recurrence } from '../model.js';
import { dayOf, fromWallClock, toWallClock } from './days.js';
import { MAX_COUNT, ruleParts, type RuleParts } from './recurrence-rule.js';

// rrule 2.8 ships CommonJS to Node (where its exports sit on `default`) and ESM to bundlers.
const rrule: typeof rruleModule =
  'RRule' in rruleModule && rruleModule.RRule !== undefined
    ? rruleModule
    : (Reflect.get(rruleModule, 'default') as typeof rruleModule);

export interface Occurrence {
  /** UTC instant, ISO 8601 with Z. */
  start: string;
  /** UTC instant, ISO 8601 with Z. */
  end: string;
  /** The centre-local day the occurrence starts on. */
  date: string;
}

const FREQ = { DAILY: 3, WEEKLY: 2, MONTHLY: 1 } as const; // rrule's Frequency numbers

function toRRule(parts: RuleParts, wallStart: number): rruleModule.RRule {
  const { RRule, Weekday } = rrule;
  return new RRule({
    freq: FREQ[parts.freq],
    interval: parts.interval,
    dtstart: new Date(wallStart),
    wkst: 0, // Monday, in rrule's numbering
    // rrule numbers weekdays from Monday (0) to Sunday (6); ours from Sunday (0).
    byweekday:
      parts.byDay.length > 0
        ? parts.byDay.map((d) => new Weekday((d.weekday + 6) % 7, d.nth ?? undefined))
        : null,
    bymonthday: parts.byMonthDay.length > 0 ? parts.byMonthDay : null,
    until: parts.until === null ? null : new Date(Date.parse(`${parts.until}T23:59:59.999Z`)),
    count: null,
  });
}

/**
 * The occurrences of `rule` from the activity `start`–`end`: at the same wall-clock start and end
 * times, up to and including the local day UNTIL, or COUNT in all, and at most `maxOccurrences`
 * (260, five years of a weekly rule; a guard against a runaway series).
 *
 * The first occurrence is always the given start/end itself, even if the rule would not produce
 * it (a "first Monday" rule on a Tuesday, an UNTIL before it): the activity the series was made
 * from exists whatever its rule says, and COUNT counts it.
 *
 * The end keeps its wall-clock time too (10:00–11:00 stays 10:00–11:00), so an occurrence that
 * spans a DST change in the night is an hour longer or shorter in real time, as the clock says.
 * Should that ever make an end fall at or before its start, the original real duration is kept.
 */
export function expandRecurrence(
  start: string,
  end: string,
  recurrence: Recurrence,
  timeZone: string,
  maxOccurrences = MAX_COUNT,
): Occurrence[] {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
    throw new RangeError(`Not an instant: ${Number.isNaN(startMs) ? start : end}`);
  }
  if (endMs < startMs) throw new RangeError(`The end ${end} is before the start ${start}`);
  const parts = ruleParts(recurrence);
  if (!Number.isInteger(parts.interval) || parts.interval < 1) {
    throw new RangeError(`Not a valid interval: ${parts.interval}`);
  }

  const limit = Math.min(maxOccurrences, parts.count ?? MAX_COUNT);
  const out: Occurrence[] = [];
  if (limit < 1) return out;
  const first = new Date(startMs);
  out.push({
    start: first.toISOString(),
    end: new Date(endMs).toISOString(),
    date: dayOf(first, timeZone),
  });

  const startWall = toWallClock(first, timeZone);
  const wallLength = toWallClock(new Date(endMs), timeZone) - startWall;
  const walls = toRRule(parts, startWall).all((d, i) => i < limit + 1);
  for (const wallDate of walls) {
    if (out.length >= limit) break;
    const wall = wallDate.getTime();
    if (wall <= startWall) continue; // the start itself is already the first
    const occStart = fromWallClock(wall, timeZone);
    let occEnd = fromWallClock(wall + wallLength, timeZone);
    if (occEnd.getTime() <= occStart.getTime() && endMs > startMs) {
      occEnd = new Date(occStart.getTime() + (endMs - startMs));
    }
    out.push({
      start: occStart.toISOString(),
      end: occEnd.toISOString(),
      date: dayOf(occStart, timeZone),
    });
  }
  return out;
}
