import { describe, expect, it } from 'vitest';
import type { OverlaidMealAttendance, OverlaidSignUp, Rejection } from '../../../client/index.js';
import {
  activity,
  booking,
  dayItem,
  meal,
  resident,
  resource,
  signup,
} from '../../kiosk/test-support/builders.js';
import {
  buildWeek,
  firstDayOf,
  relativesMayAct,
  type ActivityEntry,
  type WeekClock,
  type WeekRows,
} from './week-model.js';

const TZ = 'Europe/Copenhagen';
/** Explicit offsets: Copenhagen is UTC+2 until Sunday 25 October 2026 03:00, then UTC+1. */
const iso = (s: string): string => new Date(s).toISOString();

// Friday 23 October 2026, 09:00 in Copenhagen (summer time); the week runs into winter time.
const clock: WeekClock = {
  now: new Date('2026-10-23T09:00:00+02:00'),
  timeZone: TZ,
  today: '2026-10-23',
};
const anna = resident('r-anna', { groupIds: ['g1'], relativesMayAct: true });

function rows(o: Partial<WeekRows> = {}): WeekRows {
  return {
    resident: anna,
    dayItems: [],
    activities: [],
    signups: [],
    bookings: [],
    resources: [],
    meals: [],
    attendance: [],
    rejections: [],
    ...o,
  };
}

const overlaid = (s: ReturnType<typeof signup>, pending: 'add' | 'cancel' | null = null) =>
  ({ ...s, pending }) as OverlaidSignUp;

