/**
 * Recurring activities through the real server: RRULE series ("every other Tuesday", "the first
 * Monday"), old weekly rows still readable, and activity.putSeries (this one / this and later /
 * all) keeping sign-ups; staff signing up residents without wall consent; attendance in the
 * staff cache only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/domain/model.js';
import type { MutationArgs } from '../../src/protocol/index.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import { Replica } from '../helpers/replica.js';
import {
  apply,
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

const CPH = 'Europe/Copenhagen';
/** Tuesday 4 March 2031, 14:00–16:00 in Copenhagen (winter time); summer time from 30 March. */
const TUE = { start: '2031-03-04T13:00:00.000Z', end: '2031-03-04T15:00:00.000Z' };

let t: TestServer;
let staff: SyncSocket;

beforeEach(async () => {
  t = await startTestServer();
  staff = await t.staff();
  await seedResidents(staff, 4, (i) => i !== 4); // r4 has no wall consent
});
afterEach(() => t.close());

async function activities(): Promise<Activity[]> {
  const rows = await t.server.store.db.selectFrom('activity').select('data').execute();
  return rows
    .map((r) => JSON.parse(r.data) as Activity)
    .sort((a, b) => a.start.localeCompare(b.start));
}
const byId = async (id: string) => (await activities()).find((a) => a.id === id);
const local = (iso: string) =>
  new Intl.DateTimeFormat('da-DK', { timeZone: CPH, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

async function series(rrule: string, overrides: Partial<MutationArgs<'activity.put'>> = {}) {
  const res = await mutate(staff, 'activity.put', {
    ...activity('sang', { ...TUE, capacity: 2 }),
    recurrence: { rrule },
    ...overrides,
  });
  expect(res.status).toBe('applied');
  return res;
}

const putSeries = (args: MutationArgs<'activity.putSeries'>) =>
  mutate(staff, 'activity.putSeries', args);

describe('RRULE series', () => {
  it('every other Tuesday, at 14:00 on the wall clock across the spring change', async () => {
    const res = await series('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20310415T235959');
    expect(res).toMatchObject({ result: { occurrences: 4 } });
    const all = await activities();
    expect(all.map((a) => a.id)).toEqual([
      'sang',
      'sang@2031-03-18',
      'sang@2031-04-01',
      'sang@2031-04-15',
    ]);
    expect(all.map((a) => local(a.start))).toEqual(['14.00', '14.00', '14.00', '14.00']);
    expect(all.slice(1).every((a) => a.seriesId === 'sang' && a.recurrence === null)).toBe(true);
  });

  it('the first Monday of the month', async () => {
    await series('FREQ=MONTHLY;BYDAY=1MO;COUNT=3', {
      start: '2031-03-03T09:00:00.000Z',
      end: '2031-03-03T10:00:00.000Z',
    });
    expect((await activities()).map((a) => a.id)).toEqual([
      'sang',
      'sang@2031-04-07',
      'sang@2031-05-05',
    ]);
  });

  it('still takes the first weekly form, and reads an old stored row', async () => {
    await apply(staff, 'activity.put', {
      ...activity('gammel', TUE),
      recurrence: { freq: 'weekly', interval: 1, until: '2031-03-18' },
    });
    expect((await activities()).map((a) => a.id)).toEqual([
      'gammel',
      'gammel@2031-03-11',
      'gammel@2031-03-18',
    ]);
    // A series edit reads the old form and keeps it when the rule is not changed.
    const res = await putSeries({
      seriesId: 'gammel',
      from: '2031-03-04',
      scope: 'all',
      changes: { title: 'Gåtur' },
    });
    expect(res.status).toBe('applied');
    expect((await activities()).map((a) => a.title)).toEqual(['Gåtur', 'Gåtur', 'Gåtur']);
    expect((await byId('gammel'))?.recurrence).toEqual({
      freq: 'weekly',
      interval: 1,
      until: '2031-03-18',
    });
  });
});

describe('activity.putSeries', () => {
  const WEEKLY = 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20310401T235959'; // 4, 11, 18, 25 March, 1 April

  it('"one" changes that occurrence only, and "all" keeps its own change', async () => {
    await series(WEEKLY);
    expect(
      await putSeries({
        seriesId: 'sang',
        from: '2031-03-11',
        scope: 'one',
        changes: { place: 'Haven' },
      }),
    ).toMatchObject({
      status: 'applied',
      result: { seriesId: 'sang', changed: 1 },
    });
    expect((await activities()).map((a) => a.place)).toEqual([
      'Stuen',
      'Haven',
      'Stuen',
      'Stuen',
      'Stuen',
    ]);

    await apply(staff, 'signup.add', { activityId: 'sang@2031-03-18', residentId: 'r1' });
    const res = await putSeries({
      seriesId: 'sang',
      from: '2031-03-18',
      scope: 'all',
      changes: { title: 'Sangkor', startTime: '15:00', endTime: '16:30' },
    });
    expect(res).toMatchObject({ status: 'applied', result: { seriesId: 'sang', changed: 5 } });
    const all = await activities();
    expect(all.map((a) => a.title)).toEqual(Array(5).fill('Sangkor'));
    expect(all.map((a) => `${local(a.start)}–${local(a.end)}`)).toEqual(
      Array(5).fill('15.00–16.30'),
    );
    expect(all.map((a) => a.place)).toEqual(['Stuen', 'Haven', 'Stuen', 'Stuen', 'Stuen']);
    // The sign-up and the count survive the edit.
    expect((await byId('sang@2031-03-18'))?.confirmedCount).toBe(1);
  });

  it('"following" splits the series at that day; sign-ups of kept days survive', async () => {
    await series(WEEKLY, { signupDeadline: '2031-03-04T12:00:00.000Z' }); // an hour before
    await apply(staff, 'signup.add', { activityId: 'sang@2031-03-11', residentId: 'r1' });
    await apply(staff, 'signup.add', { activityId: 'sang@2031-03-25', residentId: 'r2' });
    await apply(staff, 'signup.add', { activityId: 'sang@2031-04-01', residentId: 'r3' });

    // From 18 March: every other week, at 10:00.
    const res = await putSeries({
      seriesId: 'sang',
      from: '2031-03-18',
      scope: 'following',
      changes: {
        startTime: '10:00',
        endTime: '11:00',
        recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20310415T235959' },
      },
    });
    expect(res).toMatchObject({
      status: 'applied',
      result: { seriesId: 'sang@2031-03-18', changed: 3 },
    });
    const all = await activities();
    expect(all.map((a) => [a.id, a.seriesId, local(a.start)])).toEqual([
      ['sang', null, '14.00'],
      ['sang@2031-03-11', 'sang', '14.00'],
      ['sang@2031-03-18', null, '10.00'],
      ['sang@2031-04-01', 'sang@2031-03-18', '10.00'],
      ['sang@2031-04-15', 'sang@2031-03-18', '10.00'],
    ]);
    expect((await byId('sang'))?.recurrence).toEqual({
      rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20310317T235959',
    });
    expect((await byId('sang@2031-03-18'))?.recurrence).toEqual({
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20310415T235959',
    });
    // Kept days keep their sign-ups; 25 March is gone with its sign-up; deadlines follow the time.
    const signups = await t.server.store.db
      .selectFrom('signup')
      .select('id')
      .orderBy('id')
      .execute();
    expect(signups.map((s) => s.id)).toEqual(['sang@2031-03-11:r1', 'sang@2031-04-01:r3']);
    expect((await byId('sang@2031-04-01'))?.confirmedCount).toBe(1);
    expect((await byId('sang@2031-04-15'))?.signupDeadline).toBe('2031-04-15T07:00:00.000Z');

    // The new series is a series of its own: "all" on it leaves the old one alone.
    await apply(staff, 'activity.putSeries', {
      seriesId: 'sang@2031-03-18',
      from: '2031-04-01',
      scope: 'all',
      changes: { capacity: 8 },
    });
    expect((await activities()).map((a) => a.capacity)).toEqual([2, 2, 8, 8, 8]);
  });

  it('"following" without a new rule carries the changes and a COUNT over', async () => {
    await series('FREQ=WEEKLY;COUNT=4');
    await apply(staff, 'activity.putSeries', {
      seriesId: 'sang',
      from: '2031-03-18',
      scope: 'following',
      changes: { capacity: 10, deadlineMinutesBefore: 60 },
    });
    const all = await activities();
    expect(all.map((a) => a.capacity)).toEqual([2, 2, 10, 10]);
    expect(all.map((a) => a.signupDeadline)).toEqual([
      null,
      null,
      '2031-03-18T12:00:00.000Z',
      '2031-03-25T12:00:00.000Z',
    ]);
    expect((await byId('sang'))?.recurrence).toEqual({
      rrule: 'FREQ=WEEKLY;UNTIL=20310317T235959',
    });
    expect((await byId('sang@2031-03-18'))?.recurrence).toEqual({ rrule: 'FREQ=WEEKLY;COUNT=2' });
  });

  it('"all" with a new rule drops the days it no longer has and makes the new ones', async () => {
    await series(WEEKLY);
    await apply(staff, 'signup.add', { activityId: 'sang@2031-03-18', residentId: 'r1' });
    await apply(staff, 'signup.add', { activityId: 'sang@2031-03-25', residentId: 'r1' });
    await apply(staff, 'activity.putSeries', {
      seriesId: 'sang',
      from: '2031-03-04',
      scope: 'all',
      changes: { recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4' } },
    });
    expect((await activities()).map((a) => a.id)).toEqual([
      'sang',
      'sang@2031-03-18',
      'sang@2031-04-01',
      'sang@2031-04-15',
    ]);
    const signups = await t.server.store.db.selectFrom('signup').select('id').execute();
    expect(signups.map((s) => s.id)).toEqual(['sang@2031-03-18:r1']);
  });

  it('a staff socket and a kiosk receive the edited occurrences live', async () => {
    await series(WEEKLY);
    const kiosk = new Replica(await t.connect(await t.kioskToken()));
    await kiosk.sync();
    const cursor = await apply(staff, 'activity.putSeries', {
      seriesId: 'sang',
      from: '2031-03-04',
      scope: 'all',
      changes: { title: 'Nyt navn' },
    });
    await kiosk.until((k) => k.cursor >= cursor);
    expect(kiosk.entities.get('activity:sang@2031-04-01')?.data?.title).toBe('Nyt navn');
  });

  describe('refuses bad input', () => {
    beforeEach(() => series(WEEKLY));
    const good: MutationArgs<'activity.putSeries'> = {
      seriesId: 'sang',
      from: '2031-03-11',
      scope: 'all',
      changes: { title: 'x' },
    };
    it.each([
      ['a wrong type', { ...good, from: 20310311 }],
      ['an unknown scope', { ...good, scope: 'some' }],
      ['an unknown change', { ...good, changes: { colour: 'red' } }],
      ['a server field', { ...good, changes: { confirmedCount: 3 } }],
      ['an extra field', { ...good, extra: 1 }],
      [
        'a rule for one occurrence',
        { ...good, scope: 'one', changes: { recurrence: { rrule: 'FREQ=DAILY;COUNT=2' } } },
      ],
      [
        'a rule outside the subset',
        { ...good, changes: { recurrence: { rrule: 'FREQ=HOURLY;COUNT=2' } } },
      ],
      [
        'an oversize rule',
        { ...good, changes: { recurrence: { rrule: `FREQ=DAILY;COUNT=2;${'X'.repeat(300)}` } } },
      ],
      ['an oversize title', { ...good, changes: { title: 'x'.repeat(201) } }],
      ['an empty title', { ...good, changes: { title: '   ' } }],
      ['a bad time', { ...good, changes: { startTime: '25:00' } }],
      ['a negative deadline', { ...good, changes: { deadlineMinutesBefore: -5 } }],
      ['a capacity of 0', { ...good, changes: { capacity: 0 } }],
    ])('%s: invalid, nothing written', async (_what, args) => {
      const before = await activities();
      const res = await mutate(staff, 'activity.putSeries', args as never);
      expect(res).toMatchObject({ status: 'rejected', code: 'invalid' });
      expect(await activities()).toEqual(before);
    });

    it.each([
      ["an unknown series (another centre's id)", { ...good, seriesId: 'other-centre-act' }],
      ['an occurrence instead of the series', { ...good, seriesId: 'sang@2031-03-11' }],
      ['a day without an occurrence', { ...good, from: '2031-03-12' }],
    ])('%s: not_found', async (_what, args) => {
      expect(await putSeries(args)).toMatchObject({ status: 'rejected', code: 'not_found' });
    });

    it('a one-off is not a series', async () => {
      await apply(staff, 'activity.put', activity('enkelt', TUE));
      expect(await putSeries({ ...good, seriesId: 'enkelt', from: '2031-03-04' })).toMatchObject({
        status: 'rejected',
        code: 'not_found',
      });
    });

    it('a kiosk and a relative are forbidden', async () => {
      const kiosk = await t.connect(await t.kioskToken());
      const relative = await t.connect(await t.userToken('relative', ['r1']));
      for (const s of [kiosk, relative]) {
        expect(await mutate(s, 'activity.putSeries', good)).toMatchObject({
          status: 'rejected',
          code: 'forbidden',
        });
      }
      expect((await byId('sang@2031-03-11'))?.title).not.toBe('x');
    });
  });
});

describe('staff acting for residents', () => {
  it('signs up and cancels a resident without wall consent, whom a kiosk may not sign up', async () => {
    await apply(staff, 'activity.put', activity('tur', TUE));
    const kiosk = await t.connect(await t.kioskToken());
    expect(
      await mutate(kiosk, 'signup.add', { activityId: 'tur', residentId: 'r4' }),
    ).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      reason: 'no_consent',
    });
    expect(
      await mutate(staff, 'signup.add', { activityId: 'tur', residentId: 'r4' }),
    ).toMatchObject({
      status: 'applied',
      result: { signup: 'confirmed' },
    });
    expect((await byId('tur'))?.confirmedCount).toBe(1);
    expect(
      await mutate(staff, 'signup.cancel', { activityId: 'tur', residentId: 'r4' }),
    ).toMatchObject({
      status: 'applied',
      result: { signup: 'cancelled' },
    });
    expect((await byId('tur'))?.confirmedCount).toBe(0);
  });

  it('attendance reaches the staff cache, never a kiosk', async () => {
    await apply(staff, 'activity.put', activity('tur', TUE));
    const office = new Replica(await t.connect(await t.userToken('staff')));
    const kiosk = new Replica(await t.connect(await t.kioskToken()));
    await Promise.all([office.sync(), kiosk.sync()]);
    const cursor = await apply(staff, 'attendance.set', {
      activityId: 'tur',
      residentId: 'r4',
      present: true,
    });
    await Promise.all([office.until((r) => r.cursor >= cursor), kiosk.sync()]);
    expect(office.entities.get('attendance:tur:r4')?.data).toEqual({
      id: 'tur:r4',
      activityId: 'tur',
      residentId: 'r4',
      present: true,
    });
    expect([...kiosk.entities.keys()].some((k) => k.startsWith('attendance:'))).toBe(false);
  });
});
