/** The kiosk's one cache database, and its sync engine (src/ui/shared/sync/use-sync.ts). */
import { CacheDb, renewDeviceCookie } from '../../client/index.js';
import { useSync, type Sync } from '../shared/sync/use-sync.js';
import { fetchRememberingOwnId } from './frame/own-id.js';
import { socketServer } from './shell-server.js';
import { shellHealth } from './shell-token.js';
import { version } from '../../../package.json';

/** What this kiosk runs, for the staff admin's list of screens (`auth.app`). */
export const KIOSK_APP = `kiosk ${version}`;

/** One IndexedDB database per kiosk origin: the cache, the cursor and the outbox. */
export const db = new CacheDb('citizen-guide-kiosk');

export function useKioskSync(token: string | null): Sync {
  // The device cookie authorises the page's <img src="/media/…"> (media need a principal).
  return useSync(
    db,
    token,
    () => {
      // Its answer also names this kiosk, for messages to the wall meant for some kiosks only.
      if (token) void renewDeviceCookie(location.origin, token, fetchRememberingOwnId);
    },
    KIOSK_APP,
    socketServer(),
    shellHealth(),
  );
}
