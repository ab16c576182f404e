/**
 * The hooks every front end reads the cache with (useLiveQuery: the screen follows the cache
 * live), and the clock.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useReducer, useState } from 'react';
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

/** Longest one timer of `useNowUntil` waits: the wall clock may be set meanwhile. */
const LONGEST_WAIT_MS = 60_000;

/**
 * The current time, read afresh at every render, and a render again at `nextChange(now)`: for what
 * changes at known instants. A post due at 14:00 is on the wall at 14:00, not at the next tick,
 * and one that arrives is judged by the time it arrives, not by the last tick's (a post published
 * "now" counts from the start of its minute, which a tick from before it had not reached).
 */
export function useNowUntil(nextChange: (now: number) => number | null): Date {
  const { clock } = useSyncEnv();
  const [, render] = useReducer((n: number) => n + 1, 0);
  const now = clock.now();
  const next = nextChange(now.getTime());
  useEffect(() => {
    if (next === null) return;
    // A timer counts elapsed time; the clock may say a little less when it fires: +1 ms.
    const wait = Math.min(Math.max(0, next - clock.now().getTime()) + 1, LONGEST_WAIT_MS);
    const t = setTimeout(render, wait);
    return () => clearTimeout(t);
  }, [clock, next, now]);
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
