/**
 * shell-life's composition: everything that keeps a wall screen alive for months without anyone
 * touching it, attached to the kiosk window by main.ts in two steps.
 *
 * `prepareLife` runs before the window exists: it decides what the window opens (enrol/enrol.ts:
 * the wall with a stored token, the page's enrolment form, or the calm "removed" screen) and
 * provides the IPC handlers for the token and for a code typed into the page's form.
 *
 * `attachLife` runs once the window exists: healing (crash and hang reloads with back-off,
 * heartbeat watchdog, GPU restart, outage recovery), display power by day and night, the staff
 * exit, autostart and updates. Each part is its own module with its own tests.
 */
import { join } from 'node:path';
import type { KioskHealth } from '../../src/protocol/kiosk-health.js';
import type { KioskConfig } from '../config.js';
import type { EnrolAnswer } from '../ipc-contract.js';
import { checkToken, decideStart, enrolWithCode, type StartDecision } from '../enrol/enrol.js';
import { createTokenStore, type SafeStorageLike, type TokenStore } from '../enrol/token-store.js';
import { ensureAutostart, type LoginItemApp } from '../autostart/autostart.js';
import {
  createCrashGuard,
  createHangTimer,
  createHeartbeatWatchdog,
  realTimers,
  type CrashGuard,
  type Timers,
} from '../healing/crash-guard.js';
import { createOutageHealer, healthProbe, onChildProcessGone } from '../healing/recovery.js';
import {
  startDisplayPower,
  type PowerMonitorLike,
  type PowerSaveBlockerLike,
} from '../kiosk/display-power.js';
import { isNight } from '../kiosk/night-schedule.js';
import { createStaffExit, type ExitWindow, type StaffExitIpc } from '../kiosk/staff-exit.js';
import { shellScreenUrl } from '../screens/message-page.js';
import { startUpdates, type UpdaterLike } from '../updates/updates.js';

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The slice of Electron shell-life needs, beside what main.ts already has. */
export interface LifeElectron {
  app: LoginItemApp & {
    getPath(name: 'userData'): string;
    getVersion(): string;
    relaunch(options: { args: string[] }): void;
    exit(code: number): void;
    quit(): void;
    on(
      event: 'child-process-gone',
      listener: (event: unknown, details: { type: string; reason: string }) => void,
    ): void;
  };
  safeStorage: SafeStorageLike;
  powerSaveBlocker: PowerSaveBlockerLike;
  powerMonitor: PowerMonitorLike;
}

/** The kiosk window's web contents as healing sees it (a real WebContents has all of this). */
export interface LifeContents {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: { reason: string }) => void,
  ): void;
  on(
    event: 'unresponsive' | 'responsive' | 'did-finish-load' | 'input-event',
    listener: () => void,
  ): void;
  on(
    event: 'did-fail-load',
    listener: (
      event: unknown,
      code: number,
      description: string,
      url: string,
      isMainFrame: boolean,
    ) => void,
  ): void;
  reload(): void;
  forcefullyCrashRenderer?(): void;
}

/** The kiosk window as shell-life sees it: also what the staff exit's window needs. */
export interface LifeWindow extends ExitWindow {
  webContents: LifeContents;
}

export interface Life {
  decision: StartDecision;
  /** Where the window goes first instead of the kiosk page (the "removed" screen), if anywhere. */
  firstUrl: string | null;
  store: TokenStore;
  /** IPC handlers for ipc-contract's `token` and `enrol`. */
  token(): string | null;
  enrol(code: string): Promise<EnrolAnswer>;
}

