/**
 * Planning in weeks, as centres do: filling a resident's or a group's week from the weekday
 * templates, copying a week of day items or of duty shifts to another week, and the "Ændret"
 * marker a day item gets when staff change it on its own day.
 *
 * Weeks start on Monday (Danish usage). The functions are pure: the server decides ids (they are
 * passed in as `idFor`) so applying or copying the same week twice overwrites the same records
 * instead of doubling them.
 */
import type { DayItem, DayTemplate, Shift } from '../model.js';
import {
  addDaysToDate,
  dateWindow,
  dayOf,
  daysBetween,
  fromWallClock,
  toWallClock,
  weekdayOf,
} from './days.js';

const DAY_MS = 86_400_000;

/** The owner of a day item or template: exactly one of the two is set. */
export interface PlanOwner {
  residentId: string | null;
  groupId: string | null;
}

export const isMonday = (date: string): boolean => weekdayOf(date) === 1;

/** The seven days of the week that starts on `weekStart` (a Monday), Monday first. */
export function weekDates(weekStart: string): string[] {
  return dateWindow(weekStart, 7);
}

export const sameOwner = (a: PlanOwner, b: PlanOwner): boolean =>
  a.residentId === b.residentId && a.groupId === b.groupId;

/**
 * The day items the owner's templates make in the week of `weekStart`: one per template per
 * matching weekday. `changedOn` is left null here; the caller applies `changedOnFor`.
 */
export function itemsFromTemplates(
  templates: readonly DayTemplate[],
  owner: PlanOwner,
  weekStart: string,
  idFor: (template: DayTemplate, date: string) => string,
): DayItem[] {
  const out: DayItem[] = [];
  for (const date of weekDates(weekStart)) {
    const weekday = weekdayOf(date);
    for (const t of templates) {
      if (t.weekday !== weekday || !sameOwner(t, owner)) continue;
      out.push({
        id: idFor(t, date),
        residentId: t.residentId,
        groupId: t.groupId,
        date,
        start: t.start,
        end: t.end,
        title: t.title,
        pictogram: t.pictogram,
        changedOn: null,
      });
    }
  }
  return out;
}

/**
 * The owner's items of the week of `fromWeek`, moved to the same weekdays of the week of
 * `toWeek`. `changedOn` is left null; the caller applies `changedOnFor`.
 */
export function copyWeekItems(
  items: readonly DayItem[],
  owner: PlanOwner,
  fromWeek: string,
  toWeek: string,
  idFor: (item: DayItem, date: string) => string,
): DayItem[] {
  const week = new Set(weekDates(fromWeek));
  const shift = daysBetween(fromWeek, toWeek);
  return items
    .filter((i) => week.has(i.date) && sameOwner(i, owner))
    .map((i) => {
      const date = addDaysToDate(i.date, shift);
      return { ...i, id: idFor(i, date), date, changedOn: null };
    });
}

/**
 * The shifts that start in the week of `fromWeek` (centre-local days), moved to the same weekday
 * and wall-clock times of the week of `toWeek`. By wall clock, so a 07.00–15.00 shift stays
 * 07.00–15.00 across a DST change (its length in real hours may then differ by one).
 */
export function copyWeekShifts(
  shifts: readonly Shift[],
  fromWeek: string,
  toWeek: string,
  timeZone: string,
  idFor: (shift: Shift) => string,
): Shift[] {
  const days = daysBetween(fromWeek, toWeek);
  const week = new Set(weekDates(fromWeek));
  const move = (instant: string): string =>
    fromWallClock(toWallClock(instant, timeZone) + days * DAY_MS, timeZone).toISOString();
  return shifts
    .filter((s) => week.has(dayOf(s.start, timeZone)))
    .map((s) => ({ ...s, id: idFor(s), start: move(s.start), end: move(s.end) }));
}

/** What a resident sees of an item; a change to any of these is a change on the wall. */
const shownFields = ['date', 'start', 'end', 'title', 'pictogram'] as const;

/**
 * The `changedOn` a day item gets when staff write `next` over `existing` (undefined: a new item)
 * on `today` (centre-local). "Ændret" is shown only for a change on the item's own day, until
 * that day ends:
 * - an item of today that is new, or whose shown fields differ, is marked today;
 * - an item of today written again unchanged keeps the mark it had (so a repeated save, or
 *   filling the week from templates again, neither adds nor removes it);
 * - an item of another day carries no mark (a mark from an earlier day has expired anyway).
 */
export function changedOnFor(
  existing: DayItem | undefined,
  next: Omit<DayItem, 'changedOn'>,
  today: string,
): string | null {
  if (next.date !== today) return null;
  if (!existing) return today;
  const differs = shownFields.some((f) => existing[f] !== next[f]);
  if (differs) return today;
  return existing.changedOn === today ? today : null;
}
