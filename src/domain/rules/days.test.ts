import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  dateWindow,
  dayBounds,
  dayOf,
  daysBetween,
  localTimeOf,
  partOfDay,
  weekdayOf,
  zonedInstant,
} from './days.js';

const CPH = 'Europe/Copenhagen';
const HOUR = 3_600_000;

describe('dayOf', () => {
  it.each([
    ['2026-11-24T09:30:00.000Z', '2026-11-24'],
    ['2026-11-24T22:59:59.999Z', '2026-11-24'],
    ['2026-11-24T23:00:00.000Z', '2026-11-25'], // midnight in Copenhagen (winter, +01:00)
    ['2026-06-30T21:59:00.000Z', '2026-06-30'],
    ['2026-06-30T22:00:00.000Z', '2026-07-01'], // midnight in Copenhagen (summer, +02:00)
  ])('the instant %s is on %s in Copenhagen', (instant, day) => {
    expect(dayOf(instant, CPH)).toBe(day);
    expect(dayOf(new Date(instant), CPH)).toBe(day);
  });

  it('depends on the centre zone, not the machine', () => {
    expect(dayOf('2026-11-24T23:30:00.000Z', 'America/New_York')).toBe('2026-11-24');
    expect(dayOf('2026-11-24T23:30:00.000Z', 'Asia/Tokyo')).toBe('2026-11-25');
  });

  it('refuses an unknown time zone or a broken instant', () => {
    expect(() => dayOf('2026-11-24T09:30:00.000Z', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => dayOf('yesterday', CPH)).toThrow(RangeError);
  });
});

describe('dayBounds', () => {
  it.each([
    ['2026-11-24', '2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z', 24],
    ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23], // spring forward
    ['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25], // fall back
  ])('%s runs from %s to %s (%i hours)', (date, start, end, hours) => {
    const b = dayBounds(date, CPH);
    expect(b.start.toISOString()).toBe(start);
    expect(b.end.toISOString()).toBe(end);
    expect((b.end.getTime() - b.start.getTime()) / HOUR).toBe(hours);
  });

  it('starts a day at its first instant where midnight itself is skipped', () => {
    // São Paulo skipped 00:00–01:00 on 2018-11-04.
    expect(dayBounds('2018-11-04', 'America/Sao_Paulo').start.toISOString()).toBe(
      '2018-11-04T03:00:00.000Z',
    );
  });
});

describe('zonedInstant', () => {
  it.each([
    ['2026-11-24', '09:30', '2026-11-24T08:30:00.000Z'],
    ['2026-07-01', '09:30', '2026-07-01T07:30:00.000Z'],
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
  ])('%s at %s is %s', (date, time, iso) => {
    expect(zonedInstant(date, time, CPH).toISOString()).toBe(iso);
  });

  it('moves a time in the spring gap forward by the gap', () => {
    const t = zonedInstant('2026-03-29', '02:30', CPH);
    expect(t.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localTimeOf(t, CPH)).toBe('03:30');
  });

  it('takes the earlier of a time that happens twice in autumn', () => {
    expect(zonedInstant('2026-10-25', '02:30', CPH).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuses dates and times that do not exist on any calendar', () => {
    expect(() => zonedInstant('2026-02-30', '10:00', CPH)).toThrow(RangeError);
    expect(() => zonedInstant('2026-02-10', '24:00', CPH)).toThrow(RangeError);
    expect(() => zonedInstant('10/02/2026', '10:00', CPH)).toThrow(RangeError);
  });
});

describe('localTimeOf', () => {
  it('shows the wall clock of the centre on both sides of a DST change', () => {
    expect(localTimeOf('2026-03-29T00:59:00.000Z', CPH)).toBe('01:59');
    expect(localTimeOf('2026-03-29T01:00:00.000Z', CPH)).toBe('03:00');
    expect(localTimeOf('2026-10-25T00:30:00.000Z', CPH)).toBe('02:30');
    expect(localTimeOf('2026-10-25T01:30:00.000Z', CPH)).toBe('02:30');
  });
});

describe('calendar days', () => {
  it.each([
    ['2026-11-22', 0],
    ['2026-11-23', 1],
    ['2026-11-28', 6],
    ['2026-03-29', 0],
  ])('%s is weekday %i (0 = Sunday)', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it.each([
    ['2026-11-24', 1, '2026-11-25'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', 7, '2026-11-01'],
  ])('%s plus %i days is %s', (date, n, expected) => {
    expect(addDaysToDate(date, n)).toBe(expected);
  });

  it('counts whole days between two dates across a DST change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-26', '2026-10-24')).toBe(-2);
  });

  it('lists a week of days from a start day', () => {
    expect(dateWindow('2026-12-29', 7)).toEqual([
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-01-04',
    ]);
    expect(dateWindow('2026-12-29', 0)).toEqual([]);
  });
});

describe('partOfDay', () => {
  it.each([
    ['2026-11-24T05:00:00.000Z', 'morning'], // 06:00 local
    ['2026-11-24T10:59:00.000Z', 'morning'], // 11:59
    ['2026-11-24T11:00:00.000Z', 'afternoon'], // 12:00
    ['2026-11-24T17:00:00.000Z', 'evening'], // 18:00
    ['2026-11-24T21:00:00.000Z', 'night'], // 22:00
    ['2026-11-24T04:59:00.000Z', 'night'], // 05:59
    ['2026-07-01T04:00:00.000Z', 'morning'], // 06:00 summer time
  ])('%s is %s in Copenhagen', (instant, part) => {
    expect(partOfDay(instant, CPH)).toBe(part);
  });
});
