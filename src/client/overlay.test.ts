import { describe, expect, it } from 'vitest';
import type { Booking, MealAttendance } from '../domain/model.js';
import { signUpId } from '../domain/model.js';
import type { MutationArgs, MutationName } from '../protocol/index.js';
import type { OutboxEntry } from './db.js';
import { signUpRow } from './fake-server.test-util.js';
import {
  overlayBookings,
  overlayMealAttendance,
  overlaySignUps,
  pendingBookingId,
  pendingFor,
} from './overlay.js';

let seq = 0;
const pending = <N extends MutationName>(
  name: N,
  args: MutationArgs<N>,
  state: OutboxEntry['state'] = 'pending',
): OutboxEntry => {
  seq++;
  return {
    seq,
    id: `m${seq}`,
    name,
    args: args,
    createdAt: '2026-11-24T10:00:00.000Z',
    attempts: 0,
    lastError: null,
    state,
    appliedCursor: state === 'applied' ? 99 : null,
  };
};

describe('pendingFor', () => {
  it('lists pending mutations of the given names, oldest first, typed by name', () => {
    const a = pending('signup.add', { activityId: 'a1', residentId: 'r1' });
    const m = pending('meal.attend', { mealId: 'm1', residentId: 'r1', attending: true });
    const c = pending('signup.cancel', { activityId: 'a1', residentId: 'r1' });
    const found = pendingFor([c, m, a], 'signup.add', 'signup.cancel');
    expect(found.map((e) => e.name)).toEqual(['signup.add', 'signup.cancel']);
    expect(found[0]?.args.activityId).toBe('a1');
    expect(pendingFor([a, m, c], 'meal.attend').map((e) => e.args.attending)).toEqual([true]);
  });
});

describe('overlaySignUps', () => {
  it('shows a pending sign-up the cache has no row for yet', () => {
    const rows = overlaySignUps(
      [],
      [pending('signup.add', { activityId: 'a1', residentId: 'r1' })],
    );
    expect(rows).toEqual([
      {
        id: signUpId('a1', 'r1'),
        activityId: 'a1',
        residentId: 'r1',
        status: null,
        position: null,
        pending: 'add',
      },
    ]);
  });

  it('marks a cached sign-up that is being cancelled', () => {
    const row = signUpRow('a1', 'r1');
    const rows = overlaySignUps(
      [row],
      [pending('signup.cancel', { activityId: 'a1', residentId: 'r1' })],
    );
    expect(rows).toEqual([{ ...row, pending: 'cancel' }]);
  });

  it('leaves rows without pending mutations as the server sent them', () => {
    const row = signUpRow('a1', 'r1', 'waitlisted');
    expect(overlaySignUps([row], [])).toEqual([{ ...row, pending: null }]);
  });

  it('lets the latest pending mutation decide: sign-up then cancel with no cached row shows nothing', () => {
    const outbox = [
      pending('signup.add', { activityId: 'a1', residentId: 'r1' }),
      pending('signup.cancel', { activityId: 'a1', residentId: 'r1' }),
    ];
    expect(overlaySignUps([], outbox)).toEqual([]);
    const cached = signUpRow('a1', 'r1', 'cancelled');
    const again = [...outbox, pending('signup.add', { activityId: 'a1', residentId: 'r1' })];
    expect(overlaySignUps([cached], again)).toEqual([{ ...cached, pending: 'add' }]);
  });

  it('keeps showing an applied mutation until the cache has caught up', () => {
    const rows = overlaySignUps(
      [],
      [pending('signup.add', { activityId: 'a1', residentId: 'r1' }, 'applied')],
    );
    expect(rows).toHaveLength(1);
  });

  it('filters pending-only rows by activity and resident', () => {
    const outbox = [
      pending('signup.add', { activityId: 'a1', residentId: 'r1' }),
      pending('signup.add', { activityId: 'a2', residentId: 'r1' }),
      pending('signup.add', { activityId: 'a1', residentId: 'r2' }),
    ];
    expect(overlaySignUps([], outbox, { activityId: 'a1' }).map((r) => r.residentId)).toEqual([
      'r1',
      'r2',
    ]);
    expect(overlaySignUps([], outbox, { residentId: 'r1' }).map((r) => r.activityId)).toEqual([
      'a1',
      'a2',
    ]);
  });
});

