/**
 * The roster read from the cache: the shifts of a window of days, sorted, and split the way the
 * Staff screen and Home show them. A shift belongs to the day it starts on (a night shift from
 * 23.00 to 07.00 is that evening's), and every day is the centre's day, DST included.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Group, Shift } from '../../../domain/model.js';
import { addDaysToDate, dayBounds, dayOf } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';

/** The longest shift we look back for when asking who is at work now. */
const LONGEST_SHIFT_MS = 36 * 3_600_000;

const byStartThenName = (a: Shift, b: Shift): number =>
  Date.parse(a.start) - Date.parse(b.start) || a.staffName.localeCompare(b.staffName, 'da');

export const isOnNow = (s: Shift, now: number): boolean =>
  Date.parse(s.start) <= now && Date.parse(s.end) > now;

export interface Roster {
  now: Shift[];
  /** Today's shifts still to start. */
  later: Shift[];
  /** The following days (tomorrow first), each with the shifts starting on it. */
  days: { date: string; shifts: Shift[] }[];
  groups: ReadonlyMap<string, Group>;
}

/** Splits the shifts: on now, later today, and the next `days - 1` days. Pure. */
export function splitRoster(
  shifts: readonly Shift[],
  now: Date,
  today: string,
  timeZone: string,
  days: number,
): Omit<Roster, 'groups'> {
  const sorted = [...shifts].sort(byStartThenName);
  const at = now.getTime();
  return {
    now: sorted.filter((s) => isOnNow(s, at)),
    later: sorted.filter((s) => dayOf(s.start, timeZone) === today && Date.parse(s.start) > at),
    days: Array.from({ length: days - 1 }, (_, i) => {
      const date = addDaysToDate(today, i + 1);
      return { date, shifts: sorted.filter((s) => dayOf(s.start, timeZone) === date) };
    }),
  };
}

/** The roster from (a while before) now to the end of the `days`-day window; undefined loading. */
export function useRoster(days: number): Roster | undefined {
  const { db } = useEnv();
  const { now, today, timeZone } = useToday();
  const minute = Math.floor(now.getTime() / 60_000);
  return useLiveQuery(async () => {
    const at = new Date(minute * 60_000);
    const from = new Date(at.getTime() - LONGEST_SHIFT_MS).toISOString();
    const to = dayBounds(addDaysToDate(today, days - 1), timeZone).end.toISOString();
    // Widened by the index's string order, then compared as instants.
    const rows = (await db.shift.where('start').between(from, to, true, false).toArray()).filter(
      (s) => Date.parse(s.start) < Date.parse(to),
    );
    const groups = new Map((await db.group.toArray()).map((g) => [g.id, g]));
    return { ...splitRoster(rows, at, today, timeZone, days), groups };
  }, [db, minute, today, timeZone, days]);
}