describe('the week', () => {
  it('starts today, runs seven days, and pages by whole weeks', () => {
    const week = buildWeek(rows(), '2026-10-23', 7, clock);
    expect(week.map((d) => d.date)).toEqual([
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
    ]);
    expect(week.map((d) => d.isToday)).toEqual([true, false, false, false, false, false, false]);
    expect(firstDayOf('2026-10-23', 1)).toBe('2026-10-30');
    expect(firstDayOf('2026-10-23', -1)).toBe('2026-10-16');
    expect(firstDayOf('2026-10-23', 0)).toBe('2026-10-23');
  });

  it('shows activities and bookings at their wall-clock time on both sides of the DST change', () => {
    const week = buildWeek(
      rows({
        activities: [
          activity('before', {
            title: 'Tur i minibus',
            start: iso('2026-10-24T14:00:00+02:00'),
            end: iso('2026-10-24T16:00:00+02:00'),
          }),
          activity('after', {
            title: 'Bingo',
            start: iso('2026-10-26T14:00:00+01:00'),
            end: iso('2026-10-26T15:30:00+01:00'),
          }),
          // 00:30 in Copenhagen on the 25th is still the 24th in UTC: it belongs to the 25th.
          activity('night', {
            title: 'Nattevandring',
            start: iso('2026-10-25T00:30:00+02:00'),
            end: iso('2026-10-25T01:30:00+02:00'),
          }),
        ],
        resources: [resource('res-1', { name: 'Vaskemaskinen' })],
        bookings: [
          {
            ...booking('b1', {
              residentId: 'r-anna',
              start: iso('2026-10-25T10:00:00+01:00'),
              end: iso('2026-10-25T12:00:00+01:00'),
            }),
            pending: null,
          },
          // Someone else's booking is never shown as Anna's.
          {
            ...booking('b2', {
              residentId: 'r-bo',
              start: iso('2026-10-25T13:00:00+01:00'),
              end: iso('2026-10-25T14:00:00+01:00'),
            }),
            pending: null,
          },
        ],
      }),
      '2026-10-23',
      7,
      clock,
    );
    const sat = week.find((d) => d.date === '2026-10-24')?.entries ?? [];
    const sun = week.find((d) => d.date === '2026-10-25')?.entries ?? [];
    const mon = week.find((d) => d.date === '2026-10-26')?.entries ?? [];
    expect(sat.map((e) => [e.title, e.start, e.end])).toEqual([
      ['Tur i minibus', '14:00', '16:00'],
    ]);
    expect(mon.map((e) => [e.title, e.start, e.end])).toEqual([['Bingo', '14:00', '15:30']]);
    expect(sun.map((e) => [e.kind, e.title, e.start])).toEqual([
      ['activity', 'Nattevandring', '00:30'],
      ['booking', 'Vaskemaskinen', '10:00'],
    ]);
  });

  it('is the resident’s day structure: their own items and their groups’, in time order', () => {
    const week = buildWeek(
      rows({
        dayItems: [
          dayItem('lunch', { date: '2026-10-26', start: '12:00', title: 'Frokost' }),
          dayItem('walk', {
            date: '2026-10-26',
            start: '10:00',
            end: '11:00',
            title: 'Gåtur',
            residentId: 'r-anna',
            groupId: null,
          }),
          dayItem('other-house', { date: '2026-10-26', groupId: 'g2', title: 'Hus 2 frokost' }),
          dayItem('bo', {
            date: '2026-10-26',
            residentId: 'r-bo',
            groupId: null,
            title: 'Bos frisør',
          }),
          dayItem('changed', {
            date: '2026-10-26',
            start: '08:00',
            title: 'Morgenmad',
            changedOn: '2026-10-26',
          }),
        ],
        activities: [
          activity('a', {
            title: 'Bingo',
            start: iso('2026-10-26T12:00:00+01:00'),
            end: iso('2026-10-26T13:00:00+01:00'),
          }),
        ],
      }),
      '2026-10-23',
      7,
      clock,
    );
    const mon = week.find((d) => d.date === '2026-10-26')?.entries ?? [];
    expect(mon.map((e) => `${e.start} ${e.title}`)).toEqual([
      '08:00 Morgenmad',
      '10:00 Gåtur',
      '12:00 Frokost',
      '12:00 Bingo',
    ]);
    expect(mon[0]).toMatchObject({ kind: 'day', changed: true });
  });

  it('marks today’s past items and the current one', () => {
    const week = buildWeek(
      rows({
        dayItems: [
          dayItem('breakfast', { date: '2026-10-23', start: '08:00', title: 'Morgenmad' }),
          dayItem('workshop', {
            date: '2026-10-23',
            start: '08:30',
            end: '11:00',
            title: 'Værksted',
          }),
          dayItem('lunch', { date: '2026-10-23', start: '12:00', title: 'Frokost' }),
        ],
      }),
      '2026-10-23',
      2,
      clock,
    );
    expect(week[0]?.entries.map((e) => [e.title, e.tone])).toEqual([
      ['Morgenmad', 'past'],
      ['Værksted', 'now'],
      ['Frokost', 'normal'],
    ]);
  });
});

describe('the spring DST day (Sunday 28 March 2027, 02.00 → 03.00)', () => {
  // 10.00 summer time on the 23-hour day: an hour less since midnight than the wall clock says.
  const spring: WeekClock = {
    now: new Date('2027-03-28T10:00:00+02:00'),
    timeZone: TZ,
    today: '2027-03-28',
  };

  it('marks now and past by the wall clock, and places activities at their local time', () => {
    const week = buildWeek(
      rows({
        dayItems: [
          dayItem('breakfast', { date: '2027-03-28', start: '08:00', title: 'Morgenmad' }),
          dayItem('walk', { date: '2027-03-28', start: '09:30', end: '10:30', title: 'Gåtur' }),
          dayItem('coffee', { date: '2027-03-28', start: '10:30', title: 'Kaffe' }),
        ],
        activities: [
          activity('sat', {
            title: 'Lørdagsbingo',
            start: iso('2027-03-27T14:00:00+01:00'),
            end: iso('2027-03-27T15:00:00+01:00'),
          }),
          activity('sun', {
            title: 'Søndagskoncert',
            start: iso('2027-03-28T14:00:00+02:00'),
            end: iso('2027-03-28T15:00:00+02:00'),
          }),
        ],
      }),
      '2027-03-27',
      2,
      spring,
    );
    expect(week[0]?.entries.map((e) => [e.title, e.start, e.tone])).toEqual([
      ['Lørdagsbingo', '14:00', 'normal'],
    ]);
    expect(week[1]?.entries.map((e) => [e.title, e.start, e.tone])).toEqual([
      ['Morgenmad', '08:00', 'past'],
      ['Gåtur', '09:30', 'now'],
      ['Kaffe', '10:30', 'normal'],
      ['Søndagskoncert', '14:00', 'normal'],
    ]);
  });
});

