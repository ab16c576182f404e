/**
 * The kiosk's one cache database and the sync engine that fills it, as React hooks. The UI reads
 * only the cache (useLiveQuery); the engine is the only thing that talks to the server.
 */
import { useEffect, useState } from 'react';
import { CacheDb, SyncEngine, renewDeviceCookie, type SyncStatus } from '../../client/index.js';

/** One IndexedDB database per kiosk origin: the cache, the cursor and the outbox. */
export const db = new CacheDb('citizen-guide-kiosk');

export interface Sync {
  engine: SyncEngine | null;
  status: SyncStatus | null;
}

export function useSync(token: string | null): Sync {
  const [sync, setSync] = useState<Sync>({ engine: null, status: null });
  useEffect(() => {
    if (!token) return undefined;
    const engine = new SyncEngine({ url: location.origin, token, db });
    setSync({ engine, status: engine.getStatus() });
    const off = engine.subscribe((status) => setSync({ engine, status }));
    void engine.start();
    // The device cookie authorises the page's <img src="/media/…"> (media need a principal).
    void renewDeviceCookie(location.origin, token);
    return () => {
      off();
      void engine.stop();
    };
  }, [token]);
  return sync;
}
