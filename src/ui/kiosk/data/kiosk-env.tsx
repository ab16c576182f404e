/**
 * What every kiosk screen reads from: the cache database (the only source of what is shown), the
 * actions that go through the outbox, the connection status, the kiosk's settings, a clock (fixed
 * in tests) and the read-aloud speaker. Provided once by the app, or by a test.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { CacheDb, SyncEngine, SyncStatus, UnlockResult } from '../../../client/index.js';
import type { DisplaySettings } from '../settings.js';
import type { Speaker } from '../speech/speaker.js';


/** The writes a kiosk may make. The real one is the SyncEngine; every write goes to the outbox. */
export interface KioskActions {
  mutate: SyncEngine['mutate'];
  dismissRejection: (id: string) => Promise<void>;
  unlockResident: (residentId: string, pin: string) => Promise<UnlockResult>;
}

export interface Clock {
  now: () => Date;
}

export interface KioskEnv {
  db: CacheDb;
  actions: KioskActions;
  status: SyncStatus | null;
  settings: DisplaySettings;
  clock: Clock;
  speaker: Speaker;
}

const Env = createContext<KioskEnv | null>(null);

export function KioskEnvProvider({ env, children }: { env: KioskEnv; children: ReactNode }) {
  return <Env.Provider value={env}>{children}</Env.Provider>;
}

export function useEnv(): KioskEnv {
  const env = useContext(Env);
  if (!env) throw new Error('useEnv() outside <KioskEnvProvider>');
  return env;
}
