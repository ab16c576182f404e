/**
 * A demo reopened on a later day would still show the week it was first seeded for (issue 8,
 * "the first ten minutes"). `followToday` adds the days from today on that the demo does not have
 * yet, through the Writer like any change, so they land in the change log and kiosks pull them.
 * Days already there are left as they are (sign-ups made in the demo stay), and past days stay as
 * history. The CLI calls it before the server starts, as it does `seedDemo`.
 *
 * Only a database the demo seeded is touched: its group day structure has ids `di-g-birk-DATE-0`.
 */
import type { Kysely } from 'kysely';
import { entitySchemas, type EntityOf, type EntityType } from '../../domain/model.js';
import { addDaysToDate, dayOf, zonedInstant } from '../../domain/rules/days.js';
import type { Database } from '../store/schema.js';
import { lockHead } from '../store/store.js';
import { Writer } from '../store/writer.js';
import { storeDemoPictures, type DemoPictures } from './pictures.js';
import { DEMO_DAYS, DEMO_TIME_ZONE, nightShift, putDay, type SeedOptions } from './seed.js';

const marker = (date: string): string => `di-g-birk-${date}-0`;

/** Adds the missing demo days from today on; returns how many days it added. */
export async function followToday(
  db: Kysely<Database>,
  now = new Date(),
  options: SeedOptions = {},
): Promise<number> {
  const seeded = await db
    .selectFrom('dayitem')
    .select('id')
    .where('id', 'like', 'di-g-birk-%')
    .limit(1)
    .executeTakeFirst();
  if (!seeded) return 0;
  const tz = DEMO_TIME_ZONE;
  const today = dayOf(now, tz);
  const dates = Array.from({ length: DEMO_DAYS }, (_, d) => addDaysToDate(today, d));
  const present = new Set(
    (
      await db.selectFrom('dayitem').select('id').where('id', 'in', dates.map(marker)).execute()
    ).map((r) => r.id),
  );
  const missing = dates.map((date, d) => ({ date, d })).filter((x) => !present.has(marker(x.date)));
  if (missing.length === 0) return 0;

  // Drawing is deterministic: the hashes are those the first seed stored.
  const pictures: DemoPictures | null = options.dataDir
    ? await storeDemoPictures(options.dataDir)
    : null;
  await db.transaction().execute(async (trx) => {
    const w = new Writer(trx, await lockHead(trx), now);
    const put = async <T extends EntityType>(type: T, record: EntityOf<T>): Promise<void> => {
      await w.put(type, entitySchemas[type].parse(record) as EntityOf<T>);
    };
    const day = {
      put,
      photo: (name: string) => pictures?.portrait(name) ?? null,
      pictures,
      at: (date: string, time: string) => zonedInstant(date, time, tz).toISOString(),
    };
    for (const { date, d } of missing) await putDay(day, date, d);
    // A demo not opened yesterday has no night shift into this morning (seedDemo writes one).
    const lastNight = nightShift(day, addDaysToDate(today, -1));
    const hasLastNight = await trx
      .selectFrom('shift')
      .select('id')
      .where('id', '=', lastNight.id)
      .executeTakeFirst();
    if (!hasLastNight) await put('shift', lastNight);
    await w.flush();
  });
  return missing.length;
}
