/**
 * The day structure ("dagsstruktur"): the fixed points of a resident's or a group's day, shown on
 * the wall as "now" and "next". Predictability matters more than cleverness here, so the order is
 * total and stable: the same items always show in the same order on every screen.
 */
import type { DayItem, Resident } from '../model.js';
import { dayBounds, dayOf, minutesOfTime, zonedInstant } from './days.js';

/** A stable, total order: the same items sort the same on every kiosk and browser. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * By start time, then title, then id (so two items with the same time and title never swap
 * places between renders). `HH:mm` strings sort correctly as text. Returns a new array.
 */
export function sortDayItems(items: readonly DayItem[]): DayItem[] {
  return [...items].sort(
    (a, b) =>
      compareText(a.start, b.start) || compareText(a.title, b.title) || compareText(a.id, b.id),
  );
}

/**
 * The groups' items as one shared plan (never anyone's personal items), in time order: items
 * with the same time and title (two houses with the same plan) shown once.
 */
export function sharedPlan(items: readonly DayItem[]): DayItem[] {
  const seen = new Set<string>();
  return sortDayItems(items.filter((i) => i.residentId === null)).filter((i) => {
    const key = `${i.start}|${i.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A resident's own day, in time order: their personal items and their groups' items. The one
 * rule for every screen that shows a resident's day (the kiosk's My day, the relatives' week).
 */
export function personalPlan(
  items: readonly DayItem[],
  resident: Pick<Resident, 'id' | 'groupIds'>,
): DayItem[] {
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

/**
 * What is happening now and what comes next, among the items of the current local day.
 *
 * - An item is "now" from its start until its end. An item without an end lasts until the next
 *   item (with a later start) begins, or to the end of the day if it is the last. An end not after
 *   the start (e.g. '00:00') is read as "until the end of the day".
 * - If several items are under way (a group's "workshop 08–15" and a personal "lunch 12:00"), the
 *   one that started most recently is "now": it is the more specific one.
 * - "Next" is the first item that starts after this moment.
 *
 * Times are turned into instants on the centre's clock, so the DST days work (see zonedInstant).
 */
export function nowAndNext(
  items: readonly DayItem[],
  now: Date,
  timeZone: string,
): { now: DayItem | null; next: DayItem | null } {
  const today = dayOf(now, timeZone);
  const dayEnd = dayBounds(today, timeZone).end.getTime();
  const t = now.getTime();
  const sorted = sortDayItems(items.filter((i) => i.date === today)).map((item) => ({
    item,
    start: zonedInstant(today, item.start, timeZone).getTime(),
  }));

  let current: (typeof sorted)[number] | null = null;
  let next: DayItem | null = null;
  for (const entry of sorted) {
    const { item, start } = entry;
    if (start > t) {
      next ??= item;
      continue;
    }
    let end: number;
    if (item.end !== null && minutesOfTime(item.end) > minutesOfTime(item.start)) {
      end = zonedInstant(today, item.end, timeZone).getTime();
    } else if (item.end !== null) {
      end = dayEnd;
    } else {
      end = sorted.find((later) => later.start > start)?.start ?? dayEnd;
    }
    // Later starts win; with equal starts the first in sorted order stays.
    if (t < end && (current === null || start > current.start)) current = entry;
  }
  return { now: current?.item ?? null, next };
}
