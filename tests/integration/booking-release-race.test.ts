/**
 * The sweep's look and its commit are apart: a resident may tap "Jeg bruger den nu" in between.
 * `booking.release` decides again inside the writer queue, so whichever the queue applies first
 * wins and the other is refused with its reason: nobody loses a booking they started, and a
 * given-back booking cannot be started. Driven through the real MutationService on a real store,
 * both mutations queued in the same tick (one group-committed batch), in both orders.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/domain/model.js';
import type { Principal } from '../../src/server/auth/principal.js';
import { createLogger } from '../../src/server/logger.js';
import { openTestDb } from '../helpers/test-database.js';
import { dialectOf } from '../../src/server/store/dialect.js';
import type { Store } from '../../src/server/store/store.js';
import { RELEASE_ACTOR } from '../../src/server/sync/booking-release.js';
import { MutationService } from '../../src/server/sync/mutate.js';
import { resident, resource } from '../helpers/fixtures.js';
import { freshDataDir } from '../helpers/test-server.js';

let dir: string;
let store: Store;
let service: MutationService;
let clock = new Date('2026-12-02T10:00:00.000Z');

const staff: Principal = {
  kind: 'user',
  id: 'u-staff',
  role: 'staff',
  name: 'Mette',
  residentIds: [],
  sessionHash: 'h-staff',
};
const kiosk: Principal = {
  kind: 'device',
  id: 'd-kiosk',
  role: 'kiosk',
  name: 'Stuen',
  groupIds: [],
  tokenHash: 'h-kiosk',
};

const send = (p: Principal, name: string, args: unknown) =>
  service.mutate(p, { id: randomUUID(), name, args });

beforeEach(async () => {
  dir = freshDataDir();
  const db = await openTestDb(dir);
  store = { db, dialect: dialectOf(db), close: () => db.destroy() };
  service = new MutationService({
    store,
    logger: createLogger('silent'),
    now: () => clock,
    timeZone: () => 'Europe/Copenhagen',
    hasConsent: () => true,
    committed: () => undefined,
  });
  clock = new Date('2026-12-02T09:00:00.000Z');
  for (const [name, args] of [
    ['group.put', { id: 'g1', name: 'Huset' }],
    ['resident.put', resident('r1')],
    ['resource.put', resource('washer', { releaseAfterMinutes: 15 })],
    [
      'booking.add',
      {
        bookingId: 'b1',
        resourceId: 'washer',
        residentId: 'r1',
        start: '2026-12-02T10:00:00.000Z',
        end: '2026-12-02T11:00:00.000Z',
      },
    ],
  ] as const)
    expect(await send(staff, name, args), name).toMatchObject({ status: 'applied' });
  // The release is due: a quarter of an hour in, nobody has started it.
  clock = new Date('2026-12-02T10:16:00.000Z');
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const stored = async (): Promise<Booking> =>
  JSON.parse(
    (
      await store.db
        .selectFrom('booking')
        .select('data')
        .where('id', '=', 'b1')
        .executeTakeFirstOrThrow()
    ).data,
  ) as Booking;

describe('a start and a release of the same booking, queued together', () => {
  it('start first: the booking is kept and the release is refused', async () => {
    const [started, released] = await Promise.all([
      send(kiosk, 'booking.start', { bookingId: 'b1' }),
      service.mutateAsSystem(RELEASE_ACTOR, 'booking.release', { bookingId: 'b1' }, 'release:b1'),
    ]);
    expect(started).toMatchObject({ status: 'applied' });
    expect(released).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(await stored()).toMatchObject({ status: 'active', startedAt: clock.toISOString() });
  });

  it('release first: the booking is given back and the start is refused as given back', async () => {
    const [released, started] = await Promise.all([
      service.mutateAsSystem(RELEASE_ACTOR, 'booking.release', { bookingId: 'b1' }, 'release:b1'),
      send(kiosk, 'booking.start', { bookingId: 'b1' }),
    ]);
    expect(released).toMatchObject({ status: 'applied' });
    expect(started).toMatchObject({
      status: 'rejected',
      code: 'closed',
      reason: 'booking_released',
    });
    expect(await stored()).toMatchObject({ status: 'cancelled', releasedAt: clock.toISOString() });
    // A second sweep's attempt (same id) gets the first answer and changes nothing.
    expect(
      await service.mutateAsSystem(
        RELEASE_ACTOR,
        'booking.release',
        { bookingId: 'b1' },
        'release:b1',
      ),
    ).toEqual(released);
  });

  it('a system mutation with bad args is refused before the queue', async () => {
    expect(
      await service.mutateAsSystem(RELEASE_ACTOR, 'booking.release', { bookingId: 7 }, 'release:x'),
    ).toMatchObject({ status: 'rejected', code: 'invalid' });
  });
});
