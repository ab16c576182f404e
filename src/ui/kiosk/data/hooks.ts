/**
 * The hooks screens read the cache with (useLiveQuery: the screen follows the cache live), and
 * the clock. Privacy on the wall is enforced here as well as on the server: only residents with
 * wall consent are ever returned for display.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { Rejection } from '../../../client/index.js';
import type { Resident } from '../../../domain/model.js';
import { addDaysToDate, dayOf, DEFAULT_TIME_ZONE } from '../../../domain/rules/days.js';
import { useEnv } from './kiosk-env.js';

/** The current time from the env's clock, refreshed every `ms`. */
export function useNow(ms = 10_000): Date {
  const { clock } = useEnv();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    setNow(clock.now());
    const t = setInterval(() => setNow(clock.now()), ms);
    return () => clearInterval(t);
  }, [clock, ms]);
  return now;
}

export interface CentreView {
  name: string | null;
  timeZone: string;
  /** False until the cache has been read once. */
  loaded: boolean;
}

export function useCentre(): CentreView {
  const { db } = useEnv();
  const centre = useLiveQuery(async () => (await db.centre.toCollection().first()) ?? null, [db]);
  return {
    name: centre?.name ?? null,
    timeZone: centre?.timeZone ?? DEFAULT_TIME_ZONE,
    loaded: centre !== undefined,
  };
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

/** Residents who may appear on the shared screen, by first name order; undefined while loading. */
export function useWallResidents(): Resident[] | undefined {
  const { db } = useEnv();
  return useLiveQuery(
    async () =>
      (await db.resident.toArray())
        .filter((r) => r.wallConsent)
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'da')),
    [db],
  );
}

/** The same, by id (for "who signed up"); ids not in the map are shown only as a count. */
export function useWallResidentMap(): ReadonlyMap<string, Resident> {
  const list = useWallResidents();
  return useMemo(() => new Map((list ?? []).map((r) => [r.id, r])), [list]);
}

export function useRejections(): Rejection[] {
  const { db } = useEnv();
  return useLiveQuery(() => db.rejections.orderBy('at').toArray(), [db]) ?? [];
}

/** Is the kiosk connected right now (sends go at once) or will the outbox wait? */
export function useOnline(): boolean {
  return useEnv().status?.state === 'online';
}
