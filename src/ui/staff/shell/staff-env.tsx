/**
 * What every staff page reads from: the shared sync env (cache, status, clock) plus who is signed
 * in and the writes. Every write is a protocol mutation through the outbox (`mutate`); pages use
 * `useSave()` (save.ts), which adds the "Gemt" confirmation and the refusal message.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { SyncEnvProvider } from '../../shared/data/sync-env.js';
import type { SignedInEnv } from '../../shared/session/signed-in-env.js';

export type StaffEnv = SignedInEnv;

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
