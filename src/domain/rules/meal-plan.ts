/**
 * Meal-plan rules, pure: whether residents may answer "Skal du spise med?" for a meal, and copying
 * a week of meals to another week (same weekdays and slots).
 */
import type { Meal, MealSlot } from '../model.js';
import { addDaysToDate, dateWindow, daysBetween, zonedInstant } from './days.js';

/** The seven days of the week that starts on `weekStart` (a Monday). */
const weekDates = (weekStart: string): string[] => dateWindow(weekStart, 7);

/** The day's meals in the order they are eaten. */
export const SLOT_ORDER: readonly MealSlot[] = ['breakfast', 'lunch', 'dinner', 'snack'];

/**
 * When each meal is clearly over on the centre's wall clock. A meal has no time of its own in the
 * model, so these are generous: a resident who is still eating is not told it is too late.
 */
export const SLOT_END: Record<MealSlot, string> = {
  breakfast: '10:00',
  lunch: '13:30',
  dinner: '19:30',
  snack: '21:00',
};

export const bySlot = (a: Pick<Meal, 'slot'>, b: Pick<Meal, 'slot'>): number =>
  SLOT_ORDER.indexOf(a.slot) - SLOT_ORDER.indexOf(b.slot);

/** A meal of an earlier day, or of today once its slot has ended (DST-safe: the centre's zone). */
export function isMealOver(
  meal: Pick<Meal, 'date' | 'slot'>,
  now: Date,
  today: string,
  timeZone: string,
): boolean {
  if (meal.date < today) return true;
  if (meal.date > today) return false;
  return now.getTime() >= zonedInstant(meal.date, SLOT_END[meal.slot], timeZone).getTime();
}

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
