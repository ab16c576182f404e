import { describe, expect, it } from 'vitest';
import type { DayItem, DayTemplate, Shift } from '../model.js';
import { localTimeOf } from './days.js';
import {
  changedOnFor,
  copyWeekItems,
  copyWeekShifts,
  isMonday,
  itemsFromTemplates,
  weekDates,
} from './week-plan.js';

const CPH = 'Europe/Copenhagen';
const anna = { residentId: 'anna', groupId: null };
const house = { residentId: null, groupId: 'house-a' };

const template = (over: Partial<DayTemplate>): DayTemplate => ({
  id: 't',
  ...anna,
  weekday: 1,
  start: '08:00',
  end: null,
  title: 'Morgenmad',
  pictogram: 'breakfast',
  ...over,
});
const item = (over: Partial<DayItem>): DayItem => ({
  id: 'i',
  ...anna,
  date: '2026-11-30',
  start: '08:00',
  end: null,
  title: 'Morgenmad',
  pictogram: null,
  changedOn: null,
  ...over,
});

describe('weeks', () => {
  it('start on Monday and hold seven days', () => {
    expect(isMonday('2026-11-30')).toBe(true);
    expect(isMonday('2026-12-01')).toBe(false);
    expect(weekDates('2026-11-30')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });
});

describe('itemsFromTemplates', () => {
  const templates = [
    template({ id: 'mon', weekday: 1 }),
    template({ id: 'sun', weekday: 0, title: 'Gåtur', start: '14:00', end: '15:00' }),
    template({ id: 'other', weekday: 1, residentId: 'bo' }),
    template({ id: 'group', weekday: 1, ...house }),
  ];
  const idFor = (t: DayTemplate, date: string) => `${t.id}@${date}`;

  it('makes one item per template on its weekday of the week, for this owner only', () => {
    const items = itemsFromTemplates(templates, anna, '2026-11-30', idFor);
    expect(items.map((i) => [i.id, i.date, i.start, i.end, i.title])).toEqual([
      ['mon@2026-11-30', '2026-11-30', '08:00', null, 'Morgenmad'],
      ['sun@2026-12-06', '2026-12-06', '14:00', '15:00', 'Gåtur'],
    ]);
    expect(items.every((i) => i.residentId === 'anna' && i.groupId === null)).toBe(true);
  });
  it("fills a group's week from the group's templates", () => {
    expect(itemsFromTemplates(templates, house, '2026-11-30', idFor).map((i) => i.id)).toEqual([
      'group@2026-11-30',
    ]);
  });
  it('gives the same ids when applied again (no doubles)', () => {
    expect(itemsFromTemplates(templates, anna, '2026-11-30', idFor)).toEqual(
      itemsFromTemplates(templates, anna, '2026-11-30', idFor),
    );
  });
});

describe('copyWeekItems', () => {
  it("moves the owner's items of one week to the same weekdays of another", () => {
    const items = [
      item({ id: 'a', date: '2026-11-30' }),
      item({ id: 'b', date: '2026-12-06', changedOn: '2026-12-06' }),
      item({ id: 'next-week', date: '2026-12-07' }),
      item({ id: 'bo', date: '2026-12-01', residentId: 'bo' }),
    ];
    const copied = copyWeekItems(items, anna, '2026-11-30', '2026-12-14', (i, d) => `${i.id}@${d}`);
    expect(copied.map((i) => [i.id, i.date, i.changedOn])).toEqual([
      ['a@2026-12-14', '2026-12-14', null],
      ['b@2026-12-20', '2026-12-20', null],
    ]);
  });
});

describe('copyWeekShifts', () => {
  const shift = (id: string, start: string, end: string): Shift => ({
    id,
    staffName: 'Mette',
    photo: null,
    start,
    end,
    groupId: null,
  });
  it('moves the week by wall clock, across the end of summer time', () => {
    // Monday 2026-10-19 07.00–15.00 CEST (05:00Z); a week later it is CET: 07.00 is 06:00Z.
    const shifts = [
      shift('mon', '2026-10-19T05:00:00.000Z', '2026-10-19T13:00:00.000Z'),
      // Sunday 2026-10-25 22.00 CET is still in the week (its local day is Sunday).
      shift('sun-night', '2026-10-25T21:00:00.000Z', '2026-10-26T05:00:00.000Z'),
      // Monday 2026-10-26 00.30 CET belongs to the next week.
      shift('next', '2026-10-25T23:30:00.000Z', '2026-10-26T07:00:00.000Z'),
    ];
    const copied = copyWeekShifts(shifts, '2026-10-19', '2026-10-26', CPH, (s) => `${s.id}+1`);
    expect(copied.map((s) => s.id)).toEqual(['mon+1', 'sun-night+1']);
    expect(copied[0]).toMatchObject({
      start: '2026-10-26T06:00:00.000Z',
      end: '2026-10-26T14:00:00.000Z',
      staffName: 'Mette',
    });
    expect(localTimeOf(copied[1]!.start, CPH)).toBe('22:00');
  });
});

describe('changedOnFor ("Ændret" until the day ends)', () => {
  const today = '2026-12-01';
  const existing = item({ date: today, changedOn: null });
  const { changedOn: _drop, ...same } = existing;

  it('marks a change to an item of today', () => {
    expect(changedOnFor(existing, { ...same, start: '09:00' }, today)).toBe(today);
    expect(changedOnFor(existing, { ...same, title: 'Brunch' }, today)).toBe(today);
  });
  it('marks a new item added to today', () => {
    expect(changedOnFor(undefined, same, today)).toBe(today);
  });
  it('does not mark an unchanged save, and keeps a mark from earlier today', () => {
    expect(changedOnFor(existing, same, today)).toBeNull();
    expect(changedOnFor({ ...existing, changedOn: today }, same, today)).toBe(today);
  });
  it('never marks an item of another day, and drops a mark from an earlier day', () => {
    expect(changedOnFor(undefined, { ...same, date: '2026-12-02' }, today)).toBeNull();
    expect(changedOnFor({ ...existing, changedOn: '2026-11-30' }, same, today)).toBeNull();
  });
});
