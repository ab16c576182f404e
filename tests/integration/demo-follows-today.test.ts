/**
 * A demo reopened on a later day shows that day: the CLI's `serve --demo` calls `followToday`,
 * which adds the days from today on that the seeded week does not have, and leaves a real
 * centre's database alone.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addDaysToDate } from '../../src/domain/rules/days.js';
import { followToday } from '../../src/server/demo/follow-today.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { openTestDb } from '../helpers/test-database.js';
import { freshDataDir } from '../helpers/test-server.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Awaited<ReturnType<typeof openTestDb>>> {
  const dir = freshDataDir();
  dirs.push(dir);
  return openTestDb(dir);
}

const datesWith = async (
  db: Awaited<ReturnType<typeof openTestDb>>,
  table: 'dayitem' | 'meal',
): Promise<Set<string>> =>
  new Set(
    (await db.selectFrom(table).select('data').execute()).map(
      (r) => (JSON.parse(r.data) as { date: string }).date,
    ),
  );

describe('the demo follows today', () => {
  it('adds the days from today on when the seeded week is in the past, keeping what was there', async () => {
    const db = await open();
    try {
      expect(await seedDemo(db, new Date('2025-03-03T09:00:00Z'))).toBe(true);
      const before = await db.selectFrom('dayitem').select('id').execute();
      const later = new Date('2025-03-20T09:00:00Z');
      expect(await followToday(db, later)).toBe(7);
      const days = await datesWith(db, 'dayitem');
      const meals = await datesWith(db, 'meal');
      for (let d = 0; d < 7; d++) {
        expect(days).toContain(addDaysToDate('2025-03-20', d));
        expect(meals).toContain(addDaysToDate('2025-03-20', d));
      }
      const after = new Set(
        (await db.selectFrom('dayitem').select('id').execute()).map((r) => r.id),
      );
      expect(before.every((r) => after.has(r.id))).toBe(true);
      const activities = (await db.selectFrom('activity').select('data').execute()).map(
        (r) => JSON.parse(r.data) as { start: string },
      );
      expect(activities.some((a) => a.start.startsWith('2025-03-2'))).toBe(true);
      // Opened again the same day: nothing more to add.
      expect(await followToday(db, later)).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('adds only the missing days when the seeded week still covers part of it', async () => {
    const db = await open();
    try {
      await seedDemo(db, new Date('2025-03-03T09:00:00Z'));
      // Seeded 3–9 March; on 6 March the days 10–12 are missing.
      expect(await followToday(db, new Date('2025-03-06T09:00:00Z'))).toBe(3);
    } finally {
      await db.destroy();
    }
  });

  it('never touches a database the demo did not seed', async () => {
    const db = await open();
    try {
      expect(await followToday(db, new Date('2025-03-20T09:00:00Z'))).toBe(0);
      expect(await db.selectFrom('dayitem').select('id').execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
