import { describe, expect, it } from 'vitest';
import {
  cancel,
  counts,
  placesLeft,
  rebalance,
  signUp,
  waitlistPositions,
  type SignUpActivity,
  type SignUpState,
} from './capacity.js';

const activity = (over: Partial<SignUpActivity> = {}): SignUpActivity => ({
  capacity: 2,
  waitlist: true,
  signupDeadline: '2026-11-24T08:00:00.000Z',
  start: '2026-11-24T09:00:00.000Z',
  end: '2026-11-24T11:00:00.000Z',
  ...over,
});
const before = new Date('2026-11-23T12:00:00.000Z');
const s = (residentId: string, status: SignUpState['status'], order: number): SignUpState => ({
  residentId,
  status,
  order,
});

/** Sign up residents one after the other, as the server would, each with the next seq. */
function signUpAll(a: SignUpActivity, ids: string[]): { list: SignUpState[]; refused: string[] } {
  let list: SignUpState[] = [];
  const refused: string[] = [];
  ids.forEach((id, i) => {
    const r = signUp(a, list, id, before, i + 1);
    if (r.ok) list = r.next;
    else refused.push(id);
  });
  return { list, refused };
}

describe('signUp', () => {
  it.each([
    ['a free place confirms', activity(), [], 'confirmed'],
    [
      'no limit always confirms',
      activity({ capacity: null }),
      [s('a', 'confirmed', 1), s('b', 'confirmed', 2)],
      'confirmed',
    ],
    [
      'a full activity with a waiting list waitlists',
      activity(),
      [s('a', 'confirmed', 1), s('b', 'confirmed', 2)],
      'waitlisted',
    ],
    [
      'cancelled places are free again',
      activity(),
      [s('a', 'confirmed', 1), s('b', 'cancelled', 2)],
      'confirmed',
    ],
    [
      'a newcomer does not overtake people already waiting',
      activity(),
      [s('a', 'confirmed', 1), s('b', 'waitlisted', 2)],
      'waitlisted',
    ],
  ] as const)('%s', (_name, a, list, outcome) => {
    const r = signUp(a, list, 'x', before, 10);
    expect(r).toMatchObject({ ok: true, outcome });
    if (r.ok) expect(r.next.find((e) => e.residentId === 'x')).toEqual(s('x', outcome, 10));
  });

  it('refuses a full activity without a waiting list', () => {
    const r = signUp(
      activity({ waitlist: false }),
      [s('a', 'confirmed', 1), s('b', 'confirmed', 2)],
      'x',
      before,
      3,
    );
    expect(r).toMatchObject({ ok: false, code: 'full' });
  });

  it('signing up twice changes nothing', () => {
    const list = [s('a', 'confirmed', 1), s('b', 'waitlisted', 2)];
    for (const id of ['a', 'b']) {
      const r = signUp(activity({ capacity: 1 }), list, id, before, 9);
      expect(r).toEqual({ ok: true, outcome: 'unchanged', next: list });
    }
  });

  it('a resident who cancelled can sign up again and goes to the back of the queue', () => {
    const list = [
      s('a', 'cancelled', 1),
      s('b', 'confirmed', 2),
      s('c', 'confirmed', 3),
      s('d', 'waitlisted', 4),
    ];
    const r = signUp(activity(), list, 'a', before, 5);
    expect(r).toMatchObject({ ok: true, outcome: 'waitlisted' });
    if (!r.ok) return;
    expect(r.next).toHaveLength(4);
    expect(r.next[0]).toEqual(s('a', 'waitlisted', 5));
    expect(waitlistPositions(r.next)).toEqual(
      new Map([
        ['d', 1],
        ['a', 2],
      ]),
    );
  });

  it('does not change the list it was given', () => {
    const list = [s('a', 'confirmed', 1)];
    signUp(activity(), list, 'b', before, 2);
    expect(list).toEqual([s('a', 'confirmed', 1)]);
  });

  it.each([
    ['at the deadline', activity(), '2026-11-24T08:00:00.000Z', 'deadline_passed'],
    ['after the deadline', activity(), '2026-11-24T08:30:00.000Z', 'deadline_passed'],
    [
      'when the activity has started and there is no deadline',
      activity({ signupDeadline: null }),
      '2026-11-24T09:00:00.000Z',
      'activity_ended',
    ],
    [
      'after the activity ended, even with a late deadline',
      activity({ signupDeadline: '2026-11-25T00:00:00.000Z' }),
      '2026-11-24T11:00:00.000Z',
      'activity_ended',
    ],
  ] as const)('is closed %s', (_name, a, now, reason) => {
    expect(signUp(a, [], 'x', new Date(now), 1)).toMatchObject({
      ok: false,
      code: 'closed',
      reason,
    });
  });

  it('is open until the activity starts when there is no deadline', () => {
    const r = signUp(
      activity({ signupDeadline: null }),
      [],
      'x',
      new Date('2026-11-24T08:59:59.999Z'),
      1,
    );
    expect(r).toMatchObject({ ok: true, outcome: 'confirmed' });
  });

  it('50 sign-ups for 5 places give 5 confirmed and 45 on the waiting list', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `r${i + 1}`);
    const { list, refused } = signUpAll(activity({ capacity: 5 }), ids);
    expect(refused).toEqual([]);
    expect(counts(list)).toEqual({ confirmed: 5, waitlisted: 45 });
    expect(list.filter((e) => e.status === 'confirmed').map((e) => e.residentId)).toEqual(
      ids.slice(0, 5),
    );
    const positions = waitlistPositions(list);
    expect(positions.get('r6')).toBe(1);
    expect(positions.get('r50')).toBe(45);
  });

  it('50 sign-ups for 5 places without a waiting list confirm 5 and refuse 45 as full', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `r${i + 1}`);
    const { list, refused } = signUpAll(activity({ capacity: 5, waitlist: false }), ids);
    expect(counts(list)).toEqual({ confirmed: 5, waitlisted: 0 });
    expect(refused).toEqual(ids.slice(5));
  });
});

