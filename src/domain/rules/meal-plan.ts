/**
 * Meal-plan rules, pure: whether residents may answer "Skal du spise med?" for a meal, and copying
 * a week of meals to another week (same weekdays and slots).
 */
import type { Meal } from '../model.js';
import { addDaysToDate, dateWindow, daysBetween } from './days.js';

/** The seven days of the week that starts on `weekStart` (a Monday). */
const weekDates = (weekStart: string): string[] => dateWindow(weekStart, 7);

/**
 * Does the meal take residents' answers? Staff turn it off per meal (`signUp: false`); a meal
 * written before the field existed (absent) takes them, as every meal did then.
 */
export const takesSignUp = (meal: Pick<Meal, 'signUp'>): boolean => meal.signUp !== false;

/**
 * The meals of the week of `fromWeek` (a Monday) moved to the same weekday and slot of the week
 * of `toWeek`, each with the id `idFor` gives it.
 */
export function copyWeekMeals(
  meals: readonly Meal[],
  fromWeek: string,
  toWeek: string,
  idFor: (meal: Meal, date: string) => string,
): Meal[] {
  const week = new Set(weekDates(fromWeek));
  const shift = daysBetween(fromWeek, toWeek);
  return meals
    .filter((m) => week.has(m.date))
    .map((m) => {
      const date = addDaysToDate(m.date, shift);
      return { ...m, id: idFor(m, date), date };
    });
}

/** The meals of the week of `weekStart`. */
export function mealsOfWeek<M extends Pick<Meal, 'date'>>(
  meals: readonly M[],
  weekStart: string,
): M[] {
  const week = new Set(weekDates(weekStart));
  return meals.filter((m) => week.has(m.date));
}
