import { describe, expect, it } from 'vitest';
import { localTimeOf } from './days.js';
import { expandRecurrence } from './recurrence.js';

const CPH = 'Europe/Copenhagen';
const weekly = (until: string, interval = 1) => ({ freq: 'weekly' as const, interval, until });

describe('expandRecurrence', () => {
  it('a Tuesday 10:00–11:00 activity stays at 10:00–11:00 local over the spring change', () => {
    // 2026-03-24 is a Tuesday in winter time (+01:00); from 2026-03-31 it is summer time (+02:00).
    const occ = expandRecurrence(
      '2026-03-24T09:00:00.000Z',
      '2026-03-24T10:00:00.000Z',
      weekly('2026-04-07'),
      CPH,
    );
    expect(occ).toEqual([
      { start: '2026-03-24T09:00:00.000Z', end: '2026-03-24T10:00:00.000Z', date: '2026-03-24' },
      { start: '2026-03-31T08:00:00.000Z', end: '2026-03-31T09:00:00.000Z', date: '2026-03-31' },
      { start: '2026-04-07T08:00:00.000Z', end: '2026-04-07T09:00:00.000Z', date: '2026-04-07' },
    ]);
    for (const o of occ) {
      expect(localTimeOf(o.start, CPH)).toBe('10:00');
      expect(localTimeOf(o.end, CPH)).toBe('11:00');
    }
  });

  it('a Tuesday 10:00–11:00 activity stays at 10:00–11:00 local over the October change', () => {
    const occ = expandRecurrence(
      '2026-10-20T08:00:00.000Z',
      '2026-10-20T09:00:00.000Z',
      weekly('2026-10-27'),
      CPH,
    );
    expect(occ).toEqual([
      { start: '2026-10-20T08:00:00.000Z', end: '2026-10-20T09:00:00.000Z', date: '2026-10-20' },
      { start: '2026-10-27T09:00:00.000Z', end: '2026-10-27T10:00:00.000Z', date: '2026-10-27' },
    ]);
  });

  it('every second week skips the weeks between', () => {
    const occ = expandRecurrence(
      '2026-10-13T08:00:00.000Z',
      '2026-10-13T09:30:00.000Z',
      weekly('2026-11-10', 2),
      CPH,
    );
    expect(occ.map((o) => o.date)).toEqual(['2026-10-13', '2026-10-27', '2026-11-10']);
    expect(occ.map((o) => `${localTimeOf(o.start, CPH)}–${localTimeOf(o.end, CPH)}`)).toEqual([
      '10:00–11:30',
      '10:00–11:30',
      '10:00–11:30',
    ]);
  });

  it('includes an occurrence on the last day and none after it', () => {
    const start = '2026-11-03T09:00:00.000Z';
    const end = '2026-11-03T10:00:00.000Z';
    expect(expandRecurrence(start, end, weekly('2026-11-17'), CPH)).toHaveLength(3);
    expect(expandRecurrence(start, end, weekly('2026-11-16'), CPH)).toHaveLength(2);
  });

  it('uses the local day for the last day, not the UTC one', () => {
    // 00:30 local on Wednesdays is still Tuesday in UTC.
    const occ = expandRecurrence(
      '2026-11-03T23:30:00.000Z',
      '2026-11-04T00:30:00.000Z',
      weekly('2026-11-11'),
      CPH,
    );
    expect(occ.map((o) => o.date)).toEqual(['2026-11-04', '2026-11-11']);
  });

  it('an overnight activity across the spring change ends at the same wall-clock time', () => {
    // Saturday 22:00 to Sunday 06:00; the night of 28–29 March is an hour shorter.
    const occ = expandRecurrence(
      '2026-03-21T21:00:00.000Z',
      '2026-03-22T05:00:00.000Z',
      weekly('2026-03-28'),
      CPH,
    );
    expect(occ[1]).toEqual({
      start: '2026-03-28T21:00:00.000Z',
      end: '2026-03-29T04:00:00.000Z',
      date: '2026-03-28',
    });
  });

  it('keeps the given start as the first occurrence even if the last day is before it', () => {
    const occ = expandRecurrence(
      '2026-11-03T09:00:00.000Z',
      '2026-11-03T10:00:00.000Z',
      weekly('2026-11-01'),
      CPH,
    );
    expect(occ).toEqual([
      { start: '2026-11-03T09:00:00.000Z', end: '2026-11-03T10:00:00.000Z', date: '2026-11-03' },
    ]);
  });

  it('stops at the maximum number of occurrences', () => {
    const start = '2026-01-06T09:00:00.000Z';
    const end = '2026-01-06T10:00:00.000Z';
    expect(expandRecurrence(start, end, weekly('2040-01-01'), CPH)).toHaveLength(260);
    expect(expandRecurrence(start, end, weekly('2040-01-01'), CPH, 10)).toHaveLength(10);
    expect(expandRecurrence(start, end, weekly('2040-01-01'), CPH, 0)).toEqual([]);
  });

  it('refuses an end before the start', () => {
    expect(() =>
      expandRecurrence(
        '2026-11-03T10:00:00.000Z',
        '2026-11-03T09:00:00.000Z',
        weekly('2026-12-01'),
        CPH,
      ),
    ).toThrow(RangeError);
  });
});

