/**
 * Electron main process entry: the composition root, and only that. Built by `npm run dist`
 * (electron/build/) into dist/electron/main.js beside the preload (dist/electron/preload.cjs)
 * and the kiosk page (dist/ui/kiosk), so a kiosk PC never runs TypeScript. Every module takes
 * the `electron` API injected and is unit-tested with a fake; main.test.ts proves the order.
 *
 * The order matters: the scheme is registered before `ready` (Electron refuses it later), the
 * app-wide security rules exist before any web contents, and IPC answers before the window's
 * preload asks.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, displaySettingsOf, loadKioskConfig } from './config.js';
import { showConfigError } from './config-error/config-error-screen.js';
import { registerIpcHandlers, type IpcMainLike } from './ipc-main.js';
import { lockKioskWindow } from './kiosk/no-way-out.js';
import { attachLife, prepareLife, type Attached, type LifeElectron } from './life/life.js';
import { loadUpdater } from './updates/updates.js';
import {
  KIOSK_ORIGIN,
  KIOSK_PAGE,
  registerKioskScheme,
  serveKioskScheme,
  type SchemeElectron,
} from './scheme/kiosk-scheme.js';
import { kioskCsp } from './security/csp.js';
import {
  claimSingleInstance,
  hardenApp,
  type HardenElectron,
  type SingleInstanceApp,
} from './security/harden.js';
import { assertServerAllowed } from './security/server-url.js';
import { openKioskWindow, type ElectronLike, type KioskWindow } from './window.js';

interface ShellApp extends SingleInstanceApp {
  whenReady(): Promise<void>;
  on(event: 'window-all-closed' | 'second-instance' | 'before-quit', h: () => void): void;
  quit(): void;
}

export type ShellElectron = ElectronLike &
  SchemeElectron &
  Omit<HardenElectron, 'app'> &
  Omit<LifeElectron, 'app'> & {
    app: ShellApp & HardenElectron['app'] & LifeElectron['app'];
    ipcMain: IpcMainLike;
  };

export interface ShellOptions {
  /**
   * The folder of the built shell (dist/electron): the preload is beside it, the kiosk page in
   * ../ui/kiosk. Inside the package that is app.asar/dist/electron.
   */
  shellDir?: string;
  log?: (line: string) => void;
}

/** Starts the shell; resolves to the kiosk window, or null when another shell already runs. */
export async function runShell(
  electron: ShellElectron,
  argv: string[],
  { shellDir = import.meta.dirname, log = defaultLog }: ShellOptions = {},
): Promise<KioskWindow | null> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string', default: 'kiosk-config/example.json' } },
    strict: false,
  });
  const file = String(values.config);
  const config = loadKioskConfig(file);
  assertServerAllowed(config.serverUrl, file);
  const server = new URL(config.serverUrl).origin;

  registerKioskScheme(electron);
  let win: KioskWindow | null = null;
  if (!claimSingleInstance(electron.app, () => win?.focus(), log)) return null;
  await electron.app.whenReady();

  hardenApp(electron, { kioskMode: config.kioskMode, log, server });
  // shell-life: what the window opens (enrolment, stored token, "removed"), before it exists.
  const life = await prepareLife({
    electron,
    config,
    configFile: file,
    // Chromium's network stack: the OS's proxy and certificates, as the page's own requests.
    fetch: (url, init) => electron.net.fetch(url, init),
    log,
  });
  // The page's /api and /media go to the server with the kiosk's token (media need one).
  serveKioskScheme(electron, {
    root: join(shellDir, '..', 'ui', 'kiosk'),
    server,
    csp: kioskCsp(server),
    token: () => life.token(),
    log,
  });
  let attached: Attached | null = null;
  // Before the window exists, so the preload's first (synchronous) question is always answered.
  registerIpcHandlers(
    electron.ipcMain,
    {
      settings: () => displaySettingsOf(config),
      server: () => server,
      token: () => life.token(),
      enrol: (code) => life.enrol(code),
      heartbeat: () => attached?.heartbeat() ?? null,
      staffExit: () => attached?.staffExit() ?? null,
      health: () => attached?.snapshot() ?? null,
      unauthorized: () => attached?.unauthorized() ?? null,
    },
    KIOSK_ORIGIN,
    log,
  );
  electron.app.on('window-all-closed', () => electron.app.quit());
  win = await openKioskWindow(
    electron,
    config,
    life.firstUrl ?? KIOSK_PAGE,
    join(shellDir, 'preload.cjs'),
    log,
  );
  // No way out by keyboard, gesture or a window close but the staff exit (kiosk/no-way-out.ts).
  lockKioskWindow(electron.app, win, { kioskMode: config.kioskMode, log });
  // shell-life: healing, display power, staff exit, autostart, updates (electron/life/life.ts).
  attached = attachLife({
    electron,
    win,
    life,
    config,
    pageUrl: KIOSK_PAGE,
    shellDir,
    argv,
    updater: await loadUpdater(electron.app.isPackaged, log),
    fetch: (url, init) => electron.net.fetch(url, init),
    log,
  });
  return win;
}

/**
 * `runShell`, and when the config file is wrong, the full-screen message naming the field and
 * the fix instead (config-error/): a kiosk never sits on a blank window or a half-read config.
 */
export async function startShell(
  electron: ShellElectron,
  argv: string[],
  options: ShellOptions = {},
): Promise<KioskWindow | null> {
  try {
    return await runShell(electron, argv, options);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const log = options.log ?? defaultLog;
    log(err.message);
    await electron.app.whenReady();
    // Nothing is trusted without a config: no server, so no request leaves the machine.
    hardenApp(electron, { kioskMode: true, log, server: 'https://config-error.invalid' });
    electron.app.on('window-all-closed', () => electron.app.quit());
    return showConfigError(electron, err.message, true);
  }
}

function defaultLog(line: string): void {
  process.stdout.write(line + '\n');
}

/**
 * The entry in Electron: loads `electron` and starts the shell WITHOUT awaiting it. Electron
 * emits `ready` only once the ES module entry has finished evaluating, so a top-level await on
 * anything that awaits `whenReady` would never end (Electron's ESM docs). What must happen
 * before `ready` (the privileged scheme) runs synchronously inside `startShell`'s first step.
 */
export async function bootElectron(
  load: () => Promise<ShellElectron & { default?: ShellElectron }>,
  argv: string[],
  log: (line: string) => void = defaultLog,
): Promise<void> {
  const electron = await load();
  const api = electron.default ?? electron;
  startShell(api, argv, { log }).catch((err: unknown) => {
    log(
      `the kiosk shell stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    api.app.quit();
  });
}

if (process.versions.electron) {
  // A variable specifier: the `electron` package is only present where its runtime is.
  const moduleName = 'electron';
  // Started as `electron dist/electron/main.js …` the arguments follow the script; packaged,
  // they follow the executable.
  const args = process.argv.slice((process as { defaultApp?: boolean }).defaultApp ? 2 : 1);
  await bootElectron(() => import(moduleName) as Promise<ShellElectron>, args);
}
