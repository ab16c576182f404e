/**
 * The meal plan as staff fill it (src/protocol/README.md section 10): `meal.copyWeek` (one
 * transaction, one audit row), `meal.import` (a CSV file's rows: all right or nothing, with each
 * line's mistakes), allergens from the EU's 14, and sign-up on/off per meal, which
 * `meal.attend` obeys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meal } from '../../src/domain/model.js';
import type { MutationArgs, Rejected } from '../../src/protocol/index.js';
import { resident } from '../helpers/fixtures.js';
import {
  apply,
  mutate,
  pullAll,
  rawEmitWithAck,
  replay,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staff: SyncSocket;
beforeAll(async () => {
  t = await startTestServer();
  staff = await t.staff();
  await apply(staff, 'resident.put', resident('r-anna', { groupIds: [] }));
});
afterAll(async () => {
  await t.close();
});

// Weeks far ahead, so no test depends on today's date (each test uses its own weeks).
type MealArgs = MutationArgs<'meal.put'>;
const meal = (id: string, date: string, over: Partial<MealArgs> = {}): MealArgs => ({
  id,
  date,
  slot: 'lunch',
  dish: `Ret ${id}`,
  description: '',
  allergens: [],
  photo: null,
  pictogram: null,
  signUp: true,
  ...over,
});

async function meals(): Promise<Map<string, Meal>> {
  return replay((await pullAll(staff)).changes, 'meal');
}
const inWeek = (all: Map<string, Meal>, monday: string): Meal[] => {
  const end = new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return [...all.values()]
    .filter((m) => m.date >= monday && m.date < end)
    .sort((a, b) => (a.date + a.slot).localeCompare(b.date + b.slot));
};
const auditCount = async (name: string): Promise<number> =>
  (
    await t.server.store.db
      .selectFrom('audit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', name)
      .executeTakeFirstOrThrow()
  ).n;

describe('meal.copyWeek', () => {
  const FROM = '2099-03-02';
  const TO = '2099-03-09';
  beforeAll(async () => {
    await apply(staff, 'meal.put', meal('c-mon', '2099-03-02', { allergens: ['milk'] }));
    await apply(staff, 'meal.put', meal('c-tue', '2099-03-03', { slot: 'dinner', signUp: false }));
    await apply(staff, 'meal.put', meal('c-sun', '2099-03-08', { slot: 'snack' }));
    await apply(staff, 'meal.put', meal('c-next-mon', '2099-03-09')); // not in the week
  });

  it('refuses a target week that has meals, unless told to replace them', async () => {
    const res = (await mutate(staff, 'meal.copyWeek', { fromWeek: FROM, toWeek: TO })) as Rejected;
    expect(res).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(res.message).toMatch(/already has 1 meals; send replace: true/);
    expect(inWeek(await meals(), TO).map((m) => m.id)).toEqual(['c-next-mon']);
  });

  it('copies each meal to the same weekday and slot, in one mutation and one audit row', async () => {
    const audits = await auditCount('meal.copyWeek');
    const res = await mutate(staff, 'meal.copyWeek', { fromWeek: FROM, toWeek: TO, replace: true });
    expect(res).toMatchObject({ status: 'applied', result: { meals: 3, replaced: 1 } });
    const week = inWeek(await meals(), TO);
    expect(week.map((m) => [m.date, m.slot, m.dish, m.allergens, m.signUp])).toEqual([
      ['2099-03-09', 'lunch', 'Ret c-mon', ['milk'], true],
      ['2099-03-10', 'dinner', 'Ret c-tue', [], false],
      ['2099-03-15', 'snack', 'Ret c-sun', [], true],
    ]);
    expect(await auditCount('meal.copyWeek')).toBe(audits + 1);
    // The source week is untouched.
    expect(inWeek(await meals(), FROM)).toHaveLength(3);
  });

  it('copying again overwrites its own copies (no replace needed), never doubles', async () => {
    await apply(staff, 'meal.copyWeek', { fromWeek: FROM, toWeek: TO });
    expect(inWeek(await meals(), TO)).toHaveLength(3);
  });

  it('says so when the week to copy is empty', async () => {
    const res = await mutate(staff, 'meal.copyWeek', {
      fromWeek: '2099-06-01',
      toWeek: '2099-06-08',
    });
    expect(res).toMatchObject({ status: 'rejected', code: 'not_found' });
  });

  it('refuses bad args and roles other than staff', async () => {
    const bad: [unknown, RegExp][] = [
      [{ fromWeek: '2099-03-03', toWeek: TO }, /Monday/],
      [{ fromWeek: FROM, toWeek: FROM }, /another week/],
      [{ fromWeek: FROM }, /toWeek/],
      [{ fromWeek: FROM, toWeek: TO, extra: 1 }, /extra|Unrecognized/i],
      [{ fromWeek: 20990302, toWeek: TO }, /fromWeek/],
    ];
    for (const [args, message] of bad) {
      const res = (await rawEmitWithAck(staff, 'mutate', [
        { id: crypto.randomUUID(), name: 'meal.copyWeek', args },
      ])) as Rejected;
      expect(res).toMatchObject({ status: 'rejected', code: 'invalid' });
      expect(res.message).toMatch(message);
    }
    const kiosk = await t.connect(await t.kioskToken());
    const relative = await t.connect(await t.userToken('relative'));
    for (const s of [kiosk, relative])
      expect(
        await mutate(s, 'meal.copyWeek', { fromWeek: FROM, toWeek: TO, replace: true }),
      ).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });
});

describe('meal.import', () => {
  const row = (line: number, cells: Partial<MutationArgs<'meal.import'>['rows'][number]>) => ({
    line,
    date: '2099-04-06',
    slot: 'frokost',
    dish: 'Suppe',
    ...cells,
  });

  it('refuses a file with mistakes on several lines as a whole, naming each line and column', async () => {
    const before = await meals();
    const res = (await mutate(staff, 'meal.import', {
      rows: [
        row(2, { allergens: 'gluten, mælk' }),
        row(3, { date: '31.02.2099', slot: 'aftensmad' }),
        row(4, { slot: 'natmad', dish: '' }),
        row(5, { date: '2099-04-07', allergens: 'mælk; pinjekerner' }),
        row(6, { date: '2099-04-07', slot: 'aftensmad', signUp: 'måske' }),
        row(7, { date: '6.4.2099' }), // the same day and meal as line 2
      ],
    })) as Rejected;
    expect(res).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(res.message).toMatch(/^Nothing was imported: 5 of 6 lines have mistakes/);
    expect(res.details?.map((d) => [d.line, d.field, d.problem])).toEqual([
      [3, 'date', 'bad_date'],
      [4, 'slot', 'unknown_slot'],
      [4, 'dish', 'required'],
      [5, 'allergens', 'unknown_allergen'],
      [6, 'signUp', 'bad_yes_no'],
      [7, 'slot', 'duplicate'],
    ]);
    expect(res.details?.map((d) => d.message)).toEqual([
      'Line 3, date: "31.02.2099" is not a date (write 2026-12-07 or 7.12.2026).',
      'Line 4, slot: "natmad" is not a meal (morgenmad, frokost, aftensmad or mellemmåltid).',
      'Line 4, dish: missing.',
      'Line 5, allergens: "pinjekerner" is not one of the 14 allergens.',
      'Line 6, sign-up: "måske" is neither ja nor nej.',
      'Line 7, slot: the same day and meal as line 2.',
    ]);
    // Nothing at all was imported, not even the right lines.
    expect(await meals()).toEqual(before);
  });

  it('imports a right file: each day and slot gets the file’s meal, replacing what was there', async () => {
    await apply(
      staff,
      'meal.put',
      meal('i-old', '2099-04-13', { photo: null, pictogram: 'lunch' }),
    );
    const audits = await auditCount('meal.import');
    const res = await mutate(staff, 'meal.import', {
      rows: [
        row(2, { date: '13.4.2099', dish: 'Frikadeller', allergens: 'Gluten | æg', signUp: 'nej' }),
        row(3, { date: '2099-04-14', slot: 'Breakfast', dish: 'Grød', description: 'Med kanel' }),
      ],
    });
    expect(res).toMatchObject({ status: 'applied', result: { meals: 2, replaced: 1 } });
    expect(await auditCount('meal.import')).toBe(audits + 1);
    const week = inWeek(await meals(), '2099-04-13');
    expect(
      week.map((m) => [m.id === 'i-old', m.date, m.slot, m.dish, m.allergens, m.signUp]),
    ).toEqual([
      [true, '2099-04-13', 'lunch', 'Frikadeller', ['gluten', 'eggs'], false],
      [false, '2099-04-14', 'breakfast', 'Grød', [], true],
    ]);
    expect(week[0]?.pictogram).toBe('lunch'); // kept from the meal it replaced
  });

  it('refuses args that are not rows: wrong types, none, too many, extra keys, other roles', async () => {
    const bad: unknown[] = [
      { rows: [] },
      { rows: 'dato;ret' },
      { rows: [{ line: 2, date: 20990406, slot: 'frokost', dish: 'x' }] },
      { rows: [{ ...row(2, {}), colour: 'red' }] },
      { rows: Array.from({ length: 1001 }, (_, i) => row(i + 2, {})) },
    ];
    for (const args of bad) {
      const res = (await rawEmitWithAck(staff, 'mutate', [
        { id: crypto.randomUUID(), name: 'meal.import', args },
      ])) as Rejected;
      expect(res).toMatchObject({ status: 'rejected', code: 'invalid' });
    }
    const kiosk = await t.connect(await t.kioskToken());
    expect(await mutate(kiosk, 'meal.import', { rows: [row(2, {})] })).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
    });
  });
});

describe('allergens and sign-up per meal', () => {
  it('meal.put takes allergens only from the EU’s 14, each once', async () => {
    for (const allergens of [['mælk'], ['milk', 'milk'], ['pine-nuts']]) {
      const args = { ...meal('a-1', '2099-05-04'), allergens };
      const res = (await rawEmitWithAck(staff, 'mutate', [
        { id: crypto.randomUUID(), name: 'meal.put', args },
      ])) as Rejected;
      expect(res).toMatchObject({ status: 'rejected', code: 'invalid' });
    }
    await apply(staff, 'meal.put', meal('a-1', '2099-05-04', { allergens: ['milk', 'celery'] }));
  });

  it('meal.attend is refused for a meal with sign-up off, for kiosks and staff alike', async () => {
    await apply(staff, 'meal.put', meal('s-off', '2099-05-05', { signUp: false }));
    await apply(staff, 'meal.put', meal('s-on', '2099-05-05', { slot: 'dinner', signUp: true }));
    const kiosk = await t.connect(await t.kioskToken());
    for (const s of [kiosk, staff]) {
      const off = await mutate(s, 'meal.attend', {
        mealId: 's-off',
        residentId: 'r-anna',
        attending: true,
      });
      expect(off).toMatchObject({
        status: 'rejected',
        code: 'forbidden',
        message: 'Meal sign-up is turned off for this meal.',
      });
    }
    await apply(kiosk, 'meal.attend', { mealId: 's-on', residentId: 'r-anna', attending: true });
  });

  it('a meal stored before the field existed (no signUp) still takes answers', async () => {
    const { signUp: _drop, ...old } = meal('s-old', '2099-05-06');
    await apply(staff, 'meal.put', old);
    await apply(staff, 'meal.attend', { mealId: 's-old', residentId: 'r-anna', attending: true });
  });
});
