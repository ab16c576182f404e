import { describe, expect, it } from 'vitest';
import { describeRecurrence, monthlyWeekdayWords } from './recurrence-words.js';

const CPH = 'Europe/Copenhagen';
/** Tuesday 1 December 2026, 14:00–16:00 in Copenhagen. */
const at = (
  rrule: string | null,
  start = '2026-12-01T13:00:00.000Z',
  end = '2026-12-01T15:00:00.000Z',
) => ({
  start,
  end,
  recurrence: rrule === null ? null : { rrule },
});
const da = (a: ReturnType<typeof at>) => describeRecurrence(a, CPH, 'da');
const en = (a: ReturnType<typeof at>) => describeRecurrence(a, CPH, 'en');

describe('describeRecurrence', () => {
  it("says the design guide's example", () => {
    const a = at('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261222T235959');
    expect(da(a)).toBe('hver tirsdag kl. 14.00 til 16.00, fra 1. december til og med 22. december');
    expect(en(a)).toBe('every Tuesday, 14.00 to 16.00, from 1 December until 22 December');
  });

  it('every other Tuesday, across the new year', () => {
    const a = at('FREQ=WEEKLY;INTERVAL=2;UNTIL=20270301');
    expect(da(a)).toBe(
      'hver anden tirsdag kl. 14.00 til 16.00, fra 1. december 2026 til og med 1. marts 2027',
    );
    expect(en(a)).toBe(
      'every other Tuesday, 14.00 to 16.00, from 1 December 2026 until 1 March 2027',
    );
  });

  it('the first Monday of the month, a number of times', () => {
    const a = at(
      'FREQ=MONTHLY;BYDAY=1MO;COUNT=6',
      '2026-12-07T09:30:00.000Z',
      '2026-12-07T11:00:00.000Z',
    );
    expect(da(a)).toBe('første mandag i måneden kl. 10.30 til 12.00, fra 7. december, 6 gange');
    expect(en(a)).toBe('the first Monday of the month, 10.30 to 12.00, from 7 December, 6 times');
  });

  it('the last Friday of every other month; the 15th and the last day of each month', () => {
    expect(da(at('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=3'))).toMatch(
      /^sidste fredag hver anden måned kl\./,
    );
    expect(en(at('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=3'))).toMatch(
      /^the last Friday of every other month,/,
    );
    expect(da(at('FREQ=MONTHLY;BYMONTHDAY=-1,15;COUNT=3'))).toMatch(
      /^den 15\. og den sidste i hver måned kl\./,
    );
    expect(en(at('FREQ=MONTHLY;BYMONTHDAY=15;COUNT=1'))).toBe(
      'the 15th of every month, 14.00 to 16.00, from 1 December, 1 time',
    );
  });

  it('several weekdays, Monday first; the five weekdays; every day', () => {
    expect(da(at('FREQ=WEEKLY;BYDAY=FR,MO,WE;COUNT=9'))).toMatch(
      /^hver mandag, onsdag og fredag kl\./,
    );
    expect(da(at('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=9'))).toMatch(/^hver hverdag kl\./);
    expect(en(at('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=9'))).toMatch(/^every weekday,/);
    expect(da(at('FREQ=DAILY;INTERVAL=3;COUNT=9'))).toMatch(/^hver tredje dag kl\./);
  });

  it('names the wall-clock time in summer too, and a legacy weekly row', () => {
    const summer = {
      start: '2027-06-01T12:00:00.000Z',
      end: '2027-06-01T14:00:00.000Z',
      recurrence: { freq: 'weekly' as const, interval: 1, until: '2027-06-29' },
    };
    expect(describeRecurrence(summer, CPH, 'da')).toBe(
      'hver tirsdag kl. 14.00 til 16.00, fra 1. juni til og med 29. juni',
    );
  });

  it('a one-off names its day', () => {
    expect(da(at(null))).toBe('tirsdag 1. december kl. 14.00 til 16.00');
    expect(en(at(null))).toBe('Tuesday 1 December, 14.00 to 16.00');
  });
});

describe('monthlyWeekdayWords', () => {
  it('names the weekday of the month a day is, the fifth as the last', () => {
    expect(monthlyWeekdayWords('2026-12-01', 'da')).toBe('første tirsdag i måneden');
    expect(monthlyWeekdayWords('2026-12-15', 'en')).toBe('the third Tuesday of the month');
    expect(monthlyWeekdayWords('2026-12-29', 'da')).toBe('sidste tirsdag i måneden');
  });
});
