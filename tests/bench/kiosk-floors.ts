/**
 * The raw IndexedDB floors kiosk-ui prints beside its results, measured in the kiosk page itself
 * (its persistent profile, its origin), each with the ratio of the result to it:
 *  - live updates: the same number of rows, of the shapes the updates write (activities,
 *    sign-ups, news), written raw in ONE transaction, against the time from the first update
 *    sent to the last one in the page's cache (the page receives them as pushes while the staff
 *    socket is still sending, so this ratio also holds the server's and the sender's pace);
 *  - tap → feedback: one outbox-sized row in its own transaction until committed (what "durable
 *    before shown as sent" costs at the least), p50 against the feedback's p50;
 *  - cold start: every row of the kiosk's cache tables read raw in one transaction, against
 *    "Home painted from cache".
 */
import type { Page } from 'playwright-core';
import { rawFloor, rawOneRowWritesMs, rawReadAll, ratio, type FloorRow } from './browser.js';
import { distribution, log, round, type Json } from './common.js';

const KIOSK_DB = 'citizen-guide-kiosk';
const CACHE_TABLES = [
  'centre',
  'group',
  'resident',
  'activity',
  'signup',
  'dayitem',
  'meal',
  'mealattendance',
  'news',
  'resource',
  'booking',
  'shift',
  'wallnotice',
  'album',
  'meta',
];

/** Rows shaped as kiosk-ui's Updates write them, `n` of them (ids repeat as theirs do). */
function updateRows(n: number): FloorRow[] {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  return Array.from({ length: n }, (_, i): FloorRow => {
    const c = Math.floor(i / 5);
    if (i % 5 === 1 || i % 5 === 3)
      return [
        'signup',
        {
          id: `u-${c % 40}`,
          activityId: `bench-a-${c % 4}`,
          residentId: `r-${c % 10}`,
          status: i % 5 === 1 ? 'confirmed' : 'cancelled',
          position: null,
          order: i,
          source: 'staff',
          updatedAt: at,
        },
      ];
    if (i % 5 === 4)
      return [
        'news',
        {
          id: `bench-n-${c % 10}`,
          title: `Besked ${c % 10}`,
          body: 'Husk at der er kaffe i fællesstuen hver eftermiddag. Personalet hjælper gerne.',
          media: [],
          publishAt: at,
          expiresAt: null,
          audience: { kind: 'all' },
        },
      ];
    return [
      'activity',
      {
        id: `bench-a-${i % 4}`,
        title: `Aktivitet ${c % 10}`,
        description: 'Kom og vær med.',
        pictogram: 'coffee',
        place: 'Fælles stuen',
        start: at,
        end: at,
        capacity: 40,
        waitlist: true,
        signupDeadline: null,
        audience: { kind: 'all' },
        recurrence: null,
        seriesId: null,
        confirmedCount: 0,
        waitlistCount: 0,
      },
    ];
  });
}

const num = (x: Json | undefined): number => (typeof x === 'number' ? x : NaN);

/** Adds the live updates' floor and ratio to `result` (liveUpdates' own figures). */
export async function liveUpdatesFloor(
  page: Page,
  label: string,
  result: { [key: string]: Json },
): Promise<void> {
  const n = num(result.updatesMeasured);
  const tookMs = num(result.sendMs) + num(result.inCacheAfterSendingEndedMs);
  const floor = await rawFloor(page, updateRows(n));
  result.rawFloorSameRowsOneTransactionMs = round(floor.medianMs, 0);
  result.sentToInCacheMs = round(tookMs, 0);
  result.floorRatio = ratio(tookMs, floor.medianMs);
  log(
    `${label}:   raw floor, same profile: the same ${n} rows in one transaction ${round(floor.medianMs, 0)} ms; ` +
      `first sent → last in the cache ${round(tookMs, 0)} ms = ${ratio(tookMs, floor.medianMs)}× (includes the sending pace)`,
  );
}

/** Adds the one-row write floor and the ratio of the feedback's p50 to it. */
export async function feedbackFloor(
  page: Page,
  label: string,
  result: { [key: string]: Json },
): Promise<void> {
  const d = distribution(await rawOneRowWritesMs(page, 40));
  const feedback = result.clickToFirstFrameMs as { p50?: Json } | undefined;
  const p50 = num(feedback?.p50);
  result.rawFloorOneRowTransactionMs = d;
  result.floorRatioP50 = ratio(p50, d.p50);
  log(
    `${label}:   raw floor, same profile: one outbox-sized row in its own transaction p50 ${d.p50} ms ` +
      `(p95 ${d.p95} ms); feedback p50 ${p50} ms = ${ratio(p50, d.p50)}×`,
  );
}

/** Adds the raw read of the whole kiosk cache and the ratio of "Home painted" to it. */
export async function coldStartFloor(
  page: Page,
  label: string,
  result: { [key: string]: Json },
): Promise<void> {
  const reads: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const r = await rawReadAll(page, KIOSK_DB, CACHE_TABLES);
    reads.push(r.ms);
    rows = r.rows;
  }
  const floorMs = [...reads].sort((a, b) => a - b)[1] ?? NaN;
  const painted = num((result.homePaintedMs as { p50?: Json } | undefined)?.p50);
  result.rawFloorReadWholeCacheMs = round(floorMs, 1);
  result.rawFloorReadRows = rows;
  result.floorRatio = ratio(painted, floorMs);
  log(
    `${label}:   raw floor, same profile: all ${rows} cached rows read in one transaction ${round(floorMs, 1)} ms; ` +
      `Home painted median ${painted} ms = ${ratio(painted, floorMs)}× (painting needs the page loaded too)`,
  );
}
