import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheDb, cacheSchemaVersions, readCursor } from './db.js';
import { signUpRow } from './fake-server.test-util.js';
import {
  attendanceOfActivities,
  mealAnswersOfMeals,
  mealAnswersOfResident,
  signUpsOfActivities,
  signUpsOfResident,
} from './relations.js';

const opened: CacheDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
let n = 0;
const fresh = (versions?: typeof cacheSchemaVersions): CacheDb => {
  const db = new CacheDb(`relations-${++n}`, undefined, versions);
  opened.push(db);
  return db;
};

const answer = (mealId: string, residentId: string, attending = true) => ({
  id: `${mealId}:${residentId}`,
  mealId,
  residentId,
  attending,
  updatedAt: '2026-12-02T08:00:00.000Z',
});

describe('rows named after the two they belong to', () => {
  it('finds an activity’s sign-ups by their ids, also when an id holds a colon', async () => {
    const db = fresh();
    // Activity `a` and activity `a:x`: the sign-up `a:x:r1` starts with `a:` but is not a's.
    await db.signup.bulkPut([
      signUpRow('a', 'r1'),
      signUpRow('a', 'r2'),
      signUpRow('a:x', 'r1'),
      signUpRow('b', 'r1'),
      signUpRow('ab', 'r1'),
    ]);
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(ids(await signUpsOfActivities(db, ['a']))).toEqual(['a:r1', 'a:r2']);
    expect(ids(await signUpsOfActivities(db, ['a:x', 'b']))).toEqual(['a:x:r1', 'b:r1']);
    expect(await signUpsOfActivities(db, [])).toEqual([]);
    expect(await signUpsOfActivities(db, ['none'])).toEqual([]);
  });

  it('finds one resident’s sign-ups and meal answers for the activities and meals in view', async () => {
    const db = fresh();
    await db.signup.bulkPut([signUpRow('a', 'r1'), signUpRow('a', 'r2'), signUpRow('b', 'r2')]);
    await db.mealattendance.bulkPut([
      answer('m1', 'r1'),
      answer('m1', 'r2', false),
      answer('m2', 'r2'),
    ]);
    expect((await signUpsOfResident(db, 'r2', ['a', 'b', 'c'])).map((s) => s.id)).toEqual([
      'a:r2',
      'b:r2',
    ]);
    expect(await signUpsOfResident(db, 'r1', ['b'])).toEqual([]);
    // A resident id with a colon does not reach another's row: `a` + `:r2` is not `a:r` + `2`.
    expect(await signUpsOfResident(db, 'x:r2', ['a'])).toEqual([]);
    expect((await mealAnswersOfResident(db, 'r2', ['m1', 'm2'])).map((a) => a.attending)).toEqual([
      false,
      true,
    ]);
    expect((await mealAnswersOfMeals(db, ['m1'])).map((a) => a.residentId).sort()).toEqual([
      'r1',
      'r2',
    ]);
    await db.attendance.bulkPut([
      { id: 'a:r1', activityId: 'a', residentId: 'r1', present: true },
      { id: 'a:x:r1', activityId: 'a:x', residentId: 'r1', present: false },
    ]);
    expect((await attendanceOfActivities(db, ['a'])).map((a) => a.present)).toEqual([true]);
  });

  it('the upgrade that drops their indexes (v6) keeps every row, the cursor and the outbox', async () => {
    const v5 = fresh(cacheSchemaVersions.filter((v) => v.version <= 5));
    await v5.signup.bulkPut([signUpRow('a', 'r1'), signUpRow('b', 'r1')]);
    await v5.mealattendance.put(answer('m1', 'r1'));
    await v5.meta.put({ key: 'cursor', value: 42 });
    await v5.outbox.add({
      id: '00000000-0000-4000-8000-000000000001',
      name: 'signup.add',
      args: { activityId: 'c', residentId: 'r1' },
      createdAt: '2026-12-02T08:00:00.000Z',
      attempts: 0,
      lastError: null,
      state: 'pending',
      appliedCursor: null,
    });
    const name = v5.name;
    v5.close();
    const db = new CacheDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect(db.signup.schema.indexes).toEqual([]);
    expect(await readCursor(db)).toBe(42);
    expect(await db.outbox.count()).toBe(1);
    expect((await signUpsOfResident(db, 'r1', ['a', 'b'])).length).toBe(2);
    expect((await mealAnswersOfMeals(db, ['m1'])).length).toBe(1);
  });
});
