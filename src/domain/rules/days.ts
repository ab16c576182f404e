/**
 * Days and wall-clock times in the centre's IANA time zone, DST included.
 *
 * Instants are stored in UTC; a "day" (LocalDate, 'YYYY-MM-DD') and a time of day (LocalTime,
 * 'HH:mm') only mean something in the centre's zone. Everything here is computed from the zone's
 * offset at the instant in question, never from the time zone of the machine running the code, so
 * a kiosk, the server and a test runner all agree on what "today" is.
 *
 * Calendar arithmetic on LocalDates (adding days, weekdays) is done on the plain calendar in UTC,
 * where every day has 24 hours, so it never drifts across a DST change.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { format, getDay } from 'date-fns';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parse 'YYYY-MM-DD' to its UTC-midnight epoch ms (the plain calendar); throw on nonsense. */
function calendarMs(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a local date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`No such calendar day: ${date}`);
  }
  return ms;
}

function calendarDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Minutes after midnight of 'HH:mm'; throw on nonsense. */
export function minutesOfTime(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Not a local time (HH:mm): ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function toInstant(instant: Date | string): Date {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  return d;
}

/** The zone's UTC offset in minutes at `ms`; throws on an unknown zone rather than returning NaN. */
function offsetAt(timeZone: string, ms: number): number {
  const offset = tzOffset(timeZone, new Date(ms));
  if (Number.isNaN(offset)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return offset;
}

/** A view of `instant` whose getters read the wall clock in `timeZone` (for date-fns). */
function inZone(instant: Date | string, timeZone: string): TZDate {
  const ms = toInstant(instant).getTime();
  offsetAt(timeZone, ms); // validate the zone: TZDate would quietly give an Invalid Date
  return new TZDate(ms, timeZone);
}

/** The centre-local day an instant falls on. */
export function dayOf(instant: Date | string, timeZone: string): string {
  return format(inZone(instant, timeZone), 'yyyy-MM-dd');
}

/** The centre-local wall-clock time of an instant, 'HH:mm'. */
export function localTimeOf(instant: Date | string, timeZone: string): string {
  return format(inZone(instant, timeZone), 'HH:mm');
}

/**
 * The centre's wall clock at `instant`, as epoch ms of that same reading in UTC (e.g. 10:00 local
 * → 10:00Z of the same calendar day). Adding whole days to it is plain calendar arithmetic, which
 * is what "the same time next week" means to people.
 */
export function toWallClock(instant: Date | string, timeZone: string): number {
  const ms = toInstant(instant).getTime();
  return ms + offsetAt(timeZone, ms) * MINUTE;
}

/**
 * The instant at which the centre's wall clock shows `wall` (a reading from `toWallClock`).
 *
 * DST makes some wall-clock times special, and we decide them as the JavaScript Temporal API's
 * default ('compatible') does, which is also what RFC 5545 calendars do:
 * - a time that does not exist (in the spring gap, e.g. 02:30 on 2026-03-29 in Copenhagen) moves
 *   FORWARD by the length of the gap (→ 03:30 CEST). An activity staff put "at 02:30" still
 *   happens that night, just after the clocks jump, and never before the time they chose;
 * - a time that happens twice (in the autumn overlap, e.g. 02:30 on 2026-10-25) is the EARLIER
 *   of the two (02:30 CEST), so nothing is shown an hour later than people expect.
 */
export function fromWallClock(wall: number, timeZone: string): Date {
  // The offsets a day either side bracket any DST change near this wall-clock time.
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  const candidates = [...new Set([wall - before * MINUTE, wall - after * MINUTE])]
    .filter((ms) => ms + offsetAt(timeZone, ms) * MINUTE === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  // No candidate: the time lies in a gap; reading it with the offset in force before the gap
  // lands the same distance after the gap's end.
  return new Date(first ?? wall - before * MINUTE);
}

/**
 * The instant at which the centre's wall clock shows `time` on `date`. A time in the spring gap
 * moves forward by the gap; a time that happens twice in autumn is the earlier (see
 * `fromWallClock`).
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  return fromWallClock(calendarMs(date) + minutesOfTime(time) * MINUTE, timeZone);
}

/**
 * The instants a local day spans: from its first instant up to (not including) the next day's.
 * Usually 24 h; 23 h on the spring-forward day and 25 h on the fall-back day.
 */
export function dayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  return {
    start: zonedInstant(date, '00:00', timeZone),
    end: zonedInstant(addDaysToDate(date, 1), '00:00', timeZone),
  };
}

/** 0 = Sunday … 6 = Saturday, as date-fns `getDay` (and `OpeningHours.weekday`). */
export function weekdayOf(date: string): number {
  return getDay(new TZDate(calendarMs(date), 'UTC'));
}

/** The calendar day `n` days after `date` (negative `n` goes back). */
export function addDaysToDate(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return calendarDate(calendarMs(date) + n * DAY);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((calendarMs(to) - calendarMs(from)) / DAY);
}

/** `days` consecutive days starting with `from` (e.g. a week view). */
export function dateWindow(from: string, days: number): string[] {
  calendarMs(from);
  const out: string[] = [];
  for (let i = 0; i < days; i++) out.push(addDaysToDate(from, i));
  return out;
}

/** A centre's time zone until an admin sets one. */
export const DEFAULT_TIME_ZONE = 'Europe/Copenhagen';

export type PartOfDay = 'morning' | 'afternoon' | 'evening' | 'night';

/** 06–12 morning, 12–18 afternoon, 18–22 evening, else night, by the centre's wall clock. */
export function partOfDay(instant: Date | string, timeZone: string): PartOfDay {
  const hour = Math.floor(minutesOfTime(localTimeOf(instant, timeZone)) / 60);
  if (hour >= 6 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'afternoon';
  if (hour >= 18 && hour < 22) return 'evening';
  return 'night';
}

/** The Monday of the week `date` falls in (weeks run Monday to Sunday, as centres plan them). */
export function mondayOf(date: string): string {
  return addDaysToDate(date, -((weekdayOf(date) + 6) % 7));
}
