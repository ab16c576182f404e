/**
 * The kiosk window's preload (sandboxed, context-isolated). It defines `window.citizenGuide` as
 * `{ settings, server }` and nothing else. Compiled to one CommonJS file by build-preload.ts: a sandboxed
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
const apiKey: ApiKey = 'citizenGuide';

/** The two calls of Electron's renderer API this preload uses. */
export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: { sendSync(channel: string, ...args: unknown[]): unknown };
}

/** Asks main for the settings and the server and exposes them; nothing if main gave neither. */
export function exposeKioskApi(electron: PreloadElectron): KioskApi | null {
  const settings = electron.ipcRenderer.sendSync(settingsChannel);
  const server = electron.ipcRenderer.sendSync(serverChannel);
  if (!settings || typeof settings !== 'object' || typeof server !== 'string') return null;
  // The page checks each field itself (readSettings), as it does for the address bar.
  const api = { settings: settings as KioskApi['settings'], server } satisfies KioskApi;
  electron.contextBridge.exposeInMainWorld(apiKey, api);
  return api;
}

if ((process as { type?: string }).type === 'renderer') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's CommonJS require
  exposeKioskApi(require('electron') as PreloadElectron);
}
