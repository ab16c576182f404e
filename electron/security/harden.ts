/**
 * The app-wide half of the Electron security checklist, applied once when the app is ready and
 * before any window exists: no application menu (so none of its accelerators: reload, zoom,
 * devtools, quit), the web-contents guards on everything created from now on, the permission
 * handlers on the default session and its request allow-list (requests.ts). The window's own half is in window.ts.
 */
import { guardWebContents, type GuardedContents } from './guards.js';
import { installPermissionHandlers, type PermissionSession } from './permissions.js';
import { restrictRequests, type WebRequestLike } from './requests.js';

export interface HardenElectron {
  app: {
    on(
      event: 'web-contents-created',
      listener: (event: unknown, contents: GuardedContents) => void,
    ): void;
  };
  Menu: { setApplicationMenu(menu: null): void };
  session: { defaultSession: PermissionSession & { webRequest: WebRequestLike } };
}

export function hardenApp(
  electron: HardenElectron,
  options: { kioskMode: boolean; log: (line: string) => void; server: string },
): void {
  electron.Menu.setApplicationMenu(null);
  electron.app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, options),
  );
  installPermissionHandlers(electron.session.defaultSession, options.log);
  restrictRequests(electron.session.defaultSession.webRequest, options.server, options.log);
}

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): void;
}

/**
 * One kiosk shell per PC: a second start (autostart plus a double-click, a crash restarter)
 * quits at once and brings the running window forward instead of opening a second wall.
 * Returns false when this instance must stop.
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  onSecond: () => void,
  log: (line: string) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    log('another kiosk shell is already running on this PC; this one stops');
    app.quit();
    return false;
  }
  app.on('second-instance', onSecond);
  return true;
}
