/**
 * The time Home's "Nu" and "Bagefter" are drawn at. Not a fixed tick (a 10 s tick changed them up
 * to 10 s late): one timer for the next moment anything can change, which is the next item start
 * or end, the end of the day (tomorrow's plan), or the next whole minute ("om 20 minutter" and
 * the time-left pie count minutes), whichever comes first.
 */
import { useEffect, useState } from 'react';
import type { DayItem } from '../../../domain/model.js';
import { dayBounds, dayOf, minutesOfTime, zonedInstant } from '../../../domain/rules/days.js';
import { useSyncEnv } from '../../shared/data/sync-env.js';

const MINUTE = 60_000;

/** The first instant after `now` at which today's Now or Next can change (epoch ms). */
export function nextChange(items: readonly DayItem[], now: Date, timeZone: string): number {
  const today = dayOf(now, timeZone);
  const t = now.getTime();
  let first = dayBounds(today, timeZone).end.getTime();
  for (const item of items) {
    if (item.date !== today) continue;
    const start = zonedInstant(today, item.start, timeZone).getTime();
    if (start > t && start < first) first = start;
    // An end before its start runs to the end of the day (day-structure.ts): the day end is in.
    if (item.end !== null && minutesOfTime(item.end) > minutesOfTime(item.start)) {
      const end = zonedInstant(today, item.end, timeZone).getTime();
      if (end > t && end < first) first = end;
    }
  }
  return first;
}

export function usePlanClock(items: readonly DayItem[], timeZone: string): Date {
  const { clock } = useSyncEnv();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const at = Math.min(
      nextChange(items, now, timeZone),
      (Math.floor(now.getTime() / MINUTE) + 1) * MINUTE,
    );
    // A timer that fires early (or a clock set back) just schedules again for what is left.
    const id = setTimeout(() => setNow(clock.now()), Math.max(0, at - clock.now().getTime()));
    return () => clearTimeout(id);
  }, [items, now, timeZone, clock]);
  return now;
}
