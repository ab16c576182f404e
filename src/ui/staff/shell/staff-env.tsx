/**
 * What every staff page reads from: the shared sync env (cache, status, clock) plus who is signed
 * in and the writes. Every write is a protocol mutation through the outbox (`mutate`); pages use
 * `useSave()` (save.ts), which adds the "Gemt" confirmation and the refusal message.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { SessionInfo } from '../../../protocol/rest.js';
import { SyncEnvProvider, type SyncEnv } from '../../shared/data/sync-env.js';
import type { WriteActions } from '../../shared/outbox/actions.js';

export type StaffActions = WriteActions;

export interface StaffEnv extends SyncEnv {
  me: SessionInfo;
  actions: StaffActions;
  logout: () => Promise<void>;
}

const Env = createContext<StaffEnv | null>(null);

export function StaffEnvProvider({ env, children }: { env: StaffEnv; children: ReactNode }) {
  return (
    <SyncEnvProvider env={env}>
      <Env.Provider value={env}>{children}</Env.Provider>
    </SyncEnvProvider>
  );
}

export function useStaff(): StaffEnv {
  const env = useContext(Env);
  if (!env) throw new Error('useStaff() outside <StaffEnvProvider>');
  return env;
}
