import { createHash } from 'node:crypto';
import { mealAttendanceId, type Meal } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { mealImportErrorText, readMealRows } from '../../../domain/rules/meal-import.js';
import { copyWeekMeals, mealsOfWeek, takesSignUp } from '../../../domain/rules/meal-plan.js';
import { Rejection, type HandlerContext, type PartialHandlers } from '../handler.js';
import { residentActingFor } from './residents.js';

type MealNames = 'meal.attend' | 'meal.put' | 'meal.del' | 'meal.copyWeek' | 'meal.import';

/**
 * Ids of copied and imported meals are derived from where they came from, so the same copy or
 * import sent again (a new mutation id) overwrites the same records instead of doubling them.
 */
const derivedId = (prefix: string, ...parts: string[]): string =>
  `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;

/** Deletes a meal and the residents' answers to it. */
async function deleteMeal(ctx: HandlerContext, id: string): Promise<void> {
  for (const a of await ctx.w.list('mealattendance', 'meal_id', id))
    await ctx.w.del('mealattendance', a.id, a.residentId);
  await ctx.w.del('meal', id);
}

export const mealHandlers: PartialHandlers<MealNames> = {
  async 'meal.attend'(ctx, { mealId, residentId, attending }) {
    const resident = await residentActingFor(ctx, residentId);
    const meal = await ctx.w.get('meal', mealId);
    if (!meal) throw new Rejection('not_found', 'No such meal.');
    if (!takesSignUp(meal))
      throw new Rejection('forbidden', 'Meal sign-up is turned off for this meal.');
    if (!resident.mealSignUp)
      throw new Rejection('forbidden', 'Meal sign-up is not turned on for this resident.');
    if (meal.date < dayOf(ctx.now, ctx.timeZone))
      throw new Rejection('closed', 'This meal is over.', 'in_the_past');
    await ctx.w.put('mealattendance', {
      id: mealAttendanceId(mealId, residentId),
      mealId,
      residentId,
      attending,
      updatedAt: ctx.now.toISOString(),
    });
    return undefined;
  },
  async 'meal.put'(ctx, meal) {
    await ctx.w.put('meal', meal);
    return undefined;
  },
  async 'meal.del'(ctx, { id }) {
    if (!(await ctx.w.get('meal', id))) throw new Rejection('not_found', 'No such meal.');
    await deleteMeal(ctx, id);
    return undefined;
  },
  async 'meal.copyWeek'(ctx, { fromWeek, toWeek, replace }) {
    const all = await ctx.w.list('meal', null);
    const copies = copyWeekMeals(all, fromWeek, toWeek, (m, date) =>
      derivedId('mc', 'copy', m.id, date),
    );
    if (copies.length === 0)
      throw new Rejection('not_found', `The week of ${fromWeek} has no meals to copy.`);
    const keep = new Set(copies.map((m) => m.id));
    // Meals already in the target week, other than those an earlier copy of this week made.
    const there = mealsOfWeek(all, toWeek).filter((m) => !keep.has(m.id));
    if (there.length > 0 && replace !== true)
      throw new Rejection(
        'conflict',
        `The week of ${toWeek} already has ${there.length} meals; send replace: true to replace them.`,
      );
    for (const m of there) await deleteMeal(ctx, m.id);
    for (const m of copies) await ctx.w.put('meal', m);
    return { result: { meals: copies.length, replaced: there.length } };
  },
  async 'meal.import'(ctx, { rows }) {
    const read = readMealRows(rows);
    if (!read.ok) {
      const details = read.errors.map((e) => ({
        line: e.line,
        field: e.field,
        problem: e.problem,
        message: mealImportErrorText(e),
      }));
      const lines = new Set(read.errors.map((e) => e.line)).size;
      throw new Rejection(
        'invalid',
        `Nothing was imported: ${lines} of ${rows.length} lines have mistakes. ${details
          .slice(0, 3)
          .map((d) => d.message)
          .join(' ')}`,
        undefined,
        details,
      );
    }
    // Each (day, slot) in the file gets exactly the file's meal: the one already there keeps
    // its id (and the residents' answers), any further ones in that slot go.
    const bySlot = new Map<string, Meal[]>();
    for (const m of await ctx.w.list('meal', null)) {
      const key = `${m.date} ${m.slot}`;
      bySlot.set(key, [...(bySlot.get(key) ?? []), m]);
    }
    let replaced = 0;
    for (const row of read.meals) {
      const [existing, ...extra] = bySlot.get(`${row.date} ${row.slot}`) ?? [];
      for (const m of extra) await deleteMeal(ctx, m.id);
      if (existing) replaced += 1;
      await ctx.w.put('meal', {
        id: existing?.id ?? derivedId('mi', 'import', row.date, row.slot),
        date: row.date,
        slot: row.slot,
        dish: row.dish,
        description: row.description,
        allergens: row.allergens,
        photo: existing?.photo ?? null,
        pictogram: existing?.pictogram ?? null,
        signUp: row.signUp,
      });
    }
    return { result: { meals: read.meals.length, replaced } };
  },
};
