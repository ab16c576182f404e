/**
 * What every kiosk screen reads from: the shared sync env (cache database, connection status,
 * clock: see src/ui/shared/data/sync-env.tsx) plus the kiosk's own: the actions that go through
 * the outbox, the kiosk's settings and the read-aloud speaker. Provided once by the app, or by a
 * test.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { SyncEngine, UnlockResult } from '../../../client/index.js';
import { SyncEnvProvider, type SyncEnv } from '../../shared/data/sync-env.js';
import type { DisplaySettings } from '../settings.js';
import type { Speaker } from '../speech/speaker.js';

/** The writes a kiosk may make. The real one is the SyncEngine; every write goes to the outbox. */
export interface KioskActions {
  mutate: SyncEngine['mutate'];
  dismissRejection: (id: string) => Promise<void>;
  unlockResident: (residentId: string, pin: string) => Promise<UnlockResult>;
}

export interface KioskEnv extends SyncEnv {
  actions: KioskActions;
  settings: DisplaySettings;
  speaker: Speaker;
}

const Env = createContext<KioskEnv | null>(null);

export function KioskEnvProvider({ env, children }: { env: KioskEnv; children: ReactNode }) {
  return (
    <SyncEnvProvider env={env}>
      <Env.Provider value={env}>{children}</Env.Provider>
    </SyncEnvProvider>
  );
}

export function useEnv(): KioskEnv {
  const env = useContext(Env);
  if (!env) throw new Error('useEnv() outside <KioskEnvProvider>');
  return env;
}
