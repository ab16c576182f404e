/**
 * The invariants of the centre's final database after a chaos run: what the applied mutations
 * say must be there is there, once (nothing acknowledged lost or doubled); no activity over
 * capacity; waiting lists in first-come order, promoted from the front; no two active bookings of
 * one resource overlapping, nor a resident over a resource's limit; and the general invariants of
 * tests/helpers/db-checks.ts (change log, derived counts, waiting-list positions).
 */
import { mutationNames } from '../../src/protocol/index.js';
import type { Kysely } from 'kysely';
import type {
  Activity,
  Booking,
  MealAttendance,
  Resource,
  SignUp,
} from '../../src/domain/model.js';
import type { Database } from '../../src/server/store/schema.js';
import { invariantViolations } from '../helpers/db-checks.js';
import type { ChaosClient } from './client.js';

interface AppliedMutation {
  id: string;
  name: string;
  args: Record<string, unknown>;
  cursor: number;
  result: Record<string, unknown> | undefined;
}

const rows = async <T>(
  db: Kysely<Database>,
  table: 'activity' | 'signup' | 'booking' | 'resource' | 'mealattendance',
): Promise<T[]> =>
  (await db.selectFrom(table).select('data').execute()).map((r) => JSON.parse(r.data) as T);

/** The applied mutations the database kept, with the arguments their client sent, in commit order. */
function appliedInDb(
  clients: readonly ChaosClient[],
  outcomes: ReadonlyMap<string, string>,
): AppliedMutation[] {
  const out: AppliedMutation[] = [];
  for (const c of clients)
    for (const [id, made] of c.made) {
      const stored = outcomes.get(id);
      if (!stored) continue;
      const o = JSON.parse(stored) as {
        status: string;
        cursor?: number;
        result?: Record<string, unknown>;
      };
      if (o.status !== 'applied') continue;
      out.push({ id, name: made.name, args: made.args, cursor: o.cursor ?? 0, result: o.result });
    }
  // A mutation's cursor is the head right after it: later mutations of one entity have higher
  // ones, except one that changed nothing, which leaves the state as the one before it left it.
  return out.sort((a, b) => a.cursor - b.cursor);
}

export async function checkState(
  db: Kysely<Database>,
  clients: readonly ChaosClient[],
  outcomes: ReadonlyMap<string, string>,
  now: Date,
  problems: string[],
): Promise<void> {
  for (const p of await invariantViolations(db)) problems.push(`database: ${p}`);
  const applied = appliedInDb(clients, outcomes);
  const activities = await rows<Activity>(db, 'activity');
  const signups = await rows<SignUp>(db, 'signup');
  const bookings = await rows<Booking>(db, 'booking');
  const resources = await rows<Resource>(db, 'resource');
  const attendance = await rows<MealAttendance>(db, 'mealattendance');

  // Sign-ups: the last applied add or cancel of each (activity, resident) decides its status.
  const lastSignup = new Map<string, AppliedMutation>();
  const everAdded = new Set<string>();
  for (const m of applied)
    if (m.name === 'signup.add' || m.name === 'signup.cancel') {
      const key = `${String(m.args.activityId)}:${String(m.args.residentId)}`;
      lastSignup.set(key, m);
      if (m.name === 'signup.add') everAdded.add(key);
    }
  const signupById = new Map(signups.map((s) => [s.id, s]));
  for (const [key, m] of lastSignup) {
    const row = signupById.get(key);
    // Cancelling someone who never signed up is applied and changes nothing: no row is right.
    if (!row && !everAdded.has(key)) continue;
    if (!row) {
      problems.push(
        `sign-up ${key}: ${m.name} ${m.id} was applied but there is no sign-up row (lost)`,
      );
      continue;
    }
    if (m.name === 'signup.cancel' && row.status !== 'cancelled')
      problems.push(
        `sign-up ${key} is ${row.status}, but the last applied change was the cancel ${m.id}`,
      );
    if (m.name === 'signup.add') {
      if (row.status === 'cancelled')
        problems.push(
          `sign-up ${key} is cancelled, but the last applied change was the sign-up ${m.id}`,
        );
      else if (m.result?.signup === 'confirmed' && row.status !== 'confirmed')
        problems.push(`sign-up ${key} was confirmed by ${m.id} and is now ${row.status} (demoted)`);
    }
  }
  for (const s of signups)
    if (!everAdded.has(s.id))
      problems.push(`sign-up ${s.id} exists but no applied mutation made it`);

  problems.push(...queueViolations(activities, signups));

  // Bookings: each applied booking.add made exactly its booking; cancels cancelled it.
  const bookingById = new Map(bookings.map((b) => [b.id, b]));
  const made = new Map<string, AppliedMutation>();
  const cancelled = new Set<string>();
  for (const m of applied) {
    if (m.name === 'booking.add') made.set(String(m.args.bookingId), m);
    if (m.name === 'booking.cancel') cancelled.add(String(m.args.bookingId));
  }
  for (const [bookingId, m] of made) {
    const b = bookingById.get(bookingId);
    if (!b) {
      problems.push(
        `booking ${bookingId}: ${m.id} was applied but the booking is not there (lost)`,
      );
      continue;
    }
    const asked = [
      m.args.resourceId,
      m.args.residentId,
      new Date(String(m.args.start)).getTime(),
      new Date(String(m.args.end)).getTime(),
    ];
    const got = [
      b.resourceId,
      b.residentId,
      new Date(b.start).getTime(),
      new Date(b.end).getTime(),
    ];
    if (asked.join() !== got.join())
      problems.push(
        `booking ${bookingId} is ${got.join(' ')} but ${m.id} asked for ${asked.join(' ')}`,
      );
    const wantStatus = cancelled.has(bookingId) ? 'cancelled' : 'active';
    if (b.status !== wantStatus)
      problems.push(`booking ${bookingId} is ${b.status}, the applied mutations say ${wantStatus}`);
  }
  for (const b of bookings)
    if (!made.has(b.id))
      problems.push(`booking ${b.id} exists but no applied booking.add made it (doubled?)`);
  problems.push(...bookingViolations(bookings, resources, now));

  // Meal answers: the last applied answer of each resident and meal stands.
  const lastAnswer = new Map<string, AppliedMutation>();
  for (const m of applied)
    if (m.name === 'meal.attend')
      lastAnswer.set(`${String(m.args.mealId)}:${String(m.args.residentId)}`, m);
  const attendanceById = new Map(attendance.map((a) => [a.id, a]));
  for (const [key, m] of lastAnswer) {
    const row = attendanceById.get(key);
    if (!row)
      problems.push(`meal answer ${key}: ${m.id} was applied but there is no record (lost)`);
    else if (row.attending !== m.args.attending)
      problems.push(
        `meal answer ${key} says ${row.attending}, the last applied answer ${m.id} said ${String(m.args.attending)}`,
      );
  }
  for (const a of attendance)
    if (!lastAnswer.has(a.id))
      problems.push(`meal answer ${a.id} exists but no applied mutation made it`);

  // Each applied staff mutation wrote one audit entry: none ran twice.
  // (The audit log also holds account events such as logins: only mutations count here.)
  const audits = await db
    .selectFrom('audit')
    .select('id')
    .where('action', 'in', mutationNames)
    .execute();
  const staffApplied = (
    await db.selectFrom('processed_mutation').select(['principal', 'outcome']).execute()
  ).filter(
    (p) =>
      p.principal.startsWith('user:') &&
      (JSON.parse(p.outcome) as { status: string }).status === 'applied',
  );
  if (audits.length !== staffApplied.length)
    problems.push(
      `${audits.length} audit entries for ${staffApplied.length} applied staff mutations`,
    );
}

