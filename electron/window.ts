/**
 * The kiosk window, locked down. The `electron` module is injected so this runs (and is tested)
 * without the Electron binary, which cannot be downloaded on our build machines.
 */
import type { KioskConfig } from './config.js';

/** The narrow slice of Electron's API this shell uses. */
export interface ElectronLike {
  BrowserWindow: new (options: Record<string, unknown>) => KioskWindow;
  session: {
    defaultSession: {
      setPermissionRequestHandler(
        h: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void,
      ): void;
    };
  };
}

export interface KioskWindow {
  loadURL(url: string): Promise<void>;
  webContents: {
    setWindowOpenHandler(h: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
    on(event: 'will-navigate', h: (event: { preventDefault(): void }, url: string) => void): void;
    on(
      event: 'render-process-gone',
      h: (event: unknown, details: { reason: string }) => void,
    ): void;
    reload(): void;
  };
}

export const windowOptions = (config: KioskConfig, preload: string): Record<string, unknown> => ({
  fullscreen: config.kioskMode,
  kiosk: config.kioskMode,
  autoHideMenuBar: true,
  backgroundColor: '#f7f4ee',
  webPreferences: {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    devTools: !config.kioskMode,
    spellcheck: false,
  },
});

/** Opens the kiosk page with navigation, new windows and permissions denied by default. */
export async function openKioskWindow(
  electron: ElectronLike,
  config: KioskConfig,
  url: string,
  preload: string,
  log: (line: string) => void,
): Promise<KioskWindow> {
  electron.session.defaultSession.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
  const win = new electron.BrowserWindow(windowOptions(config, preload));
  const origin = new URL(url).origin;
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, target) => {
    if (new URL(target).origin !== origin) event.preventDefault();
  });
  // Crash watchdog: a resident never needs a person to restart the screen.
  win.webContents.on('render-process-gone', (_e, details) => {
    log(`kiosk renderer gone (${details.reason}); reloading`);
    win.webContents.reload();
  });
  await win.loadURL(url);
  return win;
}
