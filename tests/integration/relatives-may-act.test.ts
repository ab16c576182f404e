/**
 * Staff's per-resident setting `relativesMayAct` (issue 10): a relative may sign up, cancel,
 * book and answer a meal for their own resident only where staff allowed it; without it every
 * such mutation is refused `forbidden` / `relatives_may_not_act` and nothing changes. The setting
 * is stored by `resident.put`, kept when a put leaves it out, audited, and kiosks and staff are
 * not affected by it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Resident } from '../../src/domain/model.js';
import { readHead } from '../../src/server/store/store.js';
import { activity, resident, resource, wholeHourAhead, HOUR } from '../helpers/fixtures.js';
import { Replica } from '../helpers/replica.js';
import {
  apply,
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staff: SyncSocket;
let relative: SyncSocket;
const start = wholeHourAhead(3);
const slot = { start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString() };
const today = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

beforeEach(async () => {
  t = await startTestServer();
  staff = await t.staff();
  await apply(staff, 'group.put', { id: 'g1', name: 'Gruppe 1' });
  await apply(staff, 'resident.put', {
    ...resident('r1'),
    consent: { relatives: { given: true, by: 'resident' } },
  });
  await apply(staff, 'activity.put', activity('a1'));
  await apply(staff, 'resource.put', resource('wash'));
  await apply(staff, 'meal.put', {
    id: 'm1',
    date: today,
    slot: 'lunch',
    dish: 'Suppe',
    description: '',
    allergens: [],
    photo: null,
    pictogram: null,
  });
  await apply(staff, 'booking.add', {
    bookingId: 'b-staff',
    resourceId: 'wash',
    residentId: 'r1',
    ...slot,
  });
  relative = await t.connect(await t.userToken('relative', ['r1']));
});
afterEach(async () => {
  await t.close();
});

const storedResident = async (): Promise<Resident> => {
  const office = new Replica(await t.connect(await t.userToken('staff')));
  await office.sync();
  return office.get<Resident>('resident', 'r1') as Resident;
};

/** Every mutation by which a relative acts for their resident. */
const acts = [
  ['signup.add', { activityId: 'a1', residentId: 'r1' }],
  ['signup.cancel', { activityId: 'a1', residentId: 'r1' }],
  ['meal.attend', { mealId: 'm1', residentId: 'r1', attending: true }],
  [
    'booking.add',
    {
      bookingId: 'b-rel',
      resourceId: 'wash',
      residentId: 'r1',
      start: new Date(start.getTime() + HOUR).toISOString(),
      end: new Date(start.getTime() + 2 * HOUR).toISOString(),
    },
  ],
  ['booking.start', { bookingId: 'b-staff' }],
  ['booking.cancel', { bookingId: 'b-staff' }],
] as const;

describe('relativesMayAct', () => {
  it('is off for a new resident, and every act of a relative is refused in plain words', async () => {
    expect((await storedResident()).relativesMayAct).toBe(false);
    for (const [name, args] of acts) {
      const before = await readHead(t.server.store.db);
      const res = await mutate(relative, name, args);
      expect(res, name).toEqual({
        status: 'rejected',
        code: 'forbidden',
        reason: 'relatives_may_not_act',
        message: 'Staff have not allowed relatives to sign up or cancel for this resident.',
      });
      expect(await readHead(t.server.store.db), `${name} changed nothing`).toBe(before);
    }
  });

  it('once staff allow it, the relative may act; a put without the field keeps it', async () => {
    await apply(staff, 'resident.put', resident('r1', { relativesMayAct: true }));
    // A protocol v1 client's put (no field) changes the name and leaves the setting alone.
    await apply(staff, 'resident.put', resident('r1', { displayName: 'Anna' }));
    expect(await storedResident()).toMatchObject({ displayName: 'Anna', relativesMayAct: true });
    for (const [name, args] of acts) {
      const res = await mutate(relative, name, args);
      // Starting a booking hours ahead is refused for its own reason, past the acting check.
      const expected =
        name === 'booking.start' ? { code: 'closed', reason: 'too_early' } : { status: 'applied' };
      expect(res, `${name}: ${JSON.stringify(res)}`).toMatchObject(expected);
    }
    // Turned off again: refused again.
    await apply(staff, 'resident.put', resident('r1', { relativesMayAct: false }));
    expect(
      await mutate(relative, 'signup.add', { activityId: 'a1', residentId: 'r1' }),
    ).toMatchObject({ code: 'forbidden', reason: 'relatives_may_not_act' });
  });

  it('is audited with who changed it', async () => {
    await apply(staff, 'resident.put', resident('r1', { relativesMayAct: true }));
    const rows = await t.server.store.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'resident.put')
      .execute();
    expect(rows.some((r) => JSON.stringify(r).includes('relativesMayAct'))).toBe(true);
  });

  it('does not change what kiosks and staff may do', async () => {
    const kiosk = await t.connect(await t.kioskToken());
    expect(await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' })).toMatchObject(
      { status: 'applied' },
    );
    expect(
      await mutate(staff, 'meal.attend', { mealId: 'm1', residentId: 'r1', attending: false }),
    ).toMatchObject({ status: 'applied' });
  });

  it('refuses a wrong type, and only staff may set it', async () => {
    const bad = { ...resident('r1'), relativesMayAct: 'yes' } as unknown as ReturnType<
      typeof resident
    >;
    expect(await mutate(staff, 'resident.put', bad)).toMatchObject({ code: 'invalid' });
    const self = await mutate(relative, 'resident.put', resident('r1', { relativesMayAct: true }));
    expect(self).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect((await storedResident()).relativesMayAct).toBe(false);
  });
});