const booking = (id: string, patch: Partial<Booking> = {}): Booking => ({
  id,
  resourceId: 'wash',
  residentId: 'r1',
  start: '2026-11-24T10:00:00.000Z',
  end: '2026-11-24T11:00:00.000Z',
  status: 'active',
  ...patch,
});

describe('overlayBookings', () => {
  const add = {
    resourceId: 'wash',
    residentId: 'r1',
    start: '2026-11-24T12:00:00.000Z',
    end: '2026-11-24T13:00:00.000Z',
  };

  it('shows a pending booking under its client id, and one without under a pending id', () => {
    const withId = pending('booking.add', { ...add, bookingId: 'b-local' });
    const without = pending('booking.add', add);
    const rows = overlayBookings([], [withId, without]);
    expect(rows).toEqual([
      { id: 'b-local', ...add, status: 'active', pending: 'add' },
      { id: pendingBookingId(without.id), ...add, status: 'active', pending: 'add' },
    ]);
  });

  it('marks a cached booking that is being cancelled', () => {
    const rows = overlayBookings(
      [booking('b1'), booking('b2')],
      [pending('booking.cancel', { bookingId: 'b2' })],
    );
    expect(rows.map((r) => [r.id, r.pending])).toEqual([
      ['b1', null],
      ['b2', 'cancel'],
    ]);
  });

  it('a booking made and cancelled while offline shows nothing', () => {
    const outbox = [
      pending('booking.add', { ...add, bookingId: 'b9' }),
      pending('booking.cancel', { bookingId: 'b9' }),
    ];
    expect(overlayBookings([], outbox)).toEqual([]);
  });

  it('filters by resource', () => {
    const outbox = [pending('booking.add', { ...add, resourceId: 'bus', bookingId: 'x' })];
    expect(
      overlayBookings([booking('b1')], outbox, { resourceId: 'wash' }).map((r) => r.id),
    ).toEqual(['b1']);
    expect(
      overlayBookings([booking('b1')], outbox, { resourceId: 'bus' }).map((r) => r.id),
    ).toEqual(['x']);
  });
});

describe('overlayMealAttendance', () => {
  const cached: MealAttendance = {
    id: 'm1:r1',
    mealId: 'm1',
    residentId: 'r1',
    attending: true,
    updatedAt: '2026-11-24T08:00:00.000Z',
  };

  it('shows the pending answer over the cached one', () => {
    const rows = overlayMealAttendance(
      [cached],
      [pending('meal.attend', { mealId: 'm1', residentId: 'r1', attending: false })],
    );
    expect(rows).toEqual([{ ...cached, attending: false, pending: 'cancel' }]);
  });

  it('shows a pending answer with no cached row, latest wins', () => {
    const outbox = [
      pending('meal.attend', { mealId: 'm2', residentId: 'r1', attending: false }),
      pending('meal.attend', { mealId: 'm2', residentId: 'r1', attending: true }),
    ];
    expect(overlayMealAttendance([], outbox)).toEqual([
      {
        id: 'm2:r1',
        mealId: 'm2',
        residentId: 'r1',
        attending: true,
        updatedAt: '2026-11-24T10:00:00.000Z',
        pending: 'add',
      },
    ]);
  });

  it('filters by meal', () => {
    const outbox = [pending('meal.attend', { mealId: 'm2', residentId: 'r1', attending: true })];
    expect(overlayMealAttendance([cached], outbox, { mealId: 'm1' })).toEqual([
      { ...cached, pending: null },
    ]);
  });
});
