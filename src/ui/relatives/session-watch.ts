/**
 * After accepting, the page runs the sync engine signed in by the session cookie (the engine is
 * the only thing that talks to the server), so it learns at once when staff remove the access:
 * the server closes the socket, and connecting again is refused `unauthorized`. Only that counts
 * as "logged out" (a lost network does not), and then the relative's cache is deleted.
 */
import { useEffect, useState } from 'react';
import { CacheDb } from '../../client/index.js';
import { useSync } from '../shared/sync/use-sync.js';

export const FAMILY_DB = 'citizen-guide-family';

export function useSessionEnded(active: boolean): boolean {
  const [db] = useState(() => new CacheDb(FAMILY_DB));
  const { status } = useSync(db, active ? 'cookie' : null);
  const ended = status?.state === 'unauthorized';
  useEffect(() => {
    if (ended) void db.delete();
  }, [db, ended]);
  return ended;
}
