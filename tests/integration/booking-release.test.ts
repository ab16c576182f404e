/**
 * Issue 9, booking rules: a booked slot nobody started using is given back after the resource's
 * M minutes by the server's sweep (a `booking.release` committed as `system:booking-release`,
 * audited, pushed), the kiosk can book what is left of it, a started booking is kept, and at
 * most N active bookings per resident holds over the wire.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '../../src/protocol/index.js';
import { RELEASE_ACTOR, dueBookings } from '../../src/server/sync/booking-release.js';
import { resource, seedResidents } from '../helpers/fixtures.js';
import {
  apply,
  mutate,
  pullAll,
  replay,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let clock: Date;
let staff: SyncSocket;
let kiosk: SyncSocket;

// Wednesday 2 December 2026; the washer is open all day in one-hour slots.
const at = (hhmm: string) => `2026-12-02T${hhmm}:00.000Z`;
const setClock = (hhmm: string) => {
  clock = new Date(at(hhmm));
};

beforeEach(async () => {
  setClock('09:00');
  t = await startTestServer({ now: () => clock, bookingReleaseEveryMs: 30 });
  staff = await t.staff();
  await seedResidents(staff, 3, (i) => i !== 3);
  await apply(staff, 'resource.put', resource('washer', { releaseAfterMinutes: 15 }));
  kiosk = await t.connect(await t.kioskToken());
});
afterEach(async () => {
  await t.close();
});

const book = (id: string, residentId: string, from: string, to: string, socket = kiosk) =>
  mutate(socket, 'booking.add', {
    bookingId: id,
    resourceId: 'washer',
    residentId,
    start: at(from),
    end: at(to),
  });

/** Resolves with the first pushed change that matches (pushes of other changes pass by). */
const pushWith = (socket: SyncSocket, match: (c: Change) => boolean): Promise<Change> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no such push within 10 s')), 10_000);
    const listener = (push: { changes: Change[] }) => {
      const found = push.changes.find(match);
      if (!found) return;
      clearTimeout(timer);
      socket.off('changes', listener);
      resolve(found);
    };
    socket.on('changes', listener);
  });

const bookingOn = async (socket: SyncSocket, id: string) =>
  replay((await pullAll(socket)).changes, 'booking').get(id);

describe('release of a booked slot nobody started using', () => {
  it('gives the slot back after M minutes, audited as the system, pushed, and bookable again', async () => {
    expect(await book('b1', 'r1', '10:00', '11:00')).toMatchObject({ status: 'applied' });

    setClock('10:14');
    expect(await dueBookings(t.server.store, clock)).toEqual([]);

    const pushed = pushWith(kiosk, (c) => c.id === 'b1' && c.data?.status === 'cancelled');
    setClock('10:15');
    expect(await pushed).toMatchObject({
      type: 'booking',
      id: 'b1',
      data: { status: 'cancelled', releasedAt: at('10:15') },
    });

    const audit = await t.server.store.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'booking.release')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: RELEASE_ACTOR, entity_type: 'booking' });
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ bookingId: 'b1' });

    // Another resident books what is left of the slot from the kiosk.
    setClock('10:20');
    expect(await book('b2', 'r2', '10:00', '11:00')).toMatchObject({ status: 'applied' });
  });

  it('keeps a booking the resident started ("I\'m using it now")', async () => {
    await book('b1', 'r1', '10:00', '11:00');
    setClock('10:05');
    expect(await mutate(kiosk, 'booking.start', { bookingId: 'b1' })).toMatchObject({
      status: 'applied',
      result: { booking: 'started' },
    });
    // A second tap is harmless and keeps the first time.
    setClock('10:06');
    await apply(kiosk, 'booking.start', { bookingId: 'b1' });
    expect(await bookingOn(staff, 'b1')).toMatchObject({
      status: 'active',
      startedAt: at('10:05'),
    });

    setClock('10:30');
    expect(await dueBookings(t.server.store, clock)).toEqual([]);
    expect((await bookingOn(staff, 'b1'))?.status).toBe('active');
  });

  it('releases nothing of a resource without the rule', async () => {
    await apply(staff, 'resource.put', resource('washer', { releaseAfterMinutes: null }));
    await book('b1', 'r1', '10:00', '11:00');
    setClock('10:45');
    expect(await dueBookings(t.server.store, clock)).toEqual([]);
  });

  it('refuses bad starts and releases, each with its reason', async () => {
    await book('b1', 'r1', '10:00', '11:00');
    await book('b3', 'r3', '12:00', '13:00', staff); // r3 has no wall consent
    const cases: [SyncSocket, string, unknown, object][] = [
      [kiosk, 'booking.start', { bookingId: 'nope' }, { code: 'not_found' }],
      [kiosk, 'booking.start', { bookingId: 'b1' }, { code: 'closed', reason: 'too_early' }],
      [kiosk, 'booking.start', { bookingId: 'b3' }, { code: 'forbidden', reason: 'no_consent' }],
      [kiosk, 'booking.start', { bookingId: 42 }, { code: 'invalid' }],
      [kiosk, 'booking.start', { bookingId: 'b1', extra: 1 }, { code: 'invalid' }],
      [kiosk, 'booking.start', { bookingId: 'x'.repeat(101) }, { code: 'invalid' }],
      [kiosk, 'booking.release', { bookingId: 'b1' }, { code: 'forbidden' }],
      [staff, 'booking.release', { bookingId: 'b1' }, { code: 'forbidden' }],
    ];
    for (const [socket, name, args, expected] of cases) {
      const res: unknown = await socket
        .timeout(10_000)
        .emitWithAck('mutate', { id: crypto.randomUUID(), name, args } as never);
      expect(res, `${name} ${JSON.stringify(args)}`).toMatchObject({
        status: 'rejected',
        ...expected,
      });
    }
    // Once released, a start is refused as given back.
    setClock('10:15');
    await vi.waitFor(async () => expect((await bookingOn(kiosk, 'b1'))?.status).toBe('cancelled'));
    expect(await mutate(kiosk, 'booking.start', { bookingId: 'b1' })).toMatchObject({
      status: 'rejected',
      code: 'closed',
      reason: 'booking_released',
    });
  });

  it.each([0, 24 * 60 + 1, 2.5, '15'])('refuses a release rule of %s minutes', async (m) => {
    const bad = { ...resource('washer'), releaseAfterMinutes: m } as never;
    expect(await mutate(staff, 'resource.put', bad)).toMatchObject({
      status: 'rejected',
      code: 'invalid',
    });
  });
});

describe('at most N active bookings per resident', () => {
  it('refuses the booking over the limit, and allows one again when a booking ends', async () => {
    await apply(staff, 'resource.put', resource('washer', { maxActivePerResident: 2 }));
    expect(await book('b1', 'r1', '10:00', '11:00')).toMatchObject({ status: 'applied' });
    expect(await book('b2', 'r1', '12:00', '13:00')).toMatchObject({ status: 'applied' });
    expect(await book('b3', 'r1', '14:00', '15:00')).toMatchObject({
      status: 'rejected',
      code: 'conflict',
      reason: 'max_active_bookings',
    });
    // Another resident is not held back by r1's bookings.
    expect(await book('b4', 'r2', '14:00', '15:00')).toMatchObject({ status: 'applied' });
    // When the first has ended, r1 may book again.
    setClock('11:00');
    expect(await book('b5', 'r1', '16:00', '17:00')).toMatchObject({ status: 'applied' });
  });
});
