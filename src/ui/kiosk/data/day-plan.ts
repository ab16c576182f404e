/**
 * The day structure as the kiosk shows it. On the shared Home screen: the groups' items only
 * (never anyone's personal items), one of each when several houses share a plan. In a resident's
 * own day: their personal items and their groups' items.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { DayItem, Resident } from '../../../domain/model.js';
import { sortDayItems } from '../../../domain/rules/day-structure.js';
import { useEnv } from './kiosk-env.js';

/** Items with the same time and title (two houses with the same plan) shown once. */
export function sharedPlan(items: readonly DayItem[]): DayItem[] {
  const seen = new Set<string>();
  return sortDayItems(items.filter((i) => i.residentId === null)).filter((i) => {
    const key = `${i.start}|${i.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A resident's own day, in time order: their personal items and their groups' items. */
export function personalPlan(items: readonly DayItem[], resident: Resident): DayItem[] {
  const mine = items.filter(
    (i) =>
      i.residentId === resident.id ||
      (i.residentId === null && i.groupId !== null && resident.groupIds.includes(i.groupId)),
  );
  return sortDayItems([
    ...sharedPlan(mine.filter((i) => i.residentId === null)),
    ...mine.filter((i) => i.residentId !== null),
  ]);
}

/** All cached day items of `date`; undefined while loading. */
export function useDayItems(date: string): DayItem[] | undefined {
  const { db } = useEnv();
  return useLiveQuery(() => db.dayitem.where('date').equals(date).toArray(), [db, date]);
}
