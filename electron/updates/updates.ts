/**
 * Updates with electron-updater (AppImage and NSIS builds; a deb is updated by the system's
 * package manager). The channel comes from the kiosk config (`updateChannel`, null = never). An
 * update is downloaded whenever one is found, but installed only at night and only when nobody
 * has touched the screen for a while, so a resident is never cut off in the middle of signing
 * up. Installing restarts the app silently and opens the wall again by itself.
 */
import type { Timers } from '../healing/crash-guard.js';

/** The part of electron-updater's `autoUpdater` used here. */
export interface UpdaterLike {
  channel: string | null;
  allowDowngrade: boolean;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateDeps {
  updater: UpdaterLike;
  channel: string | null;
  timers: Timers;
  isNight(): boolean;
  /** Milliseconds since the last touch on the screen (webContents 'input-event'). */
  sinceLastTouchMs(): number;
  log(line: string): void;
  checkEveryMs?: number;
  quietMs?: number;
}

export interface Updates {
  /** The version waiting to be installed at night, if any. */
  pending(): string | null;
  /** Installs now if the moment is right (called by its own timer; exposed for tests). */
  tryInstall(): boolean;
  dispose(): void;
}

export function startUpdates(deps: UpdateDeps): Updates | null {
  if (deps.channel === null) return null;
  const { updater, timers } = deps;
  const checkEveryMs = deps.checkEveryMs ?? 6 * 60 * 60_000;
  const quietMs = deps.quietMs ?? 10 * 60_000;
  updater.channel = deps.channel;
  // Setting `channel` turns allowDowngrade on; a kiosk never goes back a version by itself.
  updater.allowDowngrade = false;
  updater.autoDownload = true;
  // Never on quit: a staff exit in the day must not turn into an install.
  updater.autoInstallOnAppQuit = false;
  let pending: string | null = null;
  let handles: unknown[] = [];
  const check = (): void => {
    updater.checkForUpdates().catch((err: unknown) => {
      deps.log(`updates: check failed (${(err as Error).message ?? String(err)})`);
    });
  };
  const loop = (fn: () => void, ms: number): void => {
    const h = timers.setTimeout(() => {
      handles = handles.filter((x) => x !== h);
      fn();
      loop(fn, ms);
    }, ms);
    handles.push(h);
  };
  const tryInstall = (): boolean => {
    if (!pending || !deps.isNight() || deps.sinceLastTouchMs() < quietMs) return false;
    deps.log(`updates: installing ${pending} at night`);
    updater.quitAndInstall(true, true);
    return true;
  };
  updater.on('update-downloaded', (info) => {
    pending = info.version;
    deps.log(`updates: ${info.version} downloaded; installing at night`);
  });
  updater.on('error', (err) => deps.log(`updates: ${err.message}`));
  // A first look a minute after start (the wall first), then every few hours.
  timers.setTimeout(check, 60_000);
  loop(check, checkEveryMs);
  loop(() => void tryInstall(), 5 * 60_000);
  return {
    pending: () => pending,
    tryInstall,
    dispose() {
      handles.forEach((h) => timers.clearTimeout(h));
      handles = [];
    },
  };
}

/**
 * electron-updater's `autoUpdater`, loaded only in a packaged app (it needs the Electron runtime
 * and an app-update.yml written by electron-builder); null elsewhere or when it cannot load.
 */
export async function loadUpdater(
  isPackaged: boolean,
  log: (line: string) => void,
): Promise<UpdaterLike | null> {
  if (!isPackaged) return null;
  try {
    // A literal specifier: esbuild bundles electron-updater into dist/electron/main.js (the
    // package has no node_modules), and runs its code only here, when first called.
    const mod = (await import('electron-updater')) as unknown as {
      autoUpdater?: UpdaterLike;
      default?: { autoUpdater?: UpdaterLike };
    };
    return mod.autoUpdater ?? mod.default?.autoUpdater ?? null;
  } catch (err) {
    log(`updates: electron-updater could not load (${(err as Error).message})`);
    return null;
  }
}
