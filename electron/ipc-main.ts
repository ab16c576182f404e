/**
 * Main's side of the contract: one listener per channel in `ipcContract`, each checking who asks
 * and what they sent (zod) before answering, and checking its own answer against the contract.
 */
import { ipcContract, type IpcHandlers } from './ipc-contract.js';

/** The event Electron passes to an `ipcMain.handle` listener (the part used here). */
export interface IpcMainInvokeEventLike {
  senderFrame: { url: string } | null;
  /** The sending web contents (the staff exit checks its own PIN window by identity). */
  sender?: unknown;
}

/** The event Electron passes to an `ipcMain.on` listener: a `sendSync` answer goes in returnValue. */
export interface IpcMainEventLike extends IpcMainInvokeEventLike {
  returnValue: unknown;
}

export interface IpcMainLike {
  on(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): void;
  /** For `invoke` channels (`ipcRenderer.invoke`): the listener's result is the answer. */
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
}

/**
 * Registers every channel of the contract. Only frames of `trustedOrigin` (the kiosk server) get
 * an answer; anything else, or a malformed request, gets `null` and a log line. A `sendSync`
 * caller always gets a `returnValue`, so a refused renderer is never left hanging.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  trustedOrigin: string,
  log: (line: string) => void,
): void {
  for (const name of Object.keys(ipcContract) as (keyof typeof ipcContract)[]) {
    const entry = ipcContract[name];
    /** The checked arguments, or null (logged) for a stranger's or a malformed request. */
    const admit = (event: IpcMainInvokeEventLike, args: unknown[]): unknown[] | null => {
      const from = originOf(event.senderFrame?.url);
      if (from !== trustedOrigin) {
        log(`ipc ${entry.channel}: refused a request from ${from ?? 'an unknown frame'}`);
        return null;
      }
      const request = entry.request.safeParse(args);
      if (!request.success) {
        log(`ipc ${entry.channel}: refused a malformed request (${request.error.message})`);
        return null;
      }
      return request.data;
    };
    const checked = (answer: unknown): unknown => {
      const response = entry.response.safeParse(answer);
      if (response.success) return response.data;
      log(`ipc ${entry.channel}: our own answer is invalid (${response.error.message})`);
      return null;
    };
    const call = handlers[name] as (...a: unknown[]) => unknown;
    if (entry.kind === 'invoke') {
      ipcMain.handle(entry.channel, async (event, ...args) => {
        const data = admit(event, args);
        return data ? checked(await call(...data)) : null;
      });
      continue;
    }
    ipcMain.on(entry.channel, (event, ...args) => {
      event.returnValue = null;
      const data = admit(event, args);
      if (!data) return;
      const answer = call(...data);
      if (entry.kind === 'sync') event.returnValue = checked(answer);
    });
  }
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    // Built from the parts: Node gives a non-special scheme (the kiosk's app:) the opaque
    // origin "null", which would match nothing, or worse, every other opaque origin.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
