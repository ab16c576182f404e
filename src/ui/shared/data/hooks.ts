/**
 * The hooks every front end reads the cache with (useLiveQuery: the screen follows the cache
 * live), and the clock.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Rejection } from '../../../client/index.js';
import { addDaysToDate, dayOf } from '../../../domain/rules/days.js';
import { useCentre, useSyncEnv } from './sync-env.js';

export { useCentre, type CentreView } from './sync-env.js';

/** The current time from the env's clock, refreshed every `ms`. */
export function useNow(ms = 10_000): Date {
  const { clock } = useSyncEnv();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    setNow(clock.now());
    const t = setInterval(() => setNow(clock.now()), ms);
    return () => clearInterval(t);
  }, [clock, ms]);
  return now;
}

export interface Today {
  now: Date;
  timeZone: string;
  /** "2026-11-24" in the centre's zone. */
  today: string;
  tomorrow: string;
}

export function useToday(ms?: number): Today {
  const now = useNow(ms);
  const { timeZone } = useCentre();
  const today = dayOf(now, timeZone);
  return { now, timeZone, today, tomorrow: addDaysToDate(today, 1) };
}

export function useRejections(): Rejection[] {
  const { db } = useSyncEnv();
  return useLiveQuery(() => db.rejections.orderBy('at').toArray(), [db]) ?? [];
}

/** Is the connection up right now (sends go at once) or will the outbox wait? */
export function useOnline(): boolean {
  return useSyncEnv().status?.state === 'online';
}
