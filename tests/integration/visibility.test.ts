/**
 * Who sees what, by pull and by push alike: a kiosk (the public wall) sees only residents who
 * consented to be shown, a relative only their own residents, staff everything. Withdrawing
 * consent makes every kiosk start over without that resident.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity, Booking } from '../../src/domain/model.js';
import type { MutationArgs } from '../../src/protocol/index.js';
import {
  activity,
  HOUR,
  resident,
  resource,
  seedResidents,
  wholeHourAhead,
} from '../helpers/fixtures.js';
import { Replica } from '../helpers/replica.js';
import {
  apply,
  freshDataDir,
  mutate,
  networkedStore,
  nextEvent,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';
import { testDatabaseUrl } from '../helpers/test-database.js';

let t: TestServer;
let staff: SyncSocket;
beforeEach(async () => {
  t = await startTestServer();
  staff = await t.staff();
});
afterEach(async () => {
  await t.close();
});

const today = (): string => new Date().toISOString().slice(0, 10);
/**
 * The meal's day: two days on, never over whenever the test runs (today's dinner is over in the
 * evening, and meal.attend is then refused 'closed': the test failed after about 19:00 UTC).
 */
const mealDay = (): string => new Date(Date.now() + 48 * HOUR).toISOString().slice(0, 10);
const dayItem = (
  id: string,
  residentId: string | null,
  groupId: string | null,
): MutationArgs<'dayitem.put'> => ({
  id,
  residentId,
  groupId,
  date: today(),
  start: '09:00',
  end: null,
  title: `Item ${id}`,
  pictogram: null,
  changedOn: null,
});

function slot(hoursAhead: number): { start: string; end: string } {
  const start = wholeHourAhead(hoursAhead);
  return { start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString() };
}

/** Everything that concerns one resident, written by staff: r1 and r3 consent, r2 does not. */
async function seedPrivateLives(suffix: string, hours: number): Promise<number> {
  await apply(staff, 'activity.put', activity(`a${suffix}`));
  await apply(staff, 'meal.put', {
    id: `m${suffix}`,
    date: mealDay(),
    slot: 'dinner',
    dish: 'Frikadeller',
    description: '',
    allergens: [],
    photo: null,
    pictogram: null,
  });
  let head = 0;
  for (const r of ['r1', 'r2', 'r3']) {
    await apply(staff, 'signup.add', { activityId: `a${suffix}`, residentId: r });
    await apply(staff, 'dayitem.put', dayItem(`d${suffix}-${r}`, r, null));
    await apply(staff, 'meal.attend', { mealId: `m${suffix}`, residentId: r, attending: true });
    await apply(staff, 'attendance.set', {
      activityId: `a${suffix}`,
      residentId: r,
      present: true,
    });
    head = await apply(staff, 'booking.add', {
      resourceId: 'wash',
      residentId: r,
      ...slot(hours + Number(r.slice(1))),
    });
  }
  return head;
}

async function seedCentre(): Promise<number> {
  await seedResidents(staff, 3, (i) => i !== 2);
  await apply(staff, 'resource.put', resource('wash'));
  await apply(staff, 'dayitem.put', dayItem('d-group', null, 'g1'));
  return seedPrivateLives('1', 2);
}

const mentions = (replica: Replica, residentId: string): string[] =>
  replica.received
    .filter(
      (c) =>
        JSON.stringify(c).includes(`"${residentId}"`) ||
        c.id.endsWith(`:${residentId}`) ||
        c.id.endsWith(`-${residentId}`),
    )
    .map((c) => `${c.type} ${c.id}`);

