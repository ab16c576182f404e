import { describe, expect, it } from 'vitest';
import { dayItem, resident } from '../test-support/builders.js';
import { personalPlan, sharedPlan } from './day-plan.js';

describe('the day structure on the wall', () => {
  it('shows a plan two houses share once, and never a personal item on the shared screen', () => {
    const items = [
      dayItem('a', { groupId: 'g1', start: '12:00', title: 'Frokost' }),
      dayItem('b', { groupId: 'g2', start: '12:00', title: 'Frokost' }),
      dayItem('c', { groupId: 'g2', start: '09:00', title: 'Gåtur' }),
      dayItem('p', { groupId: null, residentId: 'r-anna', start: '11:00', title: 'Fysioterapi' }),
    ];
    expect(sharedPlan(items).map((i) => i.title)).toEqual(['Gåtur', 'Frokost']);
  });

  it("gives a resident their own items and their groups' items, not other groups'", () => {
    const anna = resident('r-anna', { groupIds: ['g1'] });
    const items = [
      dayItem('a', { groupId: 'g1', start: '12:00', title: 'Frokost' }),
      dayItem('c', { groupId: 'g2', start: '09:00', title: 'Gåtur' }),
      dayItem('p', { groupId: null, residentId: 'r-anna', start: '11:00', title: 'Fysioterapi' }),
      dayItem('q', { groupId: null, residentId: 'r-bent', start: '10:00', title: 'Tandlæge' }),
    ];
    expect(personalPlan(items, anna).map((i) => i.title)).toEqual(['Fysioterapi', 'Frokost']);
  });
});