export async function prepareLife(deps: {
  electron: LifeElectron;
  config: KioskConfig;
  configFile: string;
  fetch?: FetchLike;
  log: (line: string) => void;
}): Promise<Life> {
  const { config, configFile, log } = deps;
  const fetchFn: FetchLike = deps.fetch ?? fetch;
  const store = createTokenStore(
    deps.electron.app.getPath('userData'),
    deps.electron.safeStorage,
    log,
  );
  const decision = await decideStart({ config, configFile, store, fetch: fetchFn, log });
  let token = decision.kind === 'wall' ? decision.token : null;
  log(
    `kiosk start: ${decision.kind}${decision.kind === 'wall' ? ` (${decision.checked})` : ''}, token kept as ${await store.kind()}`,
  );
  return {
    decision,
    firstUrl: decision.kind === 'removed' ? shellScreenUrl('removed', config.lang) : null,
    store,
    token: () => token,
    async enrol(code) {
      const r = await enrolWithCode({ config, configFile, store, fetch: fetchFn, log }, code);
      if (!r.ok) return { ok: false, error: r.error, message: '' };
      token = r.token;
      return { ok: true, token: r.token, deviceId: r.deviceId, name: config.name };
    },
  };
}

/**
 * How often a running kiosk asks whether staff removed it: the fallback, since its page says so
 * at once (ipc-contract's `unauthorized`) when the server refuses its socket.
 */
export const REVOCATION_EVERY_MS = 15 * 60_000;

export interface AttachDeps {
  electron: LifeElectron & {
    BrowserWindow: new (options: Record<string, unknown>) => ExitWindow;
    ipcMain: StaffExitIpc;
  };
  win: LifeWindow;
  life: Life;
  config: KioskConfig;
  /** The page's own address (app://kiosk/), to reload a broken page onto. */
  pageUrl: string;
  /** The folder of the built shell (dist/electron), where staff-exit-preload.cjs is. */
  shellDir: string;
  argv: readonly string[];
  updater?: UpdaterLike | null;
  timers?: Timers;
  fetch?: FetchLike;
  platform?: NodeJS.Platform;
  exec?: string;
  log: (line: string) => void;
}

export interface Attached {
  guard: CrashGuard;
  /** ipc-contract's `heartbeat`, `staffExit` and `unauthorized` handlers. */
  heartbeat(): null;
  staffExit(): null;
  unauthorized(): null;
  /** The health the page's sync engine reports to staff (`kiosk.health`, src/protocol). */
  snapshot(): KioskHealth;
}

