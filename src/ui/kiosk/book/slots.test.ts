/**
 * Today's slots on the wall start at "now" (issue 11): a slot that has ended can no longer be
 * booked (the domain's rule), so it drops out instead of filling pages with "Tiden er gået"; the
 * one under way stays (what is left of it may still be booked). Another day shows all its slots.
 * A fixed "now", never the time of day the test runs at.
 */
import { describe, expect, it } from 'vitest';
import type { OverlaidBooking } from '../../../client/index.js';
import { booking, cph, resource } from '../test-support/builders.js';
import { slotViews } from './slots.js';

const TZ = 'Europe/Copenhagen';
/** Ten-minute slots all day: 144 a day, 49 pages of three before past slots dropped out. */
const dryer = resource('res-dryer', {
  slotMinutes: 10,
  opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '00:00', to: '00:00' })),
});
const washer = resource('res-1');
const local = (d: Date) =>
  d.toLocaleTimeString('da-DK', { timeZone: TZ, hour: '2-digit', minute: '2-digit' });
const held = (b: ReturnType<typeof booking>): OverlaidBooking => ({ ...b, pending: null });

describe('slotViews', () => {
  it("starts today's slots at the one under way: a ten-minute day at 14.05 has 60 left, not 144", () => {
    const views = slotViews(dryer, '2026-11-24', TZ, [], new Date(cph('2026-11-24', '14:05')));
    expect(views).toHaveLength(60);
    expect(local(views[0]!.start)).toBe('14.00');
    expect(views[0]!.state).toBe('free');
    expect(local(views.at(-1)!.start)).toBe('23.50');
  });

  it('drops a slot the moment it ends, a booked one too', () => {
    const taken = [
      held(booking('b1', { start: cph('2026-11-24', '08:00'), end: cph('2026-11-24', '10:00') })),
    ];
    const at = (time: string) =>
      slotViews(washer, '2026-11-24', TZ, taken, new Date(cph('2026-11-24', time))).map((v) =>
        local(v.start),
      );
    expect(at('09:59')).toEqual(['08.00', '10.00', '12.00', '14.00', '16.00', '18.00']);
    expect(at('10:00')).toEqual(['10.00', '12.00', '14.00', '16.00', '18.00']);
  });

  it('offers nothing once the day is over, and every slot of a day to come', () => {
    const evening = new Date(cph('2026-11-24', '20:00'));
    expect(slotViews(washer, '2026-11-24', TZ, [], evening)).toEqual([]);
    expect(slotViews(dryer, '2026-11-25', TZ, [], evening)).toHaveLength(144);
  });
});