describe('activities in the week', () => {
  const trip = activity('trip', {
    title: 'Tur i minibus',
    start: iso('2026-10-27T14:00:00+01:00'),
    end: iso('2026-10-27T16:00:00+01:00'),
    capacity: 8,
    confirmedCount: 5,
  });
  const entryOf = (o: Partial<WeekRows>): ActivityEntry => {
    const week = buildWeek(rows({ activities: [trip], ...o }), '2026-10-23', 7, clock);
    const e = week.flatMap((d) => d.entries).find((x) => x.kind === 'activity');
    if (e?.kind !== 'activity') throw new Error('no activity entry');
    return e;
  };

  it('an open activity for the resident’s groups can be joined, with places left', () => {
    const e = entryOf({});
    expect(e).toMatchObject({ standing: 'none', canJoin: true, canCancel: false, closed: null });
    expect(e.places).toEqual({ left: 3, full: false });
  });

  it('counts a change still to be sent in the places, as the wall does (activityState)', () => {
    const cancelling: OverlaidSignUp = { ...signup('trip', 'r-anna'), pending: 'cancel' };
    // Anna is one of the 5 confirmed; her pending cancel frees her place.
    expect(
      entryOf({ activities: [{ ...trip, confirmedCount: 5 }], signups: [cancelling] }).places,
    ).toEqual({ left: 4, full: false });
  });

  it('an activity for another house is not shown unless the resident is on it', () => {
    const other = { ...trip, audience: { kind: 'groups' as const, groupIds: ['g2'] } };
    expect(
      buildWeek(rows({ activities: [other] }), '2026-10-23', 7, clock).flatMap((d) => d.entries),
    ).toEqual([]);
    const on = buildWeek(
      rows({ activities: [other], signups: [overlaid(signup('trip', 'r-anna'))] }),
      '2026-10-23',
      7,
      clock,
    ).flatMap((d) => d.entries);
    expect(on).toHaveLength(1);
  });

  it('says confirmed, waiting with the place, and what is still to be sent', () => {
    expect(entryOf({ signups: [overlaid(signup('trip', 'r-anna'))] })).toMatchObject({
      standing: 'confirmed',
      canJoin: false,
      canCancel: true,
    });
    expect(
      entryOf({
        signups: [overlaid(signup('trip', 'r-anna', { status: 'waitlisted', position: 2 }))],
      }),
    ).toMatchObject({ standing: 'waitlisted', position: 2, canCancel: true });
    const adding: OverlaidSignUp = {
      id: 'trip:r-anna',
      activityId: 'trip',
      residentId: 'r-anna',
      status: null,
      position: null,
      pending: 'add',
    };
    expect(entryOf({ signups: [adding] })).toMatchObject({
      standing: 'none',
      pending: 'add',
      canJoin: false,
      canCancel: true,
    });
    expect(entryOf({ signups: [overlaid(signup('trip', 'r-anna'), 'cancel')] })).toMatchObject({
      standing: 'confirmed',
      pending: 'cancel',
      canJoin: true,
      canCancel: false,
    });
  });

  it('is closed after the deadline, while it runs and once it is over (the domain’s rule)', () => {
    const deadline = { ...trip, signupDeadline: iso('2026-10-23T08:00:00+02:00') };
    expect(entryOf({ activities: [deadline] })).toMatchObject({
      closed: 'deadline',
      canJoin: false,
    });
    const running = {
      ...trip,
      start: iso('2026-10-23T08:30:00+02:00'),
      end: iso('2026-10-23T10:00:00+02:00'),
    };
    expect(entryOf({ activities: [running] })).toMatchObject({ closed: 'ongoing', tone: 'now' });
    const over = {
      ...trip,
      start: iso('2026-10-23T07:00:00+02:00'),
      end: iso('2026-10-23T08:00:00+02:00'),
    };
    expect(entryOf({ activities: [over] })).toMatchObject({ closed: 'ended', tone: 'past' });
  });

  it('a full activity waits on the list when it has one, and cannot be joined when not', () => {
    const full = { ...trip, confirmedCount: 8 };
    expect(entryOf({ activities: [full] })).toMatchObject({ canJoin: true, joinWaits: true });
    expect(entryOf({ activities: [{ ...full, waitlist: false }] })).toMatchObject({
      canJoin: false,
    });
  });

  it('carries the latest refusal of a sign-up for this resident and activity', () => {
    const refusal = (id: string, at: string, residentId = 'r-anna'): Rejection => ({
      id,
      name: 'signup.add',
      args: { activityId: 'trip', residentId },
      code: 'full',
      message: 'full',
      reason: null,
      at,
    });
    const e = entryOf({
      rejections: [
        refusal('m1', '2026-10-23T06:00:00.000Z'),
        refusal('m2', '2026-10-23T07:00:00.000Z'),
        refusal('m3', '2026-10-23T08:00:00.000Z', 'r-bo'),
      ],
    });
    expect(e.refusal?.id).toBe('m2');
  });
});

