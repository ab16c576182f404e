import { describe, expect, it } from 'vitest';
import type { Audience } from '../model.js';
import { inAudience, reaches } from './audience.js';

const all: Audience = { kind: 'all' };
const houseA: Audience = { kind: 'groups', groupIds: ['a'] };
const housesAB: Audience = { kind: 'groups', groupIds: ['a', 'b'] };

describe('audience', () => {
  it('an item for everyone is for every resident, also one in no group', () => {
    expect(inAudience(all, [])).toBe(true);
    expect(inAudience(all, ['x'])).toBe(true);
  });

  it('an item for some groups is only for their members', () => {
    expect(inAudience(houseA, ['a'])).toBe(true);
    expect(inAudience(houseA, ['b', 'a'])).toBe(true);
    expect(inAudience(houseA, ['b'])).toBe(false);
    expect(inAudience(houseA, [])).toBe(false);
    expect(inAudience(housesAB, ['b'])).toBe(true);
  });

  it('a viewer for the whole centre is reached by everything, a house kiosk only by its own', () => {
    expect(reaches(houseA, 'all')).toBe(true);
    expect(reaches(houseA, ['a'])).toBe(true);
    expect(reaches(houseA, ['b'])).toBe(false);
    expect(reaches(all, ['b'])).toBe(true);
    expect(reaches(houseA, [])).toBe(false);
  });
});
