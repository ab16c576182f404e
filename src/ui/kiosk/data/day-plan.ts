/**
 * The day structure as the kiosk shows it. On the shared Home screen: the groups' items only
 * (never anyone's personal items), one of each when several houses share a plan. In a resident's
 * own day: their personal items and their groups' items.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { DayItem } from '../../../domain/model.js';
import { useEnv } from './kiosk-env.js';

// The rules live in the domain (the relatives' week uses the same ones).
export { personalPlan, sharedPlan } from '../../../domain/rules/day-structure.js';

/** All cached day items of `date`; undefined while loading. */
export function useDayItems(date: string): DayItem[] | undefined {
  const { db } = useEnv();
  return useLiveQuery(() => db.dayitem.where('date').equals(date).toArray(), [db, date]);
}
