import { mealAttendanceId } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { Rejection, type PartialHandlers } from '../handler.js';
import { residentActingFor } from './residents.js';

export const mealHandlers: PartialHandlers<'meal.attend' | 'meal.put' | 'meal.del'> = {
  async 'meal.attend'(ctx, { mealId, residentId, attending }) {
    const resident = await residentActingFor(ctx, residentId);
    const meal = await ctx.w.get('meal', mealId);
    if (!meal) throw new Rejection('not_found', 'No such meal.');
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
    for (const a of await ctx.w.list('mealattendance', 'meal_id', id))
      await ctx.w.del('mealattendance', a.id, a.residentId);
    await ctx.w.del('meal', id);
    return undefined;
  },
};
