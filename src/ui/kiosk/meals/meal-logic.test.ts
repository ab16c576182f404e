import { describe, expect, it } from 'vitest';
import { meal, resident } from '../test-support/builders.js';
import { eatersOf, isMealOver, mayAsk } from './meal-logic.js';

const TZ = 'Europe/Copenhagen';

describe('meal rules', () => {
  it('asks "Skal du spise med?" only for a meal that takes sign-up, is not over, with someone to ask', () => {
    const lunch = meal('m', { date: '2026-11-24', slot: 'lunch' });
    const anna = [resident('r-anna')];
    expect(mayAsk(lunch, anna, false)).toBe(true);
    expect(mayAsk({ ...lunch, signUp: true }, anna, false)).toBe(true);
    expect(mayAsk({ ...lunch, signUp: false }, anna, false)).toBe(false);
    expect(mayAsk(lunch, anna, true)).toBe(false);
    expect(mayAsk(lunch, [], false)).toBe(false);
  });

  it('ends a meal by the centre’s wall clock, in summer time too', () => {
    const lunch = meal('m', { date: '2026-07-01', slot: 'lunch' });
    // 13.29 and 13.30 CEST (UTC+2).
    expect(isMealOver(lunch, new Date('2026-07-01T11:29:00Z'), '2026-07-01', TZ)).toBe(false);
    expect(isMealOver(lunch, new Date('2026-07-01T11:30:00Z'), '2026-07-01', TZ)).toBe(true);
    // Winter (UTC+1): 13.30 is 12.30Z.
    const winter = meal('w', { date: '2026-11-24', slot: 'lunch' });
    expect(isMealOver(winter, new Date('2026-11-24T12:29:00Z'), '2026-11-24', TZ)).toBe(false);
    expect(isMealOver(winter, new Date('2026-11-24T12:30:00Z'), '2026-11-24', TZ)).toBe(true);
  });

  it('treats every meal of an earlier day as over and none of a later day', () => {
    const now = new Date('2026-11-24T06:00:00Z');
    expect(
      isMealOver(meal('a', { date: '2026-11-23', slot: 'snack' }), now, '2026-11-24', TZ),
    ).toBe(true);
    expect(
      isMealOver(meal('b', { date: '2026-11-25', slot: 'breakfast' }), now, '2026-11-24', TZ),
    ).toBe(false);
  });

  it('names consenting residents who eat, counts the rest', () => {
    const wall = new Map([['r-anna', resident('r-anna')]]);
    const row = (residentId: string, attending: boolean) => ({
      id: `m:${residentId}`,
      mealId: 'm',
      residentId,
      attending,
      updatedAt: '2026-11-24T08:00:00.000Z',
      pending: null,
    });
    expect(eatersOf([row('r-anna', true), row('r-x', true), row('r-y', false)], wall)).toEqual({
      names: ['Anna'],
      others: 1,
    });
  });
});
