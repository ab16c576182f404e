/**
 * What every signed-in front end's pages read from (the staff admin's StaffEnv, the relatives'
 * FamilyEnv): the shared sync env (cache, status, clock), who is signed in, the writes through
 * the outbox and logging out. Each front end's provider adds what is only its own.
 */
import type { CacheDb, SyncEngine, SyncStatus } from '../../../client/index.js';
import type { SessionInfo } from '../../../protocol/rest.js';
import { systemClock, type SyncEnv } from '../data/sync-env.js';
import { engineActions, type WriteActions } from '../outbox/actions.js';

export interface SignedInEnv extends SyncEnv {
  me: SessionInfo;
  actions: WriteActions;
  logout: () => Promise<void>;
}

/** The env of `session`'s running engine (the real clock). */
export function signedInEnv(
  engine: SyncEngine,
  db: CacheDb,
  status: SyncStatus | null,
  session: SessionInfo,
  logout: () => Promise<void>,
): SignedInEnv {
  return { db, status, clock: systemClock, me: session, logout, actions: engineActions(engine) };
}
