/**
 * What every front end's screens read from, whatever the front end: the cache database (the only
 * source of what is shown), the connection status and a clock (fixed in tests). The kiosk and the
 * staff admin each provide it (with more of their own beside it); the shared hooks read only this.
 *
 * It also reads the centre (its name and time zone) once for every screen below it, and shows
 * them only once the cache has answered: a screen that computed "today" or a form's default date
 * at its first render in an assumed zone kept that answer (a wall message's default end a day in
 * the past where the centre's day is ahead of Copenhagen's). Reading the cache takes a few ms.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, type ReactNode } from 'react';
import type { CacheDb, SyncStatus } from '../../../client/index.js';
import type { Centre } from '../../../domain/model.js';
import { DEFAULT_TIME_ZONE } from '../../../domain/rules/days.js';

export interface Clock {
  now: () => Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface SyncEnv {
  db: CacheDb;
  status: SyncStatus | null;
  clock: Clock;
  /**
   * The centre row as already read from this cache (null: none there), for screens that are drawn
   * at once (tests); left out, the provider reads it and draws nothing until then.
   */
  initialCentre?: Centre | null | undefined;
}

export interface CentreView {
  name: string | null;
  /** The centre's zone; the default zone only while the cache holds no centre yet. */
  timeZone: string;
  /** False until the cache has been read once (screens below are not drawn before). */
  loaded: boolean;
}

const Env = createContext<SyncEnv | null>(null);
const CentreContext = createContext<CentreView | null>(null);

export function SyncEnvProvider({ env, children }: { env: SyncEnv; children: ReactNode }) {
  const centre = useLiveQuery(
    async () => (await env.db.centre.toCollection().first()) ?? null,
    [env.db],
    env.initialCentre,
  );
  if (centre === undefined) return null;
  const view: CentreView = {
    name: centre?.name ?? null,
    timeZone: centre?.timeZone ?? DEFAULT_TIME_ZONE,
    loaded: true,
  };
  return (
    <Env.Provider value={env}>
      <CentreContext.Provider value={view}>{children}</CentreContext.Provider>
    </Env.Provider>
  );
}

/** The centre as the cache holds it, read once for every screen (see the top of this file). */
export function useCentre(): CentreView {
  const centre = useContext(CentreContext);
  if (!centre) throw new Error('useCentre() outside <SyncEnvProvider>');
  return centre;
}

export function useSyncEnv(): SyncEnv {
  const env = useContext(Env);
  if (!env) throw new Error('useSyncEnv() outside <SyncEnvProvider>');
  return env;
}
