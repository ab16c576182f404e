/**
 * Expanding a weekly series into its occurrences.
 *
 * People think of a weekly activity as "Tuesdays 10:00–11:00", not "every 168 hours": after the
 * clocks change in October the singing is still at 10:00 on the wall clock, so its UTC instant
 * moves by an hour. We therefore step the centre's WALL CLOCK by whole weeks and convert each
 * reading back to an instant in the centre's zone (DST-aware, see `fromWallClock` in days.ts).
 */
import type { Recurrence } from '../model.js';
import { dayOf, fromWallClock, toWallClock } from './days.js';

const WEEK = 7 * 24 * 60 * 60_000;

export interface Occurrence {
  /** UTC instant, ISO 8601 with Z. */
  start: string;
  /** UTC instant, ISO 8601 with Z. */
  end: string;
  /** The centre-local day the occurrence starts on. */
  date: string;
}

/**
 * Every `rule.interval` weeks from `start`, on the same weekday and at the same wall-clock start
 * and end times, up to and including the local day `rule.until`, at most `maxOccurrences` (260 =
 * five years of weekly occurrences; a guard against a runaway series).
 *
 * The first occurrence is always the given start/end itself, even if `until` lies before it: the
 * activity the series was made from exists whatever its rule says.
 *
 * The end keeps its wall-clock time too (10:00–11:00 stays 10:00–11:00), so an occurrence that
 * spans a DST change in the night is an hour longer or shorter in real time, as the clock says.
 * Should that ever make an end fall at or before its start, the original real duration is kept.
 */
export function expandWeekly(
  start: string,
  end: string,
  rule: Recurrence,
  timeZone: string,
  maxOccurrences = 260,
): Occurrence[] {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
    throw new RangeError(`Not an instant: ${Number.isNaN(startMs) ? start : end}`);
  }
  if (endMs < startMs) throw new RangeError(`The end ${end} is before the start ${start}`);
  if (!Number.isInteger(rule.interval) || rule.interval < 1) {
    throw new RangeError(`Not a valid interval: ${rule.interval}`);
  }

  const out: Occurrence[] = [];
  if (maxOccurrences < 1) return out;
  const first = new Date(startMs);
  out.push({
    start: first.toISOString(),
    end: new Date(endMs).toISOString(),
    date: dayOf(first, timeZone),
  });

  const startWall = toWallClock(first, timeZone);
  const wallLength = toWallClock(new Date(endMs), timeZone) - startWall;
  for (let k = 1; out.length < maxOccurrences; k++) {
    const wall = startWall + k * rule.interval * WEEK;
    const occStart = fromWallClock(wall, timeZone);
    const date = dayOf(occStart, timeZone);
    if (date > rule.until) break; // ISO dates compare correctly as strings
    let occEnd = fromWallClock(wall + wallLength, timeZone);
    if (occEnd.getTime() <= occStart.getTime() && endMs > startMs) {
      occEnd = new Date(occStart.getTime() + (endMs - startMs));
    }
    out.push({ start: occStart.toISOString(), end: occEnd.toISOString(), date });
  }
  return out;
}
