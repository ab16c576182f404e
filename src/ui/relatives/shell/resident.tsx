/**
 * Whose life the page shows. A relative receives only their own residents (the server's
 * visibility rule), so the cache's residents are exactly the relative's; with several, the one
 * chosen last on this phone (remembered; wiped with the cache at logout), else the first by
 * name. The frame reads the cache once (`ResidentProvider`) and every page asks
 * `useShownResident()` (never null inside a page: the frame shows "Henter …" until there is one).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Resident } from '../../../domain/model.js';
import { useSyncEnv } from '../../shared/data/sync-env.js';

export const RESIDENT_KEY = 'cg-family-resident';
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const stored = () => localStorage.getItem(RESIDENT_KEY);

export function rememberResident(id: string | null): void {
  if (id === null) localStorage.removeItem(RESIDENT_KEY);
  else localStorage.setItem(RESIDENT_KEY, id);
  for (const l of listeners) l();
}

export interface ResidentChoice {
  /** The resident shown; undefined while the cache loads, null when there is none (yet). */
  resident: Resident | null | undefined;
  /** All of the relative's residents, by name (undefined while loading). */
  residents: Resident[] | undefined;
  select: (id: string) => void;
}

/** The selected resident out of `residents` (by name), given the remembered id. */
export const pickResident = (residents: readonly Resident[], remembered: string | null) =>
  residents.find((r) => r.id === remembered) ?? residents[0] ?? null;

const Choice = createContext<ResidentChoice | null>(null);

export function ResidentProvider({ children }: { children: ReactNode }) {
  const { db } = useSyncEnv();
  const remembered = useSyncExternalStore(subscribe, stored);
  const residents = useLiveQuery(
    async () =>
      (await db.resident.toArray()).sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [db],
  );
  const value: ResidentChoice = {
    residents,
    resident: residents === undefined ? undefined : pickResident(residents, remembered),
    select: rememberResident,
  };
  return <Choice.Provider value={value}>{children}</Choice.Provider>;
}

export function useResident(): ResidentChoice {
  const choice = useContext(Choice);
  if (!choice) throw new Error('useResident() outside <ResidentProvider>');
  return choice;
}

/** The resident the page shows (inside a page the frame renders: never null). */
export function useShownResident(): Resident {
  const { resident } = useResident();
  if (!resident) throw new Error('useShownResident() outside a page the frame shows');
  return resident;
}
