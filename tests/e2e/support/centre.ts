/**
 * A small centre for the kiosk tests, written through real staff/admin mutations: a name and a
 * time zone, residents (all but one with wall consent) and three of today's activities.
 */
import { localTimeOf } from '../../../src/domain/rules/days.js';
import { createEnrolCode } from '../../../src/server/auth/accounts.js';
import { lockHead } from '../../../src/server/store/store.js';
import { Writer } from '../../../src/server/store/writer.js';
import { activity, resident, HOUR } from '../../helpers/fixtures.js';
import { apply, startTestServer, type TestServer } from '../../helpers/test-server.js';
import type { ServerOptions } from '../../../src/server/index.js';
import { UI_DIR } from './ui-build.js';

/** The real server, serving the built kiosk UI. */
export function startKioskServer(opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  return startTestServer({ uiDir: UI_DIR, ...opts });
}

/**
 * A time zone in which it is now between 10.00 and 10.59, so "today" has room for every
 * activity the tests put hours ahead, and the demo's fixed items (coffee at 10.30) are still
 * ahead or now, whenever they run. The centre's own zone when it is 10 o'clock there; otherwise
 * a fixed offset zone (`Etc/GMT-2` is UTC+2: POSIX signs are reversed). Any hour from 7 to 13
 * used to take Copenhagen, and at 13.20 the coffee the kiosk-fit walk marks "Ændret" was over.
 */
export function daytimeZone(now = new Date()): string {
  const hour = (tz: string): number => Number(localTimeOf(now, tz).slice(0, 2));
  const zones = Array.from({ length: 27 }, (_, i) => i - 14).map((n) =>
    n === 0 ? 'Etc/GMT' : `Etc/GMT${n > 0 ? '+' : '-'}${Math.abs(n)}`,
  );
  // First among equals: Copenhagen.
  return ['Europe/Copenhagen', ...zones].reduce((best, z) =>
    Math.abs(hour(z) - 10) < Math.abs(hour(best) - 10) ? z : best,
  );
}

/** `hours` from now, rounded up to the next quarter hour, as an instant. */
export function inHours(hours: number): string {
  const quarter = 15 * 60_000;
  return new Date(Math.ceil((Date.now() + hours * HOUR) / quarter) * quarter).toISOString();
}

export const RESIDENTS = [
  ['r-anna', 'Anna Hansen', true],
  ['r-bent', 'Bent Jensen', true],
  ['r-carla', 'Carla Nielsen', true],
  ['r-dennis', 'Dennis Berg', false],
  ['r-eva', 'Eva Holm', true],
  ['r-frank', 'Frank Lund', true],
  ['r-gitte', 'Gitte Dahl', true],
  ['r-hassan', 'Hassan Ali', true],
] as const;

export const ACTIVITIES = {
  /** Room left; Bent and Dennis (no wall consent) are already signed up. */
  banko: {
    id: 'a-banko',
    title: 'Banko',
    place: 'Fælles stuen',
    hours: 3,
    capacity: 8,
    waitlist: true,
  },
  /** Full, with a waiting list: Carla and Eva took both places. */
  walk: {
    id: 'a-walk',
    title: 'Gåtur i parken',
    place: 'Ved hoveddøren',
    hours: 1.5,
    capacity: 2,
    waitlist: true,
  },
  /** Room left, no waiting list. */
  baking: {
    id: 'a-baking',
    title: 'Kagebagning',
    place: 'Køkkenet',
    hours: 5,
    capacity: 4,
    waitlist: false,
  },
} as const;

export interface Centre {
  name: string;
  timeZone: string;
}

/**
 * A fresh server has no centre row and `centre.put` only edits one (the demo seed and, later,
 * setup create it), so the bare row is written the way the demo seed does; name and time zone
 * then arrive through a real admin mutation, which also makes the server reload its zone.
 */
async function createCentreRow(t: TestServer): Promise<void> {
  await t.server.store.db.transaction().execute(async (trx) => {
    const w = new Writer(trx, await lockHead(trx, t.server.store.dialect), new Date());
    await w.put('centre', { id: 'centre', name: 'Centre', timeZone: 'Europe/Copenhagen' });
    await w.flush();
  });
}

export async function seedCentre(t: TestServer): Promise<Centre> {
  const centre = { name: 'Solsikken', timeZone: daytimeZone() };
  await createCentreRow(t);
  const admin = await t.connect(await t.userToken('admin'));
  await apply(admin, 'centre.put', centre);
  await apply(admin, 'group.put', { id: 'g1', name: 'Huset' });
  for (const [id, displayName, wallConsent] of RESIDENTS) {
    await apply(admin, 'resident.put', resident(id, { displayName, wallConsent }));
  }
  for (const a of Object.values(ACTIVITIES)) {
    const start = inHours(a.hours);
    const end = new Date(Date.parse(start) + HOUR).toISOString();
    const { id, title, place, capacity, waitlist } = a;
    await apply(
      admin,
      'activity.put',
      activity(id, { title, place, capacity, waitlist, start, end }),
    );
  }
  const signUps: [string, string][] = [
    [ACTIVITIES.banko.id, 'r-bent'],
    [ACTIVITIES.banko.id, 'r-dennis'],
    [ACTIVITIES.walk.id, 'r-carla'],
    [ACTIVITIES.walk.id, 'r-eva'],
  ];
  for (const [activityId, residentId] of signUps)
    await apply(admin, 'signup.add', { activityId, residentId });
  admin.disconnect();
  return centre;
}

/** A one-time enrolment code for a new kiosk, as staff would create it. */
export async function enrolCode(
  t: TestServer,
  name: string,
  now?: Date,
): Promise<{ code: string; deviceId: string }> {
  const { code, deviceId } = await createEnrolCode(t.server.store.db, name, 'Fælles stuen', now);
  return { code, deviceId };
}
