/**
 * The preload of the staff exit's PIN window (sandboxed, context-isolated, like the kiosk's). It
 * exposes `window.staffExit` with two calls and nothing else. Compiled on its own to one CommonJS
 * file that needs only `electron` (build-preload.ts `compilePreload(staffExitPreloadSource)`).
 */
export const STAFF_EXIT_PIN_CHANNEL = 'citizen-guide:staff-exit-pin';
export const STAFF_EXIT_CANCEL_CHANNEL = 'citizen-guide:staff-exit-cancel';

export interface StaffExitPreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    send(channel: string): void;
  };
}

export function exposeStaffExit(electron: StaffExitPreloadElectron): void {
  electron.contextBridge.exposeInMainWorld('staffExit', {
    submit: (pin: unknown) => electron.ipcRenderer.invoke(STAFF_EXIT_PIN_CHANNEL, String(pin)),
    cancel: () => electron.ipcRenderer.send(STAFF_EXIT_CANCEL_CHANNEL),
  });
}

if ((process as { type?: string }).type === 'renderer') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's CommonJS require
  exposeStaffExit(require('electron') as StaffExitPreloadElectron);
}
