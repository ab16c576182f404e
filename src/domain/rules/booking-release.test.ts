import { describe, expect, it } from 'vitest';
import type { Booking } from '../model.js';
import { checkStart, isReleaseDue, releaseTime, START_EARLY_MINUTES } from './booking-release.js';

// A washer slot 10.00–11.00Z; released 15 minutes in when nobody started it.
const booking = (over: Partial<Booking> = {}): Booking => ({
  id: 'b1',
  resourceId: 'washer',
  residentId: 'anna',
  start: '2026-12-01T10:00:00.000Z',
  end: '2026-12-01T11:00:00.000Z',
  status: 'active',
  ...over,
});
const washer = { releaseAfterMinutes: 15 };
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00.000Z`);

describe('releaseTime', () => {
  it('is M minutes after the start', () => {
    expect(releaseTime(washer, booking())?.toISOString()).toBe('2026-12-01T10:15:00.000Z');
  });
  it('is never for a resource without the rule (null or absent, as stored before it existed)', () => {
    expect(releaseTime({ releaseAfterMinutes: null }, booking())).toBeNull();
    expect(releaseTime({}, booking())).toBeNull();
  });
  it('is never when M reaches the end of the booking (nothing would be freed)', () => {
    expect(releaseTime({ releaseAfterMinutes: 60 }, booking())).toBeNull();
    expect(releaseTime({ releaseAfterMinutes: 59 }, booking())).not.toBeNull();
  });
});

describe('isReleaseDue', () => {
  it.each([
    ['10:14', false],
    ['10:15', true],
    ['10:59', true],
    ['11:00', false], // over: releasing frees nothing
  ])('an unstarted booking at %s: %s', (time, due) => {
    expect(isReleaseDue(washer, booking(), at(time))).toBe(due);
  });
  it('is not due once the resident started using it', () => {
    expect(
      isReleaseDue(washer, booking({ startedAt: at('10:05').toISOString() }), at('10:30')),
    ).toBe(false);
  });
  it('is not due for a cancelled booking', () => {
    expect(isReleaseDue(washer, booking({ status: 'cancelled' }), at('10:30'))).toBe(false);
  });
  it('is not due for a resource without the rule', () => {
    expect(isReleaseDue({ releaseAfterMinutes: null }, booking(), at('10:30'))).toBe(false);
  });
});

describe('checkStart', () => {
  it(`may start from ${START_EARLY_MINUTES} minutes before until the end`, () => {
    expect(checkStart(booking(), at('09:50'))).toEqual({ ok: true });
    expect(checkStart(booking(), at('10:40'))).toEqual({ ok: true });
  });
  it('refuses too early, after the end, and a released booking, each with its reason', () => {
    expect(checkStart(booking(), at('09:49'))).toMatchObject({
      code: 'closed',
      reason: 'too_early',
    });
    expect(checkStart(booking(), at('11:00'))).toMatchObject({
      code: 'closed',
      reason: 'in_the_past',
    });
    expect(
      checkStart(
        booking({ status: 'cancelled', releasedAt: at('10:15').toISOString() }),
        at('10:20'),
      ),
    ).toMatchObject({ code: 'closed', reason: 'booking_released' });
  });
  it('allows a repeated start (a second tap is harmless)', () => {
    expect(checkStart(booking({ startedAt: at('10:01').toISOString() }), at('10:02'))).toEqual({
      ok: true,
    });
  });
});
