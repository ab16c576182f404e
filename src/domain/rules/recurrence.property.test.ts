/**
 * Property tests: for random rules, start times and zones, the expansion (the `rrule` package
 * on the centre's wall clock) equals a brute-force walk over the calendar with an independent
 * matcher written from RFC 5545's words, and every occurrence keeps its wall-clock time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  daysBetween,
  fromWallClock,
  localTimeOf,
  mondayOf,
  toWallClock,
  weekdayOf,
} from './days.js';
import { expandRecurrence } from './recurrence.js';
import { formatRRule, type RuleParts } from './recurrence-rule.js';

const ZONES = ['Europe/Copenhagen', 'America/New_York', 'Australia/Sydney', 'UTC'];

/** Monday of the ISO week a date is in. */
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Does RFC 5545's rule produce `date` (a day on or after the start)? */
function matches(parts: RuleParts, start: string, date: string): boolean {
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (parts.freq === 'DAILY') return daysBetween(start, date) % parts.interval === 0;
  if (parts.freq === 'WEEKLY') {
    const weeks = daysBetween(mondayOf(start), mondayOf(date)) / 7;
    const days = parts.byDay.length > 0 ? parts.byDay.map((b) => b.weekday) : [weekdayOf(start)];
    return weeks % parts.interval === 0 && days.includes(weekdayOf(date));
  }
  const months = (y - sy) * 12 + (m - sm);
  if (months % parts.interval !== 0) return false;
  const last = daysInMonth(y, m);
  if (parts.byDay.length > 0) {
    return parts.byDay.some((b) => {
      if (b.weekday !== weekdayOf(date)) return false;
      if (b.nth === null) return true;
      return b.nth > 0 ? Math.ceil(d / 7) === b.nth : Math.ceil((last - d + 1) / 7) === -b.nth;
    });
  }
  const monthDays = parts.byMonthDay.length > 0 ? parts.byMonthDay : [sd];
  return monthDays.some((n) => (n === -1 ? d === last : n === d));
}

const weekday = fc.integer({ min: 0, max: 6 });
const partsArb: fc.Arbitrary<RuleParts> = fc
  .oneof(
    fc.record({
      freq: fc.constant('DAILY' as const),
      interval: fc.integer({ min: 1, max: 10 }),
      byDay: fc.constant([]),
      byMonthDay: fc.constant([]),
    }),
    fc.record({
      freq: fc.constant('WEEKLY' as const),
      interval: fc.integer({ min: 1, max: 4 }),
      byDay: fc
        .uniqueArray(weekday, { maxLength: 7 })
        .map((ws) => ws.map((w) => ({ weekday: w, nth: null }))),
      byMonthDay: fc.constant([]),
    }),
    fc.record({
      freq: fc.constant('MONTHLY' as const),
      interval: fc.integer({ min: 1, max: 3 }),
      byDay: fc.oneof(
        fc.uniqueArray(fc.record({ weekday, nth: fc.constantFrom(1, 2, 3, 4, 5, -1, -2) }), {
          maxLength: 3,
          selector: (b) => `${b.weekday}/${b.nth}`,
        }),
        fc
          .uniqueArray(weekday, { maxLength: 3 })
          .map((ws) => ws.map((w) => ({ weekday: w, nth: null }))),
      ),
      byMonthDay: fc.constant([]),
    }),
    fc.record({
      freq: fc.constant('MONTHLY' as const),
      interval: fc.integer({ min: 1, max: 3 }),
      byDay: fc.constant([]),
      byMonthDay: fc.uniqueArray(fc.constantFrom(1, 5, 15, 28, 29, 30, 31, -1), { maxLength: 3 }),
    }),
  )
  .chain((p) =>
    fc
      .record({
        days: fc.integer({ min: 0, max: 400 }),
        count: fc.option(fc.integer({ min: 1, max: 40 })),
      })
      .map(
        ({ days, count }) =>
          ({
            ...p,
            until: count === null ? 'DAYS' : null,
            count,
            untilDays: days,
          }) as unknown as RuleParts & { untilDays: number },
      ),
  );

describe('expandRecurrence (properties)', () => {
  it('equals a brute-force walk over the calendar, at the same wall-clock times, in every zone', () => {
    fc.assert(
      fc.property(
        partsArb,
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 23 * 60 + 59 }),
        fc.integer({ min: 15, max: 600 }),
        fc.constantFrom(...ZONES),
        (raw, dayOffset, minuteOfDay, length, zone) => {
          const startDate = addDaysToDate('2026-01-01', dayOffset);
          const wall = Date.parse(`${startDate}T00:00:00.000Z`) + minuteOfDay * 60_000;
          const start = fromWallClock(wall, zone);
          const end = new Date(start.getTime() + length * 60_000);
          const { untilDays, ...rest } = raw as RuleParts & { untilDays: number };
          const parts: RuleParts = {
            ...rest,
            until: rest.until === null ? null : addDaysToDate(startDate, untilDays),
          };
          const occ = expandRecurrence(
            start.toISOString(),
            end.toISOString(),
            { rrule: formatRRule(parts) },
            zone,
          );

          // The brute force: the start, then every later matching day up to UNTIL / COUNT.
          const expected = [startDate];
          const lastDay = parts.until ?? addDaysToDate(startDate, 366 * 20);
          const limit = Math.min(parts.count ?? 260, 260);
          for (
            let d = addDaysToDate(startDate, 1);
            d <= lastDay && expected.length < limit;
            d = addDaysToDate(d, 1)
          ) {
            if (matches(parts, startDate, d)) expected.push(d);
          }
          const startTime = localTimeOf(start, zone);
          // A start in a spring gap moves forward by the gap; else the wall clock is kept.
          const wallKept = occ.every(
            (o) =>
              localTimeOf(o.start, zone) === startTime ||
              toWallClock(o.start, zone) > Date.parse(`${o.date}T${startTime}:00.000Z`),
          );
          // Without an UNTIL the walk stops at its 20-year horizon; a rare rule (the fifth Tuesday
          // of every third month) can have its COUNT's last occurrences beyond it, which the
          // expansion rightly finds: compare within the horizon. With an UNTIL, everything.
          const dates = occ.map((o) => o.date);
          expect(parts.until === null ? dates.filter((d) => d <= lastDay) : dates).toEqual(
            expected,
          );
          expect(wallKept).toBe(true);
          for (const o of occ) expect(Date.parse(o.end)).toBeGreaterThan(Date.parse(o.start));
        },
      ),
      { numRuns: 300 },
    );
  });
});
