import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_BUDGETS, EventBudget, FloodCoolOff } from './event-budget.js';

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

  it('calls a connection flooding only after more than disconnectAfter events over budget within a second', () => {
    const budget = new EventBudget({ eventsPerSecond: 10, burst: 2, disconnectAfter: 5 }, () => 0);
    for (let i = 0; i < 2 + 5; i++) budget.take();
    expect(budget.flooding).toBe(false);
    budget.take();
    expect(budget.flooding).toBe(true);
  });

  it('forgets over-budget events at disconnectAfter a second, so a client that backs off is never flooding', () => {
    let now = 0;
    const budget = new EventBudget(
      { eventsPerSecond: 10, burst: 2, disconnectAfter: 5 },
      () => now,
    );
    budget.take();
    budget.take();
    // The refilled burst and five over it every 1.1 s, for a minute: each batch of five has
    // leaked away before the next.
    for (let s = 0; s < 55; s++) {
      now += 1100;
      for (let i = 0; i < 2 + 5; i++) budget.take();
      expect(budget.flooding).toBe(false);
    }
  });

  it('never calls a kiosk flooding that sends at its budget, nor one that sends its burst twice at once', () => {
    let now = 0;
    const budget = new EventBudget(DEFAULT_EVENT_BUDGETS.kiosk, () => now);
    for (let i = 0; i < 2 * DEFAULT_EVENT_BUDGETS.kiosk.burst; i++) budget.take();
    expect(budget.flooding).toBe(false);
    for (let i = 0; i < 10_000; i++) {
      now += 1000 / DEFAULT_EVENT_BUDGETS.kiosk.eventsPerSecond;
      budget.take();
    }
    expect(budget.flooding).toBe(false);
  });

  it('defaults disconnectAfter to three bursts', () => {
    const budget = new EventBudget({ eventsPerSecond: 1, burst: 4 }, () => 0);
    for (let i = 0; i < 4 + 12; i++) budget.take();
    expect(budget.flooding).toBe(false);
    budget.take();
    expect(budget.flooding).toBe(true);
  });
});

describe('FloodCoolOff', () => {
  it('refuses a key for the time given, says how long is left, and then lets it in', () => {
    let now = 0;
    const coolOff = new FloodCoolOff(() => now);
    expect(coolOff.remaining('a')).toBe(0);
    coolOff.start('a', 1000);
    now = 400;
    expect([coolOff.remaining('a'), coolOff.remaining('b')]).toEqual([600, 0]);
    now = 1000;
    expect(coolOff.remaining('a')).toBe(0);
  });

  it('drops expired keys when another starts, so it holds only recent flooders', () => {
    let now = 0;
    const coolOff = new FloodCoolOff(() => now);
    for (let i = 0; i < 1000; i++) coolOff.start(`k${i}`, 10);
    now = 20;
    coolOff.start('last', 10);
    expect(coolOff.size).toBe(1);
  });
});