describe('meals in the week', () => {
  const answer = (
    mealId: string,
    attending: boolean,
    pending: 'add' | 'cancel' | null = null,
  ): OverlaidMealAttendance => ({
    id: `${mealId}:r-anna`,
    mealId,
    residentId: 'r-anna',
    attending,
    updatedAt: '2026-10-22T08:00:00.000Z',
    pending,
  });

  it('in the order they are eaten, with the resident’s answer and what may still be answered', () => {
    const week = buildWeek(
      rows({
        meals: [
          meal('d', { date: '2026-10-23', slot: 'dinner', dish: 'Frikadeller' }),
          meal('b', { date: '2026-10-23', slot: 'breakfast', dish: 'Havregrød' }),
          meal('l', { date: '2026-10-23', slot: 'lunch', dish: 'Smørrebrød' }),
          meal('s', { date: '2026-10-23', slot: 'snack', dish: 'Kage', signUp: false }),
        ],
        attendance: [answer('b', true), answer('d', false, 'cancel')],
      }),
      '2026-10-23',
      1,
      // 10.30: breakfast is over, the rest is not.
      { ...clock, now: new Date('2026-10-23T10:30:00+02:00') },
    );
    expect(
      week[0]?.meals.map((m) => [m.meal.dish, m.answer, m.pending, m.asks, m.over, m.answerable]),
    ).toEqual([
      ['Havregrød', 'yes', false, true, true, false],
      ['Smørrebrød', 'unanswered', false, true, false, true],
      ['Frikadeller', 'no', true, true, false, true],
      ['Kage', 'unanswered', false, false, false, false],
    ]);
  });

  it('asks nothing for a resident without meal answers', () => {
    const week = buildWeek(
      rows({
        resident: { ...anna, mealSignUp: false },
        meals: [meal('l', { date: '2026-10-24' })],
      }),
      '2026-10-23',
      7,
      clock,
    );
    expect(week[1]?.meals[0]).toMatchObject({ asks: false, answerable: false });
  });
});

describe('acting on the resident’s behalf', () => {
  it('only where staff set relativesMayAct to true; absent or anything else is no', () => {
    expect(relativesMayAct({ relativesMayAct: true })).toBe(true);
    expect(relativesMayAct({ relativesMayAct: false })).toBe(false);
    expect(relativesMayAct({})).toBe(false);
    expect(relativesMayAct(JSON.parse('{"relativesMayAct":"yes"}') as object)).toBe(false);
  });
});
