/**
 * The Meals screen's rules, pure: slot order, when a meal is over (so it can no longer be
 * answered), and who is shown as eating. Kept apart from the components so they are easy to test
 * and to read.
 */
import type { OverlaidMealAttendance } from '../../../client/index.js';
import type { Meal, MealSlot, Resident } from '../../../domain/model.js';
import { zonedInstant } from '../../../domain/rules/days.js';
import { takesSignUp } from '../../../domain/rules/meal-plan.js';
import { firstName } from '../shared/avatar.js';

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

export const bySlot = (a: Meal, b: Meal): number =>
  SLOT_ORDER.indexOf(a.slot) - SLOT_ORDER.indexOf(b.slot);

/** A meal of an earlier day, or of today once its slot has ended (DST-safe: the centre's zone). */
export function isMealOver(meal: Meal, now: Date, today: string, timeZone: string): boolean {
  if (meal.date < today) return true;
  if (meal.date > today) return false;
  return now.getTime() >= zonedInstant(meal.date, SLOT_END[meal.slot], timeZone).getTime();
}

/**
 * Whether a meal card offers "Skal du spise med?": staff left sign-up on for the meal (the
 * server refuses `meal.attend` otherwise), it is not over, and some resident on this wall may
 * answer (consent and meal sign-up).
 */
export const mayAsk = (meal: Meal, signers: readonly Resident[], over: boolean): boolean =>
  takesSignUp(meal) && !over && signers.length > 0;

export interface Eaters {
  /** First names of consenting residents who said yes (pending answers included). */
  names: string[];
  /** Residents who said yes but may not be named on the wall. */
  others: number;
}

/** Who eats: consenting residents by first name, everyone else only as a count. */
export function eatersOf(
  rows: readonly OverlaidMealAttendance[],
  wall: ReadonlyMap<string, Resident>,
): Eaters {
  const names: string[] = [];
  let others = 0;
  for (const r of rows) {
    if (!r.attending) continue;
    const resident = wall.get(r.residentId);
    if (resident) names.push(firstName(resident.displayName));
    else others++;
  }
  names.sort((a, b) => a.localeCompare(b, 'da'));
  return { names, others };
}

/** Each resident's current answer (the pending one if any), by resident id. */
export function answersOf(rows: readonly OverlaidMealAttendance[]): Map<string, boolean> {
  return new Map(rows.map((r) => [r.residentId, r.attending]));
}
