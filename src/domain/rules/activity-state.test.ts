import { describe, expect, it } from 'vitest';
import type { Activity } from '../model.js';
import { activityState, type KnownSignUp } from './capacity.js';

type A = Parameters<typeof activityState>[0];
const activity = (over: Partial<A> = {}): A => ({
  capacity: 5,
  waitlist: true,
  signupDeadline: null,
  start: '2026-11-24T13:00:00.000Z',
  end: '2026-11-24T15:00:00.000Z',
  confirmedCount: 0,
  waitlistCount: 0,
  ...over,
});
const at = (iso: string) => new Date(iso);
const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta);
const morning = at('2026-11-24T08:00:00.000Z');
const known = (
  residentId: string,
  status: KnownSignUp['status'],
  pending: KnownSignUp['pending'] = null,
  position: number | null = null,
): KnownSignUp => ({ residentId, status, pending, position });

describe('activityState: the clock', () => {
  const start = '2026-11-24T13:00:00.000Z';
  const end = '2026-11-24T15:00:00.000Z';
  const deadline = '2026-11-24T10:00:00.000Z';

  it.each([
    ['1 ms before the deadline', activity({ signupDeadline: deadline }), ms(deadline, -1), null],
    ['at the deadline', activity({ signupDeadline: deadline }), at(deadline), 'deadline'],
    [
      'between deadline and start',
      activity({ signupDeadline: deadline }),
      ms(start, -1),
      'deadline',
    ],
    ['without a deadline, 1 ms before the start', activity(), ms(start, -1), null],
    ['without a deadline, at the start', activity(), at(start), 'ongoing'],
    ['1 ms before the end', activity(), ms(end, -1), 'ongoing'],
    ['at the end', activity(), at(end), 'ended'],
    // Staff may leave sign-up open after the start: then it is open while it runs, until the deadline.
    [
      'a deadline after the start, while it runs',
      activity({ signupDeadline: '2026-11-24T14:00:00.000Z' }),
      at('2026-11-24T13:30:00.000Z'),
      null,
    ],
    [
      'a deadline after the start, once passed',
      activity({ signupDeadline: '2026-11-24T14:00:00.000Z' }),
      at('2026-11-24T14:00:00.000Z'),
      'ongoing',
    ],
    [
      'a deadline after the end closes at the end',
      activity({ signupDeadline: '2026-11-24T18:00:00.000Z' }),
      at(end),
      'ended',
    ],
  ] as const)('%s', (_name, a, now, closed) => {
    const s = activityState(a, now);
    expect(s.closed).toBe(closed);
    expect(s.join === 'closed').toBe(closed !== null);
  });

  it('keeps the places of a closed activity (Home and the card say why it is closed instead)', () => {
    const s = activityState(activity({ confirmedCount: 0 }), at(start));
    expect(s.closed).toBe('ongoing');
    expect(s.places).toEqual({ left: 5, full: false });
  });
});

describe('activityState: places', () => {
  it.each([
    [
      'no limit',
      activity({ capacity: null, confirmedCount: 40 }),
      { left: null, full: false },
      'confirmed',
    ],
    [
      'places left',
      activity({ capacity: 8, confirmedCount: 3 }),
      { left: 5, full: false },
      'confirmed',
    ],
    [
      'the last place',
      activity({ capacity: 8, confirmedCount: 7 }),
      { left: 1, full: false },
      'confirmed',
    ],
    [
      'full, with a waiting list',
      activity({ capacity: 8, confirmedCount: 8 }),
      { left: 0, full: true },
      'waitlisted',
    ],
    [
      'full, without a waiting list',
      activity({ capacity: 8, confirmedCount: 8, waitlist: false }),
      { left: 0, full: true },
      'full',
    ],
    // One place, but somebody already waits for it: a newcomer would wait too.
    [
      'a place that the waiting list has',
      activity({ capacity: 8, confirmedCount: 7, waitlistCount: 1 }),
      { left: 1, full: true },
      'waitlisted',
    ],
    [
      'capacity lowered below the confirmed',
      activity({ capacity: 2, confirmedCount: 4, waitlist: false }),
      { left: 0, full: true },
      'full',
    ],
  ] as const)('%s', (_name, a, places, join) => {
    const s = activityState(a, morning);
    expect(s.places).toEqual(places);
    expect(s.join).toBe(join);
  });
});

