import { describe, expect, it } from 'vitest';
import { fakeTimers } from '../test-support/fake-timers.js';
import { startDisplayPower } from './display-power.js';
import { isNight, nextChange } from './night-schedule.js';

const CPH = 'Europe/Copenhagen';
const night = { from: '22:00', to: '06:30' };

describe('night schedule', () => {
  it('runs across midnight', () => {
    // 1 December: Copenhagen is UTC+1.
    expect(isNight(new Date('2026-12-01T20:59:00Z'), night, CPH)).toBe(false); // 21:59
    expect(isNight(new Date('2026-12-01T21:00:00Z'), night, CPH)).toBe(true); // 22:00
    expect(isNight(new Date('2026-12-01T23:30:00Z'), night, CPH)).toBe(true); // 00:30
    expect(isNight(new Date('2026-12-02T05:29:00Z'), night, CPH)).toBe(true); // 06:29
    expect(isNight(new Date('2026-12-02T05:30:00Z'), night, CPH)).toBe(false); // 06:30
    expect(nextChange(new Date('2026-12-01T12:00:00Z'), night, CPH)).toEqual(
      new Date('2026-12-01T21:00:00Z'),
    );
    expect(nextChange(new Date('2026-12-01T22:17:30Z'), night, CPH)).toEqual(
      new Date('2026-12-02T05:30:00Z'),
    );
  });

  it('a night within one day, and no night at all', () => {
    const nap = { from: '13:00', to: '14:00' };
    expect(isNight(new Date('2026-12-01T12:30:00Z'), nap, CPH)).toBe(true);
    expect(isNight(new Date('2026-12-01T13:00:00Z'), nap, CPH)).toBe(false);
    expect(isNight(new Date('2026-12-01T23:00:00Z'), null, CPH)).toBe(false);
    expect(nextChange(new Date('2026-12-01T23:00:00Z'), null, CPH)).toBeNull();
    expect(nextChange(new Date(), { from: '22:00', to: '22:00' }, CPH)).toBeNull();
  });

  it('wakes at 06:30 local on the morning the clocks go forward and back', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 06:30 CEST is 04:30 UTC.
    expect(nextChange(new Date('2026-03-28T22:00:00Z'), night, CPH)).toEqual(
      new Date('2026-03-29T04:30:00Z'),
    );
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; 06:30 CET is 05:30 UTC.
    expect(nextChange(new Date('2026-10-24T22:00:00Z'), night, CPH)).toEqual(
      new Date('2026-10-25T05:30:00Z'),
    );
    // The doubled hour is night both times.
    expect(isNight(new Date('2026-10-25T00:30:00Z'), night, CPH)).toBe(true); // 02:30 CEST
    expect(isNight(new Date('2026-10-25T01:30:00Z'), night, CPH)).toBe(true); // 02:30 CET
  });

  it('a night that starts in the hour that does not exist starts when the clock jumps', () => {
    const odd = { from: '02:30', to: '05:00' };
    // 02:00 CET (01:00 UTC) jumps to 03:00 CEST: 02:30 never comes, 03:00 is already night.
    expect(nextChange(new Date('2026-03-28T23:00:00Z'), odd, CPH)).toEqual(
      new Date('2026-03-29T01:00:00Z'),
    );
    expect(isNight(new Date('2026-03-29T01:00:00Z'), odd, CPH)).toBe(true);
  });
});

describe('display power by day and night', () => {
  function start(atUtc: string) {
    const t = fakeTimers(Date.parse(atUtc));
    const blocker = { started: [] as number[], stopped: [] as number[], next: 1 };
    const listeners = new Map<string, () => void>();
    const states: string[] = [];
    const power = startDisplayPower({
      night,
      timeZone: CPH,
      timers: t.timers,
      blocker: {
        start: () => {
          const id = blocker.next++;
          blocker.started.push(id);
          return id;
        },
        stop: (id) => {
          blocker.stopped.push(id);
        },
      },
      monitor: { on: (e, l) => listeners.set(e, l) },
      log: () => {},
      onChange: (s) => states.push(s),
    });
    return { t, blocker, power, states, listeners };
  }

  it('keeps the display awake by day and lets it dim at night, checked at start', () => {
    const day = start('2026-12-01T12:00:00Z');
    expect(day.power.state()).toBe('day');
    expect(day.blocker.started).toEqual([1]);
    const n = start('2026-12-01T23:00:00Z'); // started in the night: no blocker at all
    expect(n.power.state()).toBe('night');
    expect(n.blocker.started).toEqual([]);
  });

  it('changes at 22:00 and 06:30 by itself, across midnight', () => {
    const f = start('2026-12-01T12:00:00Z');
    f.t.advance(9 * 60 * 60_000); // 22:00 local
    expect(f.power.state()).toBe('night');
    expect(f.blocker.stopped).toEqual([1]);
    f.t.advance(8.5 * 60 * 60_000); // 06:30 local the next day
    expect(f.power.state()).toBe('day');
    expect(f.blocker.started).toEqual([1, 2]);
    expect(f.states).toEqual(['day', 'night', 'day']);
  });

  it('notices a clock that jumped (a PC woken from sleep) on resume', () => {
    const f = start('2026-12-01T12:00:00Z');
    f.t.jump(Date.parse('2026-12-01T23:00:00Z'));
    f.listeners.get('resume')?.();
    expect(f.power.state()).toBe('night');
  });

  it('never holds a blocker after it is stopped', () => {
    const f = start('2026-12-01T12:00:00Z');
    f.power.dispose();
    expect(f.blocker.stopped).toEqual([1]);
    expect(f.t.pending()).toBe(0);
  });
});
