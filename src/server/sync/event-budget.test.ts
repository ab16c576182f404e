import { describe, expect, it } from 'vitest';
import { EventBudget } from './event-budget.js';

describe('EventBudget', () => {
  it('lets a burst through, then one event per refill interval, and says how long to wait', () => {
    let now = 0;
    const budget = new EventBudget({ eventsPerSecond: 10, burst: 3 }, () => now);
    expect([budget.take(), budget.take(), budget.take()]).toEqual([0, 0, 0]);
    expect(budget.take()).toBe(100);
    now = 50;
    expect(budget.take()).toBe(50);
    now = 100;
    expect(budget.take()).toBe(0);
    expect(budget.take()).toBe(100);
  });

  it('never saves up more than the burst', () => {
    let now = 0;
    const budget = new EventBudget({ eventsPerSecond: 10, burst: 2 }, () => now);
    now = 60_000;
    expect([budget.take(), budget.take()]).toEqual([0, 0]);
    expect(budget.take()).toBeGreaterThan(0);
  });
});
