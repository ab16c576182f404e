/**
 * Rows that belong to two others and are named after them — a sign-up
 * `${activityId}:${residentId}`, a meal answer `${mealId}:${residentId}`, an attendance
 * `${activityId}:${residentId}` (domain/model.ts) — found through the cache's primary key, so
 * the cache keeps no secondary index for them.
 *
 * Why: every index entry is one more write of every row a pull brings, and these tables are the
 * largest of a centre's year (a year's 9,000 sign-ups carried two indexes, 18,000 entries, about
 * half of all the cache's index entries). A prefix range of the primary key finds an activity's
 * sign-ups as fast as the index did, and a resident's are point lookups of the activities in
 * view. Each result is checked field by field, since an id may itself hold a `:`.
 */
import type { Table } from 'dexie';
import type { Attendance, MealAttendance, SignUp } from '../domain/model.js';
import { mealAttendanceId, signUpId } from '../domain/model.js';
import type { CacheDb } from './db.js';

async function ofParents<T>(
  table: Table<T, string>,
  parents: readonly string[],
  parentOf: (row: T) => string,
): Promise<T[]> {
  if (parents.length === 0) return [];
  const wanted = new Set(parents);
  const rows = await table
    .where(':id')
    .startsWithAnyOf([...wanted].map((p) => `${p}:`))
    .toArray();
  return rows.filter((r) => wanted.has(parentOf(r)));
}

async function ofPairs<T>(
  table: Table<T, string>,
  ids: readonly string[],
  matches: (row: T) => boolean,
): Promise<T[]> {
  if (ids.length === 0) return [];
  return (await table.bulkGet([...new Set(ids)])).filter(
    (r): r is T => r !== undefined && matches(r),
  );
}

/** The sign-ups of these activities (every resident's). */
export const signUpsOfActivities = (
  db: CacheDb,
  activityIds: readonly string[],
): Promise<SignUp[]> => ofParents(db.signup, activityIds, (s) => s.activityId);

/** One resident's sign-ups for these activities. */
export const signUpsOfResident = (
  db: CacheDb,
  residentId: string,
  activityIds: readonly string[],
): Promise<SignUp[]> =>
  ofPairs(
    db.signup,
    activityIds.map((a) => signUpId(a, residentId)),
    (s) => s.residentId === residentId,
  );

/** The answers given to these meals (every resident's). */
export const mealAnswersOfMeals = (
  db: CacheDb,
  mealIds: readonly string[],
): Promise<MealAttendance[]> => ofParents(db.mealattendance, mealIds, (a) => a.mealId);

/** One resident's answers to these meals. */
export const mealAnswersOfResident = (
  db: CacheDb,
  residentId: string,
  mealIds: readonly string[],
): Promise<MealAttendance[]> =>
  ofPairs(
    db.mealattendance,
    mealIds.map((m) => mealAttendanceId(m, residentId)),
    (a) => a.residentId === residentId,
  );

/** Who was there at these activities (staff). */
export const attendanceOfActivities = (
  db: CacheDb,
  activityIds: readonly string[],
): Promise<Attendance[]> => ofParents(db.attendance, activityIds, (a) => a.activityId);
