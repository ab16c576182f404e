/**
 * The evaluation's counts (issue 9): how many sign-ups, cancellations, bookings and meal answers
 * were made, by whom (the wall, staff, a relative), per hour; read-aloud requests; and every
 * kiosk action, for kiosk use by hour. Counts only: no resident, no text, no kiosk id. Written
 * in the mutation's own transaction (sync/mutate.ts), so a count is there exactly when the
 * mutation applied, and a retried mutation id (answered from its record) is not counted twice.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Role } from '../../domain/model.js';
import type { MutationName } from '../../protocol/index.js';
import type { Database } from '../store/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type UsageSource = 'wall' | 'staff' | 'relative';
export type UsageMetric = 'signup' | 'cancel' | 'booking' | 'meal' | 'speech' | 'kiosk.action';

/** The countable mutations and what they count as. */
const METRIC_OF: Partial<Record<MutationName, UsageMetric>> = {
  'signup.add': 'signup',
  'signup.cancel': 'cancel',
  'booking.add': 'booking',
  'booking.cancel': 'cancel',
  'meal.attend': 'meal',
};

export const sourceOf = (role: Role): UsageSource =>
  role === 'kiosk' ? 'wall' : role === 'relative' ? 'relative' : 'staff';

/** The UTC hour a count belongs to: `2026-12-01T09`. */
export const hourOf = (at: Date): string => at.toISOString().slice(0, 13);

async function bump(db: Db, hour: string, metric: UsageMetric, source: UsageSource): Promise<void> {
  await db
    .insertInto('usage_count')
    .values({ hour, metric, source, n: 1 })
    .onConflict((oc) =>
      oc.columns(['hour', 'metric', 'source']).doUpdateSet({ n: sql<number>`usage_count.n + 1` }),
    )
    .execute();
}

/** Counts an applied mutation (inside its transaction). */
export async function countUsage(db: Db, role: Role, name: MutationName, at: Date): Promise<void> {
  const metric = METRIC_OF[name];
  const source = sourceOf(role);
  if (metric) await bump(db, hourOf(at), metric, source);
  if (role === 'kiosk') await bump(db, hourOf(at), 'kiosk.action', 'wall');
}

/** Counts one read-aloud request (served from the cache or rendered). */
export function countSpeech(db: Db, role: Role, at: Date): Promise<void> {
  return bump(db, hourOf(at), 'speech', sourceOf(role));
}

export interface UsageRow {
  hour: string;
  metric: string;
  source: string;
  n: number;
}

/** The counts of the UTC hours from `from` up to (not including) `to`. */
export async function readUsage(db: Db, from: Date, to: Date): Promise<UsageRow[]> {
  const rows = await db
    .selectFrom('usage_count')
    .select(['hour', 'metric', 'source', 'n'])
    .where('hour', '>=', hourOf(from))
    .where('hour', '<', hourOf(to))
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