const rrule = (rule: string) => ({ rrule: rule });
/** Tuesday 1 December 2026, 14:00–16:00 in Copenhagen (winter time, +01:00). */
const DEC1 = ['2026-12-01T13:00:00.000Z', '2026-12-01T15:00:00.000Z'] as const;

describe('expandRecurrence with an RRULE', () => {
  it('every other Tuesday', () => {
    const occ = expandRecurrence(
      ...DEC1,
      rrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261231T235959'),
      CPH,
    );
    expect(occ.map((o) => o.date)).toEqual(['2026-12-01', '2026-12-15', '2026-12-29']);
  });

  it('the first Monday of the month, from a start on that Monday', () => {
    const occ = expandRecurrence(
      '2026-12-07T13:00:00.000Z',
      '2026-12-07T15:00:00.000Z',
      rrule('FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270430'),
      CPH,
    );
    expect(occ.map((o) => o.date)).toEqual([
      '2026-12-07',
      '2027-01-04',
      '2027-02-01',
      '2027-03-01',
      '2027-04-05',
    ]);
    // April is summer time: still 14:00 on the wall clock.
    expect(occ.map((o) => localTimeOf(o.start, CPH))).toEqual([
      '14:00',
      '14:00',
      '14:00',
      '14:00',
      '14:00',
    ]);
  });

  it('Monday and Wednesday, COUNT counting the first', () => {
    const occ = expandRecurrence(
      '2026-11-30T09:00:00.000Z',
      '2026-11-30T10:00:00.000Z',
      rrule('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5'),
      CPH,
    );
    expect(occ.map((o) => o.date)).toEqual([
      '2026-11-30',
      '2026-12-02',
      '2026-12-07',
      '2026-12-09',
      '2026-12-14',
    ]);
  });

  it('the last day of every month, months of every length', () => {
    const occ = expandRecurrence(
      '2027-01-31T09:00:00.000Z',
      '2027-01-31T10:00:00.000Z',
      rrule('FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4'),
      CPH,
    );
    expect(occ.map((o) => o.date)).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
  });

  it('keeps the start first even when the rule would not produce it', () => {
    // A Tuesday start with a "first Monday" rule: the Tuesday stays, then the rule's Mondays.
    const occ = expandRecurrence(...DEC1, rrule('FREQ=MONTHLY;BYDAY=1MO;COUNT=3'), CPH);
    expect(occ.map((o) => o.date)).toEqual(['2026-12-01', '2026-12-07', '2027-01-04']);
  });

  it('a legacy weekly row and its RRULE give the same occurrences', () => {
    expect(expandRecurrence(...DEC1, weekly('2027-03-30', 2), CPH)).toEqual(
      expandRecurrence(...DEC1, rrule('FREQ=WEEKLY;INTERVAL=2;UNTIL=20270330T235959'), CPH),
    );
  });
});
