/**
 * The residents' random actions on a kiosk: sign up, cancel, book, cancel a booking, answer a
 * meal. Choices are drawn from the run's seeded generator first and only then matched against
 * what the kiosk's cache shows, so a replay with the same seed makes the same choices in order.
 */
import { randomUUID } from 'node:crypto';
import { HOUR } from '../helpers/fixtures.js';
import type { ChaosCentre } from './centre.js';
import type { ChaosClient } from './client.js';
import type { Rng } from './prng.js';

export type OpName =
  'signup.add' | 'signup.cancel' | 'booking.add' | 'booking.cancel' | 'meal.attend';

const WEIGHTS: [OpName, number][] = [
  ['signup.add', 35],
  ['signup.cancel', 20],
  ['booking.add', 20],
  ['booking.cancel', 10],
  ['meal.attend', 15],
];
const TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);

/** Booking ids each kiosk chose, so it can cancel its own bookings (as the booker may). */
const ownBookings = new WeakMap<ChaosClient, string[]>();

export async function randomOp(kiosk: ChaosClient, rng: Rng, centre: ChaosCentre): Promise<OpName> {
  let roll = rng.int(TOTAL);
  const op = WEIGHTS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'signup.add';
  // Drawn before any await, whatever the op needs, so the sequence does not depend on timing.
  const anyone = rng.chance(0.15);
  const who = rng.next();
  const activityId = rng.pick(centre.activityIds);
  const resourceId = rng.pick(centre.resourceIds);
  const mealId = rng.pick(centre.mealIds);
  const slot = rng.pick(centre.slotStarts);
  const attending = rng.chance(0.6);
  const fromOwn = rng.chance(0.7);
  const which = rng.next();

  // Mostly residents the wall shows; sometimes anyone (a stale screen, or consent just withdrawn).
  const shown = (await kiosk.db.resident.toArray()).filter((r) => r.wallConsent).map((r) => r.id);
  const pool = anyone || shown.length === 0 ? centre.residents.map((r) => r.id) : shown.sort();
  const residentId = pool[Math.floor(who * pool.length)] as string;

  switch (op) {
    case 'signup.add':
    case 'signup.cancel':
      await kiosk.mutate(op, { activityId, residentId });
      break;
    case 'booking.add': {
      const bookingId = randomUUID();
      const minutes = resourceId === 'bus' ? 120 : 60;
      await kiosk.mutate('booking.add', {
        bookingId,
        resourceId,
        residentId,
        start: slot.toISOString(),
        end: new Date(slot.getTime() + (minutes / 60) * HOUR).toISOString(),
      });
      const own = ownBookings.get(kiosk) ?? [];
      own.push(bookingId);
      ownBookings.set(kiosk, own);
      break;
    }
    case 'booking.cancel': {
      const own = ownBookings.get(kiosk) ?? [];
      const seen = (await kiosk.db.booking.toArray())
        .filter((b) => b.status === 'active')
        .map((b) => b.id)
        .sort();
      const from = fromOwn && own.length > 0 ? own : seen.length > 0 ? seen : own;
      if (from.length === 0) {
        await kiosk.mutate('signup.cancel', { activityId, residentId });
        return 'signup.cancel';
      }
      await kiosk.mutate('booking.cancel', {
        bookingId: from[Math.floor(which * from.length)] as string,
      });
      break;
    }
    case 'meal.attend':
      await kiosk.mutate('meal.attend', { mealId, residentId, attending });
      break;
  }
  return op;
}
