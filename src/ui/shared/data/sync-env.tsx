/**
 * What every front end's screens read from, whatever the front end: the cache database (the only
 * source of what is shown), the connection status and a clock (fixed in tests). The kiosk and the
 * staff admin each provide it (with more of their own beside it); the shared hooks read only this.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { CacheDb, SyncStatus } from '../../../client/index.js';

export interface Clock {
  now: () => Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface SyncEnv {
  db: CacheDb;
  status: SyncStatus | null;
  clock: Clock;
}

const Env = createContext<SyncEnv | null>(null);

export function SyncEnvProvider({ env, children }: { env: SyncEnv; children: ReactNode }) {
  return <Env.Provider value={env}>{children}</Env.Provider>;
}

export function useSyncEnv(): SyncEnv {
  const env = useContext(Env);
  if (!env) throw new Error('useSyncEnv() outside <SyncEnvProvider>');
  return env;
}