describe('cancel', () => {
  const full = [
    s('a', 'confirmed', 1),
    s('b', 'confirmed', 2),
    s('c', 'waitlisted', 4),
    s('d', 'waitlisted', 3),
  ];

  it('a cancellation promotes the first on the waiting list', () => {
    const r = cancel(activity(), full, 'a', before);
    expect(r).toMatchObject({ ok: true, outcome: 'cancelled', promoted: ['d'] });
    if (!r.ok) return;
    expect(counts(r.next)).toEqual({ confirmed: 2, waitlisted: 1 });
    expect(r.next.find((e) => e.residentId === 'a')?.status).toBe('cancelled');
  });

  it('positions on the waiting list move up after a promotion', () => {
    expect(waitlistPositions(full)).toEqual(
      new Map([
        ['d', 1],
        ['c', 2],
      ]),
    );
    const r = cancel(activity(), full, 'b', before);
    if (!r.ok) throw new Error(r.message);
    expect(waitlistPositions(r.next)).toEqual(new Map([['c', 1]]));
  });

  it('leaving the waiting list promotes nobody', () => {
    const r = cancel(activity(), full, 'd', before);
    expect(r).toMatchObject({ ok: true, outcome: 'cancelled', promoted: [] });
    if (r.ok) expect(waitlistPositions(r.next)).toEqual(new Map([['c', 1]]));
  });

  it('promotes nobody while the activity is still over its (lowered) capacity', () => {
    const r = cancel(activity({ capacity: 1 }), full, 'a', before);
    expect(r).toMatchObject({ ok: true, outcome: 'cancelled', promoted: [] });
  });

  it.each([
    ['never signed up', 'x'],
    ['already cancelled', 'e'],
  ])('cancelling when %s changes nothing', (_name, id) => {
    const list = [...full, s('e', 'cancelled', 5)];
    expect(cancel(activity(), list, id, before)).toEqual({
      ok: true,
      outcome: 'unchanged',
      promoted: [],
      next: list,
    });
  });

  it('is closed after the deadline', () => {
    expect(cancel(activity(), full, 'a', new Date('2026-11-24T08:00:00.000Z'))).toMatchObject({
      ok: false,
      code: 'closed',
      reason: 'deadline_passed',
    });
  });
});

describe('rebalance', () => {
  const list = [
    s('a', 'confirmed', 1),
    s('b', 'confirmed', 2),
    s('c', 'waitlisted', 5),
    s('d', 'waitlisted', 3),
    s('e', 'waitlisted', 4),
    s('f', 'cancelled', 6),
  ];

  it.each([
    ['raising the capacity promotes from the waiting list in order', 4, ['d', 'e']],
    ['unlimited capacity promotes everyone waiting', null, ['d', 'e', 'c']],
    ['the same capacity promotes nobody', 2, []],
    ['lowering the capacity demotes nobody', 1, []],
  ] as const)('%s', (_name, capacity, promoted) => {
    const r = rebalance(capacity, list);
    expect(r.promoted).toEqual(promoted);
    expect(counts(r.next).confirmed).toBe(2 + promoted.length);
    expect(r.next.find((e) => e.residentId === 'f')?.status).toBe('cancelled');
  });
});

describe('places and counts', () => {
  it.each([
    [5, 2, 3],
    [5, 5, 0],
    [3, 5, 0],
    [null, 100, null],
  ] as const)('capacity %s with %i confirmed leaves %s places', (capacity, confirmed, left) => {
    expect(placesLeft(capacity, confirmed)).toBe(left);
  });

  it('counts confirmed and waiting residents but not cancelled ones', () => {
    expect(
      counts([s('a', 'confirmed', 1), s('b', 'waitlisted', 2), s('c', 'cancelled', 3)]),
    ).toEqual({
      confirmed: 1,
      waitlisted: 1,
    });
  });
});