export function attachLife(deps: AttachDeps): Attached {
  const { electron, win, life, config, log } = deps;
  const timers = deps.timers ?? realTimers;
  const started = timers.now();
  const contents = win.webContents;
  const onShellScreen = { value: life.firstUrl !== null };
  const loadPage = (): void => {
    onShellScreen.value = false;
    void win.loadURL(deps.pageUrl).catch((err: unknown) => log(`kiosk page load: ${String(err)}`));
  };
  const guard = createCrashGuard({
    timers,
    reload: loadPage,
    showError: () => {
      onShellScreen.value = true;
      watchdog.stop();
      void win.loadURL(shellScreenUrl('crash-loop', config.lang));
    },
    log,
  });
  // A hung page is crashed on purpose, so `render-process-gone` (below) reloads it once.
  const kill = (why: string): void => {
    if (contents.forcefullyCrashRenderer) contents.forcefullyCrashRenderer();
    else guard.crashed(why);
  };
  const watchdog = createHeartbeatWatchdog(timers, () => {
    log('kiosk page: no heartbeat for a minute');
    kill('no heartbeat');
  });
  const hang = createHangTimer(timers, () => kill('unresponsive'));
  const outage = createOutageHealer({
    timers,
    probe: healthProbe(config.serverUrl, deps.fetch ?? fetch),
    reload: loadPage,
    log,
  });
  let lastTouch = timers.now();
  let removed = life.decision.kind === 'removed';

  // Revoked while running: the calm "removed" screen, as at a start (never a reload loop). Asked
  // at once when the page says the server refused its socket (staff removed the kiosk: the
  // server closes the socket and refuses the reconnect), and every 15 minutes as the fallback
  // (a page that cannot say so). The page's word alone is not enough: only the server's 401.
  let checking: Promise<void> | null = null;
  const checkRevoked = (why: string): Promise<void> => {
    const token = life.token();
    if (removed || !token) return Promise.resolve();
    checking ??= checkToken(config.serverUrl, token, deps.fetch ?? fetch)
      .then((state) => {
        if (state !== 'revoked' || removed) return;
        removed = true;
        onShellScreen.value = true;
        watchdog.stop();
        outage.loaded();
        log(`kiosk token: revoked while running (${why}); showing "removed"`);
        void win.loadURL(shellScreenUrl('removed', config.lang));
      })
      .finally(() => {
        checking = null;
      });
    return checking;
  };
  const watchRevocation = (): void => {
    timers.setTimeout(() => {
      void checkRevoked('15-minute check').then(() => {
        if (!removed) watchRevocation();
      });
    }, REVOCATION_EVERY_MS);
  };
  watchRevocation();

  contents.on('render-process-gone', (_e, details) => {
    watchdog.stop();
    if (details.reason !== 'clean-exit') guard.crashed(details.reason);
  });
  contents.on('unresponsive', () => hang.unresponsive());
  contents.on('responsive', () => hang.responsive());
  contents.on('did-fail-load', (_e, code, _description, _url, isMainFrame) => {
    if (!onShellScreen.value) outage.failedLoad(code, isMainFrame);
  });
  contents.on('did-finish-load', () => {
    if (onShellScreen.value) return;
    outage.loaded();
    watchdog.start();
  });
  contents.on('input-event', () => {
    lastTouch = timers.now();
  });

  electron.app.on('child-process-gone', (_e, details) => {
    onChildProcessGone(details, deps.argv, timers.now() - started, electron.app, log);
  });
  const power = startDisplayPower({
    night: config.night,
    blocker: electron.powerSaveBlocker,
    monitor: electron.powerMonitor,
    timers,
    log,
  });
  const exit = createStaffExit({
    BrowserWindow: electron.BrowserWindow,
    ipcMain: electron.ipcMain,
    parent: win,
    preload: join(deps.shellDir, 'staff-exit-preload.cjs'),
    pinHash: config.staffPinHash,
    lang: config.lang,
    timers,
    quit: () => electron.app.quit(),
    log,
  });
  ensureAutostart({
    app: electron.app,
    platform: deps.platform ?? process.platform,
    exec: deps.exec ?? process.env['APPIMAGE'] ?? process.execPath,
    // The shell's own restart flags (after a GPU crash) are not for every later login.
    args: deps.argv.filter((a) => !a.startsWith('--cg-') && a !== '--disable-gpu'),
    kioskMode: config.kioskMode,
    log,
  });
  if (deps.updater) {
    startUpdates({
      updater: deps.updater,
      channel: config.updateChannel,
      timers,
      isNight: () => isNight(new Date(timers.now()), config.night),
      sinceLastTouchMs: () => timers.now() - lastTouch,
      log,
    });
  }
  return {
    guard,
    heartbeat: () => {
      watchdog.beat();
      return null;
    },
    staffExit: () => {
      exit.open();
      return null;
    },
    unauthorized: () => {
      void checkRevoked("the page's socket was refused");
      return null;
    },
    snapshot() {
      const crash = guard.lastCrash();
      const screen = removed
        ? 'removed'
        : guard.resting()
          ? 'crash-loop'
          : outage.broken()
            ? 'broken'
            : life.decision.kind === 'needs-code' && life.token() === null
              ? 'enrol'
              : power.state() === 'night'
                ? 'night'
                : 'wall';
      return {
        version: electron.app.getVersion(),
        uptimeSeconds: Math.round((timers.now() - started) / 1000),
        lastCrash: crash ? { at: new Date(crash.at).toISOString(), reason: crash.reason } : null,
        screen,
      };
    },
  };
}
