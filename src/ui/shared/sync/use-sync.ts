/**
 * A front end's sync engine as a React hook: started when `credential` is given, stopped when it
 * goes or the page unmounts. The UI reads only the cache (useLiveQuery); the engine is the only
 * thing that talks to the server.
 *
 * `credential` is a kiosk's device token, or `'cookie'` for a page of a person (staff, relative):
 * its socket authenticates by the HttpOnly session cookie the login set (protocol section 3), so
 * the page's script never holds the token.
 */
import { useEffect, useState } from 'react';
import {
  type CacheDb,
  type KioskShell,
  SyncEngine,
  type SyncStatus,
} from '../../../client/index.js';

export interface Sync {
  engine: SyncEngine | null;
  status: SyncStatus | null;
}

export function useSync(
  db: CacheDb,
  credential: string | null,
  onStart?: (engine: SyncEngine) => void,
  /** What the front end runs (`auth.app`): a kiosk's version, shown to staff. */
  app?: string,
  /** The server's origin; the page's own unless it is served by the kiosk shell (app://kiosk). */
  url: string = location.origin,
  /** A kiosk in the Electron shell: its health for staff and staff's reload (engine.ts). */
  shell?: KioskShell,
): Sync {
  const [sync, setSync] = useState<Sync>({ engine: null, status: null });
  useEffect(() => {
    if (!credential) return undefined;
    const engine = new SyncEngine({
      url,
      token: credential === 'cookie' ? null : credential,
      db,
      ...(app ? { app } : {}),
      ...(shell ? { shell } : {}),
    });
    setSync({ engine, status: engine.getStatus() });
    const off = engine.subscribe((status) => setSync({ engine, status }));
    void engine.start();
    onStart?.(engine);
    return () => {
      off();
      void engine.stop();
    };
    // onStart is a one-time side effect per engine: a new function identity must not restart it.
  }, [db, credential, url]);
  return sync;
}
