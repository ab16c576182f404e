/**
 * The Meals screen's rules, pure: slot order, when a meal is over (so it can no longer be
 * answered), and who is shown as eating. Kept apart from the components so they are easy to test
 * and to read.
 */
import type { OverlaidMealAttendance } from '../../../client/index.js';
import type { Meal, Resident } from '../../../domain/model.js';
import { takesSignUp } from '../../../domain/rules/meal-plan.js';
import { firstName } from '../shared/avatar.js';

// The slot rules live in the domain (meal-plan.ts): the relatives' week uses the same ones.
export { bySlot, isMealOver, SLOT_END, SLOT_ORDER } from '../../../domain/rules/meal-plan.js';

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
