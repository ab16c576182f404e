import { describe, expect, it } from 'vitest';
import type { DayItem } from '../model.js';
import { nowAndNext, sortDayItems } from './day-structure.js';

const CPH = 'Europe/Copenhagen';
const item = (
  id: string,
  start: string,
  end: string | null,
  title = id,
  date = '2026-11-24',
): DayItem => ({
  id,
  residentId: 'anna',
  groupId: null,
  date,
  start,
  end,
  title,
  pictogram: null,
  changedOn: null,
});
/** 2026-11-24 is winter time: local = UTC + 1 h. */
const localNow = (time: string, date = '2026-11-24') => {
  const [h, m] = time.split(':').map(Number);
  return new Date(
    Date.UTC(
      Number(date.slice(0, 4)),
      Number(date.slice(5, 7)) - 1,
      Number(date.slice(8, 10)),
      (h ?? 0) - 1,
      m ?? 0,
    ),
  );
};

const day = [
  item('breakfast', '07:30', '08:30', 'Breakfast'),
  item('walk', '10:00', null, 'Walk'),
  item('lunch', '12:00', '12:45', 'Lunch'),
  item('rest', '13:00', null, 'Rest'),
  item('dinner', '17:30', '18:30', 'Dinner'),
  item('tomorrow', '09:00', '10:00', 'Tomorrow', '2026-11-25'),
];
const ids = (r: { now: DayItem | null; next: DayItem | null }) => [
  r.now?.id ?? null,
  r.next?.id ?? null,
];

describe('sortDayItems', () => {
  it('orders by start time, then title', () => {
    const items = [
      item('c', '12:00', null, 'Lunch'),
      item('b', '09:00', null, 'Walk'),
      item('a', '09:00', null, 'Coffee'),
    ];
    expect(sortDayItems(items).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the same order for items with the same time and title', () => {
    const items = [item('y', '09:00', null, 'Coffee'), item('x', '09:00', null, 'Coffee')];
    expect(sortDayItems(items).map((i) => i.id)).toEqual(['x', 'y']);
    expect(sortDayItems([...items].reverse()).map((i) => i.id)).toEqual(['x', 'y']);
  });

  it('does not change the list it was given', () => {
    const items = [item('b', '12:00', null), item('a', '09:00', null)];
    sortDayItems(items);
    expect(items.map((i) => i.id)).toEqual(['b', 'a']);
  });
});

describe('nowAndNext', () => {
  it.each([
    ['before the day starts, nothing is now and breakfast is next', '06:00', [null, 'breakfast']],
    ['at breakfast time, breakfast is now', '07:30', ['breakfast', 'walk']],
    ['between breakfast and the walk, nothing is now', '09:00', [null, 'walk']],
    ['a walk without an end lasts until lunch', '11:59', ['walk', 'lunch']],
    ['after lunch ends, nothing is now until the rest', '12:50', [null, 'rest']],
    ['the rest lasts until dinner', '16:00', ['rest', 'dinner']],
    ['after dinner, nothing more today', '20:00', [null, null]],
  ] as const)('%s', (_name, time, expected) => {
    expect(ids(nowAndNext(day, localNow(time), CPH))).toEqual(expected);
  });

  it('the last item without an end lasts until the end of the day', () => {
    const items = [item('tv', '20:00', null)];
    expect(ids(nowAndNext(items, localNow('23:59'), CPH))).toEqual(['tv', null]);
  });

  it('an end at midnight means until the end of the day', () => {
    const items = [item('party', '20:00', '00:00')];
    expect(ids(nowAndNext(items, localNow('23:00'), CPH))).toEqual(['party', null]);
  });

  it('when two items are under way, the one that started last is now', () => {
    const items = [
      item('workshop', '08:00', '15:00'),
      item('lunch', '12:00', '12:30'),
      item('bus', '15:00', null),
    ];
    expect(ids(nowAndNext(items, localNow('12:10'), CPH))).toEqual(['lunch', 'bus']);
    expect(ids(nowAndNext(items, localNow('12:40'), CPH))).toEqual(['workshop', 'bus']);
  });

  it('uses the centre’s day, not the UTC day', () => {
    // 23:30Z on the 24th is 00:30 on the 25th in Copenhagen.
    const items = [
      item('late', '23:00', null, 'Late'),
      item('early', '00:15', null, 'Early', '2026-11-25'),
    ];
    expect(ids(nowAndNext(items, new Date('2026-11-24T23:30:00.000Z'), CPH))).toEqual([
      'early',
      null,
    ]);
  });

  it('follows the wall clock on the day the clocks go forward', () => {
    const items = [
      item('sleep', '00:00', '07:00', 'Sleep', '2026-03-29'),
      item('breakfast', '07:00', '08:00', 'Breakfast', '2026-03-29'),
    ];
    // 06:30 CEST is 04:30Z.
    expect(ids(nowAndNext(items, new Date('2026-03-29T04:30:00.000Z'), CPH))).toEqual([
      'sleep',
      'breakfast',
    ]);
    expect(ids(nowAndNext(items, new Date('2026-03-29T05:00:00.000Z'), CPH))).toEqual([
      'breakfast',
      null,
    ]);
  });
});
