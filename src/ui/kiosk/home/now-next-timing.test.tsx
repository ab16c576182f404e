// @vitest-environment jsdom
/**
 * Issue 11: "Nu" and "Bagefter" change exactly at an item's start and end, not on the next clock
 * tick (Home re-read the time every 10 s, so a change came up to 10 s late). The clock is Date,
 * faked with the timers, so the test moves time to the millisecond.
 */
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cph, dayItem } from '../test-support/builders.js';
import { renderKiosk, screen } from '../test-support/render-kiosk.js';

afterEach(() => {
  vi.useRealTimers();
});

const at = (time: string, ms = 0) => Date.parse(cph('2026-11-24', time)) + ms;

async function startAt(instant: number, items: Parameters<typeof dayItem>[1][]) {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  vi.setSystemTime(instant);
  const seed = { dayitem: items.map((o, i) => dayItem(`d${i}`, o)) };
  let done = false;
  const rendering = renderKiosk({ seed, clock: { now: () => new Date() } }).then(() => {
    done = true;
  });
  // The cache is seeded on real macrotasks (setImmediate is not faked); then renderKiosk waits
  // 20 ms on the faked timers for the first reads.
  while (!done) {
    await new Promise((r) => setImmediate(r));
    if (vi.getTimerCount() > 0) await vi.advanceTimersByTimeAsync(20);
  }
  await rendering;
}

/**
 * Moves the clock to `instant`, firing every timer due on the way. A minute at a time: React
 * renders (and Home schedules its next timer) when each act ends, and Home's timer is never more
 * than a minute away.
 */
async function moveTo(instant: number): Promise<void> {
  while (Date.now() < instant) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(Math.min(60_000, instant - Date.now()));
    });
  }
}

const slot = (label: 'Nu' | 'Bagefter') => screen.getByText(label).parentElement!.textContent;

describe('Now and Next follow the plan to the millisecond', () => {
  it('at a start: 13.59.59,9 still the old, 14.00.00,0 the new', async () => {
    await startAt(at('13:59', 59_780), [
      { start: '12:00', end: null, title: 'Frokost' },
      { start: '14:00', end: null, title: 'Hvil' },
      { start: '15:00', end: null, title: 'Kaffe' },
    ]);
    await moveTo(at('13:59', 59_900));
    expect(slot('Nu')).toContain('Frokost');
    expect(slot('Bagefter')).toContain('Hvil');
    await moveTo(at('14:00'));
    expect(slot('Nu')).toContain('Hvil');
    expect(slot('Bagefter')).toContain('Kaffe');
  });

  it('at an end: an item with an end time leaves "Nu" at that end', async () => {
    await startAt(at('10:29', 59_000), [
      { start: '10:00', end: '10:30', title: 'Gåtur' },
      { start: '11:00', end: null, title: 'Kaffe' },
    ]);
    await moveTo(at('10:29', 59_900));
    expect(slot('Nu')).toContain('Gåtur');
    await moveTo(at('10:30'));
    expect(slot('Nu')).not.toContain('Gåtur');
    expect(slot('Bagefter')).toContain('Kaffe');
  });
});

describe('time left as a picture', () => {
  const disc = (name: string) => screen.getByRole('img', { name });

  it('shows what is left of "Nu" and the last hour before "Bagefter", in words too', async () => {
    await startAt(at('13:40'), [
      { start: '13:00', end: '14:00', title: 'Frokost' },
      { start: '14:30', end: null, title: 'Kaffe' },
    ]);
    const now = disc('20 minutter tilbage');
    expect(screen.getByText('Nu').parentElement!.contains(now)).toBe(true);
    // A third of the hour is left: the coloured part is a sector, not the whole disc.
    expect(now.querySelector('path.time-left-part')).not.toBeNull();
    const next = disc('Begynder om 50 minutter');
    expect(screen.getByText('Bagefter').parentElement!.contains(next)).toBe(true);
    // It moves once a minute, on the minute.
    await moveTo(at('13:40', 59_999));
    expect(disc('20 minutter tilbage')).toBeTruthy();
    await moveTo(at('13:41'));
    expect(disc('19 minutter tilbage')).toBeTruthy();
  });

  const plan = [
    { start: '09:00', end: null, title: 'Gåtur' },
    { start: '15:00', end: null, title: 'Kaffe' },
  ];

  it('says hours in whole hours, and has no disc for "Bagefter" hours away', async () => {
    await startAt(at('10:00'), plan);
    // Five hours until Gåtur gives way to Kaffe.
    expect(screen.getByRole('img', { name: 'Mere end 4 timer tilbage' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: /Begynder om/ })).toBeNull();
  });

  it('has no disc for a "Nu" that runs to the end of the day', async () => {
    await startAt(at('14:59'), plan);
    expect(screen.getByRole('img', { name: '1 minut tilbage' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Begynder om 1 minut' })).toBeTruthy();
    await moveTo(at('15:00'));
    expect(slot('Nu')).toContain('Kaffe');
    expect(screen.queryByRole('img')).toBeNull();
  });
});