describe('what a kiosk sees', () => {
  it('never a resident without wall consent, nor their sign-ups, day items or meals, by pull or by push', async () => {
    await seedCentre();
    const kiosk = new Replica(await t.connect(await t.kioskToken()));
    await kiosk.sync();
    expect([...kiosk.all('resident').keys()].sort()).toEqual(['r1', 'r3']);
    expect([...kiosk.all('signup').keys()].sort()).toEqual(['a1:r1', 'a1:r3']);
    expect([...kiosk.all('dayitem').keys()].sort()).toEqual(['d-group', 'd1-r1', 'd1-r3']);
    expect([...kiosk.all('mealattendance').keys()].sort()).toEqual(['m1:r1', 'm1:r3']);
    expect(kiosk.all('attendance').size).toBe(0);
    // The hidden sign-up still takes a place.
    expect(kiosk.get<Activity>('activity', 'a1')?.confirmedCount).toBe(3);

    // Now live: the same kinds of changes again, pushed.
    const head = await seedPrivateLives('2', 10);
    await kiosk.until((k) => k.cursor === head);
    expect(kiosk.pushesApplied).toBeGreaterThan(0);
    expect(kiosk.gaps).toBe(0);
    expect(mentions(kiosk, 'r2')).toEqual([]);
    expect([...kiosk.all('signup').keys()].sort()).toEqual(['a1:r1', 'a1:r3', 'a2:r1', 'a2:r3']);
    expect(kiosk.all('attendance').size).toBe(0);
  });

  it('bookings of a resident without consent arrive without a name, so the slot shows as taken', async () => {
    await seedCentre();
    const kiosk = new Replica(await t.connect(await t.kioskToken()));
    await kiosk.sync();
    const bookings = [...kiosk.all<Booking>('booking').values()];
    expect(bookings).toHaveLength(3);
    expect(bookings.map((b) => b.residentId).sort()).toEqual(['r1', 'r3', null].sort());
    const pushed = nextEvent(kiosk.socket, 'changes');
    await apply(staff, 'booking.add', { resourceId: 'wash', residentId: 'r2', ...slot(30) });
    const push = await pushed;
    expect(push.changes).toHaveLength(1);
    expect(push.changes[0]?.data).toMatchObject({ residentId: null, status: 'active' });
  });
});

describe('what a relative sees', () => {
  it('only their own residents, their sign-ups, plans, meals and bookings', async () => {
    await seedCentre();
    const relative = new Replica(await t.connect(await t.userToken('relative', ['r2'])));
    await relative.sync();
    expect([...relative.all('resident').keys()]).toEqual(['r2']);
    expect([...relative.all('signup').keys()]).toEqual(['a1:r2']);
    expect([...relative.all('dayitem').keys()].sort()).toEqual(['d-group', 'd1-r2']);
    expect([...relative.all('mealattendance').keys()]).toEqual(['m1:r2']);
    // Others' bookings not even nameless (issue 10): they would say when someone used it.
    expect([...relative.all<Booking>('booking').values()].map((b) => b.residentId)).toEqual(['r2']);
    const head = await seedPrivateLives('2', 10);
    await relative.until((r) => r.cursor === head);
    expect(mentions(relative, 'r1')).toEqual([]);
    expect(mentions(relative, 'r3')).toEqual([]);
    expect([...relative.all('signup').keys()].sort()).toEqual(['a1:r2', 'a2:r2']);
  });
});

describe('what staff see', () => {
  it('everything, attendance included', async () => {
    await seedCentre();
    const other = new Replica(await t.connect(await t.userToken('staff')));
    await other.sync();
    expect(other.all('resident').size).toBe(3);
    expect(other.all('signup').size).toBe(3);
    expect(other.all('dayitem').size).toBe(4);
    expect(other.all('mealattendance').size).toBe(3);
    expect(other.all('attendance').size).toBe(3);
    expect([...other.all<Booking>('booking').values()].every((b) => b.residentId !== null)).toBe(
      true,
    );
  });
});