describe('activityState: changes still to be sent', () => {
  it('a pending sign-up takes a place, is named as on it, and counts', () => {
    const s = activityState(activity({ capacity: 3, confirmedCount: 1 }), morning, [
      known('anna', null, 'add'),
    ]);
    expect(s.standing.get('anna')).toBe('confirmed');
    expect(s.confirmed).toBe(2);
    expect(s.places).toEqual({ left: 1, full: false });
  });

  it('a pending sign-up for the last place makes it full', () => {
    const s = activityState(
      activity({ capacity: 2, confirmedCount: 1, waitlist: false }),
      morning,
      [known('anna', null, 'add')],
    );
    expect(s.places).toEqual({ left: 0, full: true });
    expect(s.join).toBe('full');
  });

  it('a pending sign-up on a full activity waits, behind those already waiting', () => {
    const s = activityState(
      activity({ capacity: 2, confirmedCount: 2, waitlistCount: 1 }),
      morning,
      [known('anna', null, 'add')],
    );
    expect(s.standing.get('anna')).toBe('waitlisted');
    expect(s.waitlisted).toBe(2);
    expect(s.confirmed).toBe(2);
  });

  it('a pending cancel frees the place and names the resident no more', () => {
    const s = activityState(
      activity({ capacity: 2, confirmedCount: 2, waitlist: false }),
      morning,
      [known('anna', 'confirmed', 'cancel'), known('bent', 'confirmed')],
    );
    expect(s.standing.get('anna')).toBe('none');
    expect(s.standing.get('bent')).toBe('confirmed');
    expect(s.places).toEqual({ left: 1, full: false });
  });

  it('a pending cancel of a place promotes the first waiting', () => {
    const s = activityState(
      activity({ capacity: 2, confirmedCount: 2, waitlistCount: 2 }),
      morning,
      [known('anna', 'confirmed', 'cancel'), known('carl', 'waitlisted', null, 2)],
    );
    // The first waiting is somebody the screen may not name; Carl stays number 2, now number 1.
    expect(s.confirmed).toBe(2);
    expect(s.waitlisted).toBe(1);
    expect(s.standing.get('carl')).toBe('waitlisted');
  });

  it('a pending cancel of a waiting resident shortens the waiting list only', () => {
    const s = activityState(
      activity({ capacity: 2, confirmedCount: 2, waitlistCount: 1 }),
      morning,
      [known('carl', 'waitlisted', 'cancel', 1)],
    );
    expect(s.confirmed).toBe(2);
    expect(s.waitlisted).toBe(0);
    expect(s.standing.get('carl')).toBe('none');
  });

  it('a pending sign-up the server already has changes nothing (no double count)', () => {
    const s = activityState(activity({ capacity: 3, confirmedCount: 1 }), morning, [
      known('anna', 'confirmed', 'add'),
    ]);
    expect(s.confirmed).toBe(1);
    expect(s.standing.get('anna')).toBe('confirmed');
  });

  it('a pending sign-up refused by the rules (full, no waiting list) is on nothing', () => {
    const s = activityState(
      activity({ capacity: 1, confirmedCount: 1, waitlist: false }),
      morning,
      [known('anna', null, 'add')],
    );
    expect(s.standing.get('anna')).toBe('none');
    expect(s.confirmed).toBe(1);
  });

  it('accepts an Activity row as it is', () => {
    const row: Activity = {
      id: 'a',
      title: 'Tur i minibus',
      description: '',
      pictogram: null,
      place: '',
      audience: { kind: 'all' },
      recurrence: null,
      seriesId: null,
      ...activity({ capacity: 8, confirmedCount: 3, signupDeadline: '2026-11-24T07:00:00.000Z' }),
    };
    const s = activityState(row, morning);
    expect(s).toMatchObject({
      closed: 'deadline',
      places: { left: 5, full: false },
      join: 'closed',
    });
  });
});
