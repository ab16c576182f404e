/**
 * The kiosk window's preload (sandboxed, context-isolated). It defines `window.citizenGuide` as
 * `KioskApi` (ipc-contract.ts) and nothing else. Compiled to one CommonJS file by build-preload.ts: a sandboxed
 * preload can `require` only `electron`, so this file imports our contract for types only.
 *
 * Why `ipcRenderer.sendSync` and not `webPreferences.additionalArguments` (process.argv): the
 * arguments would sit on the renderer's command line, readable by any local user in the process
 * list and in crash reports, and would have to be flattened to strings and parsed back here. The
 * synchronous call asks main, which answers only the kiosk's own page (it checks the sender's
 * origin) with values it built from the validated config, as structured data. Its one cost,
 * blocking this renderer for one small round trip, happens once, before the page's scripts run.
 */
import type { ApiKey, ChannelOf, KioskApi } from './ipc-contract.js';

// Copies of the contract's names; the types make the compiler reject any drift.
const settingsChannel: ChannelOf<'settings'> = 'citizen-guide:settings';
const serverChannel: ChannelOf<'server'> = 'citizen-guide:server';
const tokenChannel: ChannelOf<'token'> = 'citizen-guide:token';
const enrolChannel: ChannelOf<'enrol'> = 'citizen-guide:enrol';
const heartbeatChannel: ChannelOf<'heartbeat'> = 'citizen-guide:heartbeat';
const staffExitChannel: ChannelOf<'staffExit'> = 'citizen-guide:staff-exit';
const healthChannel: ChannelOf<'health'> = 'citizen-guide:health';
const unauthorizedChannel: ChannelOf<'unauthorized'> = 'citizen-guide:unauthorized';
const apiKey: ApiKey = 'citizenGuide';

/** The calls of Electron's renderer API this preload uses. */
export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    sendSync(channel: string, ...args: unknown[]): unknown;
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    send(channel: string): void;
  };
}

/** Asks main for the settings and the server and exposes them; nothing if main gave neither. */
export function exposeKioskApi(electron: PreloadElectron): KioskApi | null {
  const settings = electron.ipcRenderer.sendSync(settingsChannel);
  const server = electron.ipcRenderer.sendSync(serverChannel);
  if (!settings || typeof settings !== 'object' || typeof server !== 'string') return null;
  // The page checks each field itself (readSettings), as it does for the address bar.
  const token = electron.ipcRenderer.sendSync(tokenChannel);
  const api = {
    settings: settings as KioskApi['settings'],
    server,
    token: typeof token === 'string' ? token : null,
    enrol: (code: string) =>
      electron.ipcRenderer.invoke(enrolChannel, code) as ReturnType<KioskApi['enrol']>,
    health: () => electron.ipcRenderer.sendSync(healthChannel) as ReturnType<KioskApi['health']>,
    unauthorized: () => electron.ipcRenderer.send(unauthorizedChannel),
  } satisfies KioskApi;
  electron.contextBridge.exposeInMainWorld(apiKey, api);
  return api;
}

/** Hidden corner for the staff exit (px from the top left) and how long to hold it (ms). */
const EXIT_CORNER = 64;
const EXIT_HOLD = 5_000;

/**
 * The shell's two signals from the page's own event loop: a heartbeat every 10 s (a page stuck
 * in a loop stops beating: electron/healing) and a 5 s press on the hidden top-left corner, which
 * asks main for the staff exit's PIN window (electron/kiosk/staff-exit.ts).
 */
export function startShellSignals(electron: PreloadElectron, win: Window): void {
  win.setInterval(() => electron.ipcRenderer.send(heartbeatChannel), 10_000);
  let hold: number | undefined;
  const release = (): void => win.clearTimeout(hold);
  win.addEventListener('pointerdown', (e) => {
    release();
    if (e.clientX > EXIT_CORNER || e.clientY > EXIT_CORNER) return;
    hold = win.setTimeout(() => electron.ipcRenderer.send(staffExitChannel), EXIT_HOLD);
  });
  for (const type of ['pointerup', 'pointercancel', 'pointerleave'] as const)
    win.addEventListener(type, release);
  win.addEventListener('pointermove', (e) => {
    if (e.clientX > EXIT_CORNER || e.clientY > EXIT_CORNER) release();
  });
}

if ((process as { type?: string }).type === 'renderer') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's CommonJS require
  const electron = require('electron') as PreloadElectron;
  exposeKioskApi(electron);
  if (typeof window !== 'undefined') startShellSignals(electron, window);
}