/**
 * Capacity and waiting lists in one state of the centre: nobody over capacity, nobody waiting
 * while there is room or where there is no list, positions following the join order, and no
 * confirmed resident who joined after someone still waiting (promotion takes the first in line).
 */
export function queueViolations(
  activities: readonly Activity[],
  signups: readonly SignUp[],
): string[] {
  const out: string[] = [];
  for (const a of activities) {
    const mine = signups.filter((s) => s.activityId === a.id);
    const confirmed = mine.filter((s) => s.status === 'confirmed');
    const waiting = mine.filter((s) => s.status === 'waitlisted').sort((x, y) => x.order - y.order);
    if (a.capacity !== null && confirmed.length > a.capacity)
      out.push(
        `activity ${a.id} has ${confirmed.length} confirmed, over its capacity ${a.capacity}`,
      );
    if (!a.waitlist && waiting.length > 0)
      out.push(`activity ${a.id} has no waiting list, yet ${waiting.length} are waiting`);
    if (waiting.length > 0 && a.capacity !== null && confirmed.length < a.capacity)
      out.push(
        `activity ${a.id} has ${a.capacity - confirmed.length} free places while ${waiting.length} wait (not promoted)`,
      );
    waiting.forEach((s, i) => {
      if (s.position !== i + 1)
        out.push(
          `activity ${a.id}: ${s.residentId} joined the queue as number ${i + 1} (order ${s.order}) but has position ${s.position}`,
        );
    });
    const firstWaiting = waiting[0];
    const overtook = firstWaiting ? confirmed.filter((c) => c.order > firstWaiting.order) : [];
    for (const c of overtook)
      out.push(
        `activity ${a.id}: ${c.residentId} (joined at ${c.order}) is confirmed while ${firstWaiting?.residentId} (joined at ${firstWaiting?.order}) still waits`,
      );
  }

  return out;
}

/** No two active bookings of one resource overlap; nobody holds more than a resource allows. */
export function bookingViolations(
  bookings: readonly Booking[],
  resources: readonly Resource[],
  now: Date,
): string[] {
  const out: string[] = [];
  const active = bookings.filter((b) => b.status === 'active');
  for (const [i, x] of active.entries())
    for (const y of active.slice(i + 1))
      if (x.resourceId === y.resourceId && x.start < y.end && y.start < x.end)
        out.push(
          `bookings ${x.id} and ${y.id} of ${x.resourceId} overlap (${x.start}–${x.end}, ${y.start}–${y.end})`,
        );
  for (const r of resources) {
    const perResident = new Map<string, number>();
    for (const b of active)
      if (b.resourceId === r.id && b.residentId && new Date(b.end) > now)
        perResident.set(b.residentId, (perResident.get(b.residentId) ?? 0) + 1);
    for (const [residentId, n] of perResident)
      if (n > r.maxActivePerResident)
        out.push(
          `${residentId} holds ${n} active bookings of ${r.id}, over its limit ${r.maxActivePerResident}`,
        );
  }

  return out;
}
