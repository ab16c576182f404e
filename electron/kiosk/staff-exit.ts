/**
 * Staff exit: the only way out of the kiosk. A long press (5 s) on the hidden top-left corner of
 * the wall (the kiosk preload notices it and sends `staffExitOpen`) opens a small PIN window over
 * the wall; the right PIN (checked against the config's `staffPinHash`, five wrong → locked five
 * minutes) quits the shell. Without a `staffPinHash` there is no way out but the power button,
 * and the long press does nothing. The PIN window closes itself after a minute untouched.
 *
 * Its IPC answers only the PIN window's own page (the sender is checked by identity: its page is
 * a `data:` document, which has no origin to compare).
 */
import type { Timers } from '../healing/crash-guard.js';
import { createPinGate } from './staff-pin.js';
import { STAFF_EXIT_CANCEL_CHANNEL, STAFF_EXIT_PIN_CHANNEL } from './staff-exit-preload.js';
import { staffExitUrl } from './staff-exit-page.js';

export interface ExitWindow {
  loadURL(url: string): Promise<void>;
  close(): void;
  isDestroyed(): boolean;
  on(event: 'closed', listener: () => void): void;
  webContents: object;
}

export interface StaffExitIpc {
  handle(
    channel: string,
    listener: (event: { sender?: unknown }, ...args: unknown[]) => Promise<unknown>,
  ): void;
  on(channel: string, listener: (event: { sender?: unknown }, ...args: unknown[]) => void): void;
}

export interface StaffExitDeps {
  BrowserWindow: new (options: Record<string, unknown>) => ExitWindow;
  ipcMain: StaffExitIpc;
  parent: unknown;
  preload: string;
  pinHash: string | undefined;
  lang: 'da' | 'en';
  timers: Timers;
  quit(): void;
  log(line: string): void;
  idleMs?: number;
}

export interface StaffExit {
  /** The long press happened: open the PIN window (once). */
  open(): void;
  isOpen(): boolean;
}

export function createStaffExit(deps: StaffExitDeps): StaffExit {
  const gate = deps.pinHash ? createPinGate(deps.pinHash, () => deps.timers.now()) : null;
  let win: ExitWindow | null = null;
  let idle: unknown = null;
  const idleMs = deps.idleMs ?? 60_000;
  const close = (): void => {
    if (idle !== null) deps.timers.clearTimeout(idle);
    idle = null;
    if (win && !win.isDestroyed()) win.close();
    win = null;
  };
  const touch = (): void => {
    if (idle !== null) deps.timers.clearTimeout(idle);
    idle = deps.timers.setTimeout(close, idleMs);
  };
  const fromExitPage = (sender: unknown): boolean => win !== null && sender === win.webContents;
  const answerPin = (sender: unknown, pin: unknown): 'ok' | 'wrong' | 'locked' => {
    if (!fromExitPage(sender) || !gate) {
      deps.log('staff exit: refused a PIN from another page');
      return 'wrong';
    }
    touch();
    const answer = gate.check(typeof pin === 'string' ? pin : '');
    deps.log(`staff exit: PIN ${answer}`);
    if (answer === 'ok') {
      close();
      deps.quit();
    }
    return answer;
  };
  deps.ipcMain.handle(STAFF_EXIT_PIN_CHANNEL, (event, pin) =>
    Promise.resolve(answerPin(event.sender, pin)),
  );
  deps.ipcMain.on(STAFF_EXIT_CANCEL_CHANNEL, (event) => {
    if (fromExitPage(event.sender)) close();
  });
  return {
    open() {
      if (!gate) {
        deps.log('staff exit: no staffPinHash in the kiosk config, so there is no exit');
        return;
      }
      if (win) return;
      win = new deps.BrowserWindow({
        parent: deps.parent,
        modal: true,
        width: 560,
        height: 820,
        frame: false,
        resizable: false,
        alwaysOnTop: true,
        backgroundColor: '#1d1d1b',
        webPreferences: {
          preload: deps.preload,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          devTools: false,
          spellcheck: false,
        },
      });
      const opened = win;
      opened.on('closed', () => {
        if (win === opened) win = null;
      });
      touch();
      void opened.loadURL(staffExitUrl(deps.lang));
      deps.log('staff exit: PIN window open');
    },
    isOpen: () => win !== null,
  };
}

/**
 * The long press, as the kiosk preload runs it: a pointer held inside the corner for `holdMs`
 * without leaving it. Pure, so the preload's handful of lines and this test agree.
 */
export const EXIT_CORNER_PX = 64;
export const EXIT_HOLD_MS = 5_000;