describe('withdrawing wall consent', () => {
  it('sends every kiosk a reset, and their fresh pull no longer holds that resident', async () => {
    await seedCentre();
    const kiosks = [
      new Replica(await t.connect(await t.kioskToken('k1'))),
      new Replica(await t.connect(await t.kioskToken('k2'))),
    ];
    const relative = new Replica(await t.connect(await t.userToken('relative', ['r1'])));
    await Promise.all([...kiosks, relative].map((k) => k.sync()));
    expect(kiosks[0]?.get('resident', 'r1')).toBeDefined();

    const resets = kiosks.map((k) => nextEvent(k.socket, 'reset'));
    const head = await apply(staff, 'resident.put', resident('r1', { wallConsent: false }));
    for (const notice of await Promise.all(resets))
      expect(notice).toMatchObject({
        reason: 'visibility_changed',
        view: expect.any(String) as string,
      });
    for (const k of kiosks) {
      await k.until((r) => r.cursor === head && r.resets.length === 1);
      expect(k.get('resident', 'r1')).toBeUndefined();
      expect(k.get('signup', 'a1:r1')).toBeUndefined();
      expect(k.get('dayitem', 'd1-r1')).toBeUndefined();
      expect(k.get('mealattendance', 'm1:r1')).toBeUndefined();
      expect(
        [...k.all<Booking>('booking').values()]
          .filter((b) => b.residentId !== null)
          .map((b) => b.residentId),
      ).toEqual(['r3']);
    }
    const fresh = new Replica(await t.connect(await t.kioskToken('k3')));
    await fresh.sync();
    expect(mentions(fresh, 'r1')).toEqual([]);
    expect(mentions(fresh, 'r2')).toEqual([]);
    // A relative's view does not depend on the wall: no reset, and r1 is still there.
    await relative.until((r) => r.cursor === head);
    expect(relative.resets).toEqual([]);
    expect(relative.get('resident', 'r1')).toMatchObject({ wallConsent: false });
  });

  it('a kiosk sign-up arriving just after consent was withdrawn is refused, even when both are applied together', async () => {
    // A store that answers like a networked database, so that events queue up while a
    // transaction runs and are applied together in the next one (group commit).
    await t.close();
    const dataDir = freshDataDir();
    // The kiosk's sign-up is sent only once the withdrawal is in the writer queue (its rights
    // check is a database read, which on PostgreSQL may take longer than the kiosk's), and the
    // writer stays busy until the sign-up has joined it there: both go in the next batch. (Not
    // on SQLite: its one connection answers the sign-up's rights check only after the busy
    // transaction, so there the check comes first or not at all while it runs.)
    const holdWriter = Boolean(testDatabaseUrl());
    let watching = false;
    let withdrawalIn = (): void => undefined;
    let signUpIn = (): void => undefined;
    const withdrawalQueued = new Promise<void>((resolve) => (withdrawalIn = resolve));
    const signUpQueued = new Promise<void>((resolve) => (signUpIn = resolve));
    let busyIn = (): void => undefined;
    const busyRunning = new Promise<void>((resolve) => (busyIn = resolve));
    t = await startTestServer({
      dataDir,
      store: await networkedStore(dataDir),
      mutationQueued: (name) => {
        if (watching && name === 'resident.put') withdrawalIn();
        if (watching && name === 'signup.add') signUpIn();
      },
      wrapHandler: (name, handler) =>
        name === 'activity.put'
          ? async (ctx, args) => {
              if (holdWriter && (args as { id?: string }).id === 'weekly') {
                busyIn();
                await signUpQueued;
              }
              return handler(ctx, args);
            }
          : handler,
    });
    staff = await t.staff();
    await seedResidents(staff, 3);
    await apply(staff, 'activity.put', activity('a1'));
    const kiosk = await t.connect(await t.kioskToken());
    const office = await t.connect(await t.userToken('staff'));
    watching = true;
    // A long mutation (a year of a weekly activity) keeps the writer busy meanwhile.
    const start = new Date(Date.now() + 24 * HOUR);
    const until = new Date(start.getTime() + 365 * 24 * HOUR).toISOString().slice(0, 10);
    const busy = mutate(
      office,
      'activity.put',
      activity('weekly', { recurrence: { freq: 'weekly', interval: 1, until } }),
    );
    // Held, the busy mutation's batch is its own, and the withdrawal waits for the next one.
    if (holdWriter) await busyRunning;
    const withdrawn = mutate(office, 'resident.put', resident('r1', { wallConsent: false }));
    await withdrawalQueued;
    const signUp = await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    const [b, w] = await Promise.all([busy, withdrawn]);
    expect(b.status).toBe('applied');
    expect(w.status).toBe('applied');
    expect(signUp).toMatchObject({ status: 'rejected', code: 'forbidden', reason: 'no_consent' });
    const row = await t.server.store.db
      .selectFrom('signup')
      .select('id')
      .where('resident_id', '=', 'r1')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('giving consent makes kiosks start over with the resident included', async () => {
    await seedCentre();
    const kiosk = new Replica(await t.connect(await t.kioskToken()));
    await kiosk.sync();
    const head = await apply(staff, 'resident.put', resident('r2', { wallConsent: true }));
    await kiosk.until((k) => k.cursor === head && k.resets.length === 1);
    expect(kiosk.get('resident', 'r2')).toBeDefined();
    expect(kiosk.get('signup', 'a1:r2')).toBeDefined();
    expect(mentions(kiosk, 'r2').length).toBeGreaterThan(0);
  });
});
