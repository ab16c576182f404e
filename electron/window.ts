/**
 * The kiosk window, locked down: the window's half of the Electron security checklist (its web
 * preferences). The app-wide half (navigation, redirects, new windows, webviews, permissions,
 * menu) is security/harden.ts, applied to every web contents before this window exists. The
 * `electron` module is injected so this runs (and is tested) without the Electron binary, which
 * cannot be downloaded on our build machines.
 */
import type { KioskConfig } from './config.js';
import type { LockedWindow } from './kiosk/no-way-out.js';
import type { LifeContents, LifeWindow } from './life/life.js';

/** The narrow slice of Electron's API this module uses. */
export interface ElectronLike {
  BrowserWindow: new (options: Record<string, unknown>) => KioskWindow;
}

/** shell-life's part (closing, the healing events) is LifeWindow, electron/life/life.ts. */
export interface KioskWindow extends LifeWindow {
  on(event: 'closed', listener: () => void): void;
  /** no-way-out.ts refuses a close that is not the app quitting. */
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): void;
  loadURL(url: string): Promise<void>;
  /** Takes away the window's own menu bar (Linux, Windows) and its accelerators. */
  removeMenu(): void;
  /** Brings the window forward (a second start of the shell does). */
  focus(): void;
  webContents: LifeContents & LockedWindow['webContents'];
}

export const windowOptions = (config: KioskConfig, preload: string): Record<string, unknown> => ({
  fullscreen: config.kioskMode,
  kiosk: config.kioskMode,
  autoHideMenuBar: true,
  backgroundColor: '#f7f4ee',
  webPreferences: {
    preload,
    // The page's scripts and the preload live in separate worlds; the page sees only
    // `window.citizenGuide`, never Electron or Node.
    contextIsolation: true,
    // The renderer runs in Chromium's OS sandbox; the preload gets only `electron`'s renderer API.
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // A file dropped on the screen must not replace the page.
    navigateOnDragDrop: false,
    experimentalFeatures: false,
    devTools: !config.kioskMode,
    spellcheck: false,
  },
});

/** Opens the kiosk page from the package (`app://kiosk/`). */
export async function openKioskWindow(
  electron: ElectronLike,
  config: KioskConfig,
  url: string,
  preload: string,
  _log: (line: string) => void,
): Promise<KioskWindow> {
  const win = new electron.BrowserWindow(windowOptions(config, preload));
  win.removeMenu();
  // A crashed or hung page is healing's (electron/healing via life/life.ts, wired in main.ts):
  // reloaded with a back-off, a crash loop resting on a calm screen instead of flashing.
  await win.loadURL(url);
  return win;
}
