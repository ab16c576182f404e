/**
 * Issue 9, day structure and duty roster: weekday templates (staff-only), filling a week from
 * them, copying a week of day items and of shifts, and the "Ændret" mark the server sets on a
 * change to an item on its own day (centre time zone).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DayItem, DayTemplate, Shift } from '../../src/domain/model.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { seedResidents } from '../helpers/fixtures.js';
import {
  apply,
  mutate,
  pullAll,
  replay,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let clock: Date;
let staff: SyncSocket;

// Tuesday 1 December 2026, 10.00 in Copenhagen (09:00Z).
beforeEach(async () => {
  clock = new Date('2026-12-01T09:00:00.000Z');
  t = await startTestServer({ now: () => clock });
  staff = await t.staff();
  await seedResidents(staff, 3, (i) => i !== 3);
});
afterEach(async () => {
  await t.close();
});

const template = (id: string, over: Partial<DayTemplate>): DayTemplate => ({
  id,
  residentId: 'r1',
  groupId: null,
  weekday: 1,
  start: '08:00',
  end: null,
  title: `Template ${id}`,
  pictogram: null,
  ...over,
});

const dayItems = async (socket: SyncSocket) =>
  [...replay((await pullAll(socket)).changes, 'dayitem').values()].sort((a, b) =>
    a.date === b.date ? a.start.localeCompare(b.start) : a.date.localeCompare(b.date),
  );
const owned = (items: DayItem[], residentId: string) =>
  items
    .filter((i) => i.residentId === residentId)
    .map((i) => [i.date, i.start, i.title, i.changedOn]);

async function seedTemplates(): Promise<void> {
  await apply(staff, 'daytemplate.put', template('mon', { weekday: 1, title: 'Morgenmad' }));
  await apply(
    staff,
    'daytemplate.put',
    template('tue', { weekday: 2, start: '09:00', title: 'Svømning' }),
  );
  await apply(
    staff,
    'daytemplate.put',
    template('fri', { weekday: 5, start: '14:00', title: 'Bage' }),
  );
  await apply(staff, 'daytemplate.put', template('bo', { residentId: 'r2', weekday: 1 }));
  await apply(
    staff,
    'daytemplate.put',
    template('house', { residentId: null, groupId: 'g1', weekday: 3, title: 'Husmøde' }),
  );
}

describe('day-structure templates', () => {
  it("fill a resident's week, again without doubles; today's new item is marked Ændret", async () => {
    await seedTemplates();
    const res = await mutate(staff, 'dayitem.applyTemplates', {
      weekStart: '2026-11-30',
      residentId: 'r1',
      groupId: null,
    });
    expect(res).toMatchObject({ status: 'applied', result: { items: 3 } });
    const expected = [
      ['2026-11-30', '08:00', 'Morgenmad', null],
      ['2026-12-01', '09:00', 'Svømning', '2026-12-01'],
      ['2026-12-04', '14:00', 'Bage', null],
    ];
    expect(owned(await dayItems(staff), 'r1')).toEqual(expected);
    expect(owned(await dayItems(staff), 'r2')).toEqual([]);

    await apply(staff, 'dayitem.applyTemplates', {
      weekStart: '2026-11-30',
      residentId: 'r1',
      groupId: null,
    });
    expect(owned(await dayItems(staff), 'r1')).toEqual(expected);

    // A kiosk sees the day items made from templates, never the templates themselves.
    const kiosk = await t.connect(await t.kioskToken());
    const seen = (await pullAll(kiosk)).changes;
    expect(seen.filter((c) => c.type === 'daytemplate')).toEqual([]);
    expect(owned([...replay(seen, 'dayitem').values()], 'r1')).toHaveLength(3);
    const relative = await t.connect(await t.userToken('relative', ['r1']));
    expect((await pullAll(relative)).changes.filter((c) => c.type === 'daytemplate')).toEqual([]);
  });

  it("fill a group's week from the group's templates", async () => {
    await seedTemplates();
    await apply(staff, 'dayitem.applyTemplates', {
      weekStart: '2026-12-07',
      residentId: null,
      groupId: 'g1',
    });
    const items = (await dayItems(staff)).filter((i) => i.groupId === 'g1');
    expect(items.map((i) => [i.date, i.title, i.changedOn])).toEqual([
      ['2026-12-09', 'Husmøde', null],
    ]);
  });

  it('a deleted template is gone for staff; an unknown one is not found', async () => {
    await seedTemplates();
    await apply(staff, 'daytemplate.del', { id: 'fri' });
    const templates = replay((await pullAll(staff)).changes, 'daytemplate');
    expect([...templates.keys()].sort()).toEqual(['bo', 'house', 'mon', 'tue']);
    expect(await mutate(staff, 'daytemplate.del', { id: 'fri' })).toMatchObject({
      status: 'rejected',
      code: 'not_found',
    });
  });
});

describe('the demo centre', () => {
  it("has each house's weekday plan as templates: next week fills in one mutation", async () => {
    const demo = await startTestServer({ now: () => clock });
    try {
      await seedDemo(demo.server.store.db, clock, { dataDir: demo.dataDir });
      await demo.restart();
      const res = await mutate(await demo.staff(), 'dayitem.applyTemplates', {
        weekStart: '2026-12-07',
        residentId: null,
        groupId: 'g-birk',
      });
      // Monday to Friday, nine items a day.
      expect(res).toMatchObject({ status: 'applied', result: { items: 45 } });
    } finally {
      await demo.close();
    }
  });
});

describe('copy a week of day items', () => {
  it('copies to the same weekdays, without the marks, and again without doubles', async () => {
    await seedTemplates();
    await apply(staff, 'dayitem.applyTemplates', {
      weekStart: '2026-11-30',
      residentId: 'r1',
      groupId: null,
    });
    const copy = { fromWeek: '2026-11-30', toWeek: '2026-12-07', residentId: 'r1', groupId: null };
    expect(await mutate(staff, 'dayitem.copyWeek', copy)).toMatchObject({
      status: 'applied',
      result: { items: 3 },
    });
    await apply(staff, 'dayitem.copyWeek', copy);
    const next = owned(await dayItems(staff), 'r1').filter(([d]) => (d as string) >= '2026-12-07');
    expect(next).toEqual([
      ['2026-12-07', '08:00', 'Morgenmad', null],
      ['2026-12-08', '09:00', 'Svømning', null],
      ['2026-12-11', '14:00', 'Bage', null],
    ]);
  });
});

describe('"Ændret": a change on the item\'s own day', () => {
  const item = (over: Partial<DayItem>): DayItem => ({
    id: 'walk',
    residentId: 'r1',
    groupId: null,
    date: '2026-12-02',
    start: '10:00',
    end: null,
    title: 'Gåtur',
    pictogram: null,
    changedOn: null,
    ...over,
  });
  const mark = async () => (await dayItems(staff)).find((i) => i.id === 'walk')?.changedOn;

  it('is set by the server by the centre day, not by what the client sends', async () => {
    // Made the day before (the client claims a mark): no mark.
    await apply(staff, 'dayitem.put', item({ changedOn: '2026-12-02' }));
    expect(await mark()).toBeNull();
    // 23:30Z on 1 December is 00.30 on 2 December in Copenhagen: the item's own day there.
    clock = new Date('2026-12-01T23:30:00.000Z');
    await apply(staff, 'dayitem.put', item({}));
    expect(await mark()).toBeNull(); // unchanged: no mark
    await apply(staff, 'dayitem.put', item({ start: '11:00' }));
    expect(await mark()).toBe('2026-12-02');
    // Saved again unchanged later that day: the mark stays until the day ends.
    clock = new Date('2026-12-02T15:00:00.000Z');
    await apply(staff, 'dayitem.put', item({ start: '11:00' }));
    expect(await mark()).toBe('2026-12-02');
  });
});

describe('copy a week of the duty roster', () => {
  const shift = (id: string, start: string, end: string): Shift => ({
    id,
    staffName: 'Mette',
    photo: null,
    start,
    end,
    groupId: null,
  });

  it('copies the week to the same weekdays and times; the kiosk shows them', async () => {
    await apply(
      staff,
      'shift.put',
      shift('mon', '2026-11-30T06:00:00.000Z', '2026-11-30T14:00:00.000Z'),
    );
    await apply(
      staff,
      'shift.put',
      shift('sun', '2026-12-06T13:00:00.000Z', '2026-12-06T21:00:00.000Z'),
    );
    await apply(
      staff,
      'shift.put',
      shift('later', '2026-12-08T06:00:00.000Z', '2026-12-08T14:00:00.000Z'),
    );
    expect(
      await mutate(staff, 'shift.copyWeek', { fromWeek: '2026-11-30', toWeek: '2026-12-07' }),
    ).toMatchObject({ status: 'applied', result: { shifts: 2 } });
    await apply(staff, 'shift.copyWeek', { fromWeek: '2026-11-30', toWeek: '2026-12-07' });

    const kiosk = await t.connect(await t.kioskToken());
    const shifts = [...replay((await pullAll(kiosk)).changes, 'shift').values()]
      .map((s) => [s.start, s.end, s.staffName])
      .sort();
    expect(shifts).toEqual([
      ['2026-11-30T06:00:00.000Z', '2026-11-30T14:00:00.000Z', 'Mette'],
      ['2026-12-06T13:00:00.000Z', '2026-12-06T21:00:00.000Z', 'Mette'],
      ['2026-12-07T06:00:00.000Z', '2026-12-07T14:00:00.000Z', 'Mette'],
      ['2026-12-08T06:00:00.000Z', '2026-12-08T14:00:00.000Z', 'Mette'],
      ['2026-12-13T13:00:00.000Z', '2026-12-13T21:00:00.000Z', 'Mette'],
    ]);
  });
});

describe('bad input', () => {
  const send = (socket: SyncSocket, name: string, args: unknown) =>
    socket.timeout(10_000).emitWithAck('mutate', { id: randomUUID(), name, args } as never);

  it('is refused with the right code, and nothing is written', async () => {
    const kiosk = await t.connect(await t.kioskToken());
    const relative = await t.connect(await t.userToken('relative', ['r1']));
    const week = { weekStart: '2026-11-30', residentId: 'r1', groupId: null };
    const copy = { fromWeek: '2026-11-30', toWeek: '2026-12-07', residentId: 'r1', groupId: null };
    const cases: [SyncSocket, string, unknown, string][] = [
      [staff, 'dayitem.applyTemplates', { ...week, weekStart: '2026-12-01' }, 'invalid'],
      [staff, 'dayitem.applyTemplates', { ...week, weekStart: '2026-02-30' }, 'invalid'],
      [staff, 'dayitem.applyTemplates', { ...week, groupId: 'g1' }, 'invalid'],
      [staff, 'dayitem.applyTemplates', { ...week, residentId: null }, 'invalid'],
      [staff, 'dayitem.applyTemplates', { ...week, residentId: 'other-centre' }, 'not_found'],
      [staff, 'dayitem.applyTemplates', { ...week, residentId: 7 }, 'invalid'],
      [staff, 'dayitem.copyWeek', { ...copy, toWeek: '2026-11-30' }, 'invalid'],
      [staff, 'dayitem.copyWeek', { ...copy, residentId: null, groupId: 'nope' }, 'not_found'],
      [staff, 'dayitem.copyWeek', { ...copy, extra: true }, 'invalid'],
      [staff, 'shift.copyWeek', { fromWeek: '2026-11-30', toWeek: '2026-12-08' }, 'invalid'],
      [staff, 'shift.copyWeek', { fromWeek: '2026-11-30' }, 'invalid'],
      [staff, 'daytemplate.put', template('x', { weekday: 7 }), 'invalid'],
      [staff, 'daytemplate.put', template('x', { title: 'x'.repeat(201) }), 'invalid'],
      [staff, 'daytemplate.put', template('x', { start: '25:00' }), 'invalid'],
      [staff, 'daytemplate.put', template('x', { groupId: 'g1' }), 'invalid'],
      [staff, 'daytemplate.put', template('x', { residentId: 'other-centre' }), 'not_found'],
      [
        staff,
        'daytemplate.put',
        template('x', { residentId: null, groupId: 'no-group' }),
        'not_found',
      ],
      [kiosk, 'daytemplate.put', template('x', {}), 'forbidden'],
      [kiosk, 'dayitem.applyTemplates', week, 'forbidden'],
      [relative, 'dayitem.copyWeek', copy, 'forbidden'],
      [relative, 'shift.copyWeek', { fromWeek: '2026-11-30', toWeek: '2026-12-07' }, 'forbidden'],
      [kiosk, 'daytemplate.del', { id: 'x' }, 'forbidden'],
    ];
    for (const [socket, name, args, code] of cases) {
      expect(await send(socket, name, args), `${name} ${JSON.stringify(args)}`).toMatchObject({
        status: 'rejected',
        code,
      });
    }
    const templates = await t.server.store.db.selectFrom('daytemplate').select('id').execute();
    expect(templates).toEqual([]);
  });
});
