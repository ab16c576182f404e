/**
 * What every relatives' page reads from: the shared sync env (cache, status, clock; the shared
 * hooks useOverlaid / useToday / useCentre read it), who is signed in, the writes (protocol
 * mutations through the outbox) and logging out. Pages send with `useSend()` (send.ts), which
 * adds "Sendt" / "sendes, når der er forbindelse" and the refusal in plain words.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { SyncEnvProvider } from '../../shared/data/sync-env.js';
import type { SignedInEnv } from '../../shared/session/signed-in-env.js';

export interface FamilyEnv extends SignedInEnv {
  /** The username of an account made a moment ago from an invitation (shown once), else null. */
  welcome: string | null;
  dismissWelcome: () => void;
}

const Env = createContext<FamilyEnv | null>(null);

export function FamilyEnvProvider({ env, children }: { env: FamilyEnv; children: ReactNode }) {
  return (
    <SyncEnvProvider env={env}>
      <Env.Provider value={env}>{children}</Env.Provider>
    </SyncEnvProvider>
  );
}

export function useFamily(): FamilyEnv {
  const env = useContext(Env);
  if (!env) throw new Error('useFamily() outside <FamilyEnvProvider>');
  return env;
}
