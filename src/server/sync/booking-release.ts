/**
 * The sweep that gives back bookings nobody started using (domain/rules/booking-release): every
 * `everyMs` it looks for active, unstarted bookings of resources with a release rule whose
 * release time has come, and commits a `booking.release` for each through the MutationService as
 * the system actor `system:booking-release`, so the cancellation is validated, audited and pushed
 * like any other change and every kiosk's booking screen shows the slot free at once.
 *
 * The mutation id is `release:<booking id>`: should two sweeps overlap, or the server restart
 * mid-sweep, the second attempt is answered with the first one's outcome and nothing is doubled.
 * The handler decides again inside the writer queue, so a resident who tapped "I'm using it now"
 * a moment before keeps the booking.
 */
import { Resource } from '../../domain/model.js';
import { isReleaseDue } from '../../domain/rules/booking-release.js';
import type { Booking } from '../../domain/model.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { MutationService } from './mutate.js';

/** Default look interval: a slot is given back at most this long after its release time. */
export const BOOKING_RELEASE_EVERY_MS = 20_000;
export const RELEASE_ACTOR = 'system:booking-release';

export interface BookingRelease {
  /** One sweep now (also what the timer does); resolves with how many bookings were released. */
  run(): Promise<number>;
  /** Stops the timer and waits for a sweep under way. */
  stop(): Promise<void>;
}

/** The bookings due for release at `now`, read outside the writer queue (a look only). */
export async function dueBookings(store: Store, now: Date): Promise<Booking[]> {
  const due: Booking[] = [];
  for (const row of await store.db.selectFrom('resource').select('data').execute()) {
    const parsed = Resource.safeParse(JSON.parse(row.data));
    if (!parsed.success || (parsed.data.releaseAfterMinutes ?? null) === null) continue;
    const resource = parsed.data;
    const bookings = await store.db
      .selectFrom('booking')
      .select('data')
      .where('resource_id', '=', resource.id)
      .execute();
    for (const b of bookings) {
      const booking = JSON.parse(b.data) as Booking;
      if (isReleaseDue(resource, booking, now)) due.push(booking);
    }
  }
  return due;
}

export function startBookingRelease(deps: {
  store: Store;
  mutations: MutationService;
  now: () => Date;
  logger: Logger;
  everyMs?: number;
}): BookingRelease {
  let running: Promise<number> | null = null;
  const sweep = async (): Promise<number> => {
    let released = 0;
    for (const booking of await dueBookings(deps.store, deps.now())) {
      const res = await deps.mutations.mutateAsSystem(
        RELEASE_ACTOR,
        'booking.release',
        { bookingId: booking.id },
        `release:${booking.id}`,
      );
      if (res.status === 'applied') released += 1;
    }
    if (released > 0) deps.logger.info({ released }, 'bookings given back unused');
    return released;
  };
  const run = (): Promise<number> => {
    running ??= sweep()
      .catch((err: unknown) => {
        deps.logger.warn({ err }, 'booking release sweep failed; it runs again at the next look');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void run(), deps.everyMs ?? BOOKING_RELEASE_EVERY_MS);
  timer.unref();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
