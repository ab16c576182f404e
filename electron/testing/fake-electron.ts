/**
 * Electron's main-process API, faked for unit tests (the binary cannot run on our machines). It
 * records what the shell does, in order, and lets a test play the part of Chromium: emit a
 * web-contents event, ask a permission, send IPC, request a page from a protocol handler.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainEventLike } from '../ipc-main.js';
import type { ShellElectron } from '../main.js';
import type { GuardedContents } from '../security/guards.js';
import type { PermissionSession } from '../security/permissions.js';
import type { RequestDetails, WebRequestLike } from '../security/requests.js';
import type { KioskWindow } from '../window.js';

type Listener = (...args: never[]) => unknown;
type RequestListener = Parameters<WebRequestLike['onBeforeRequest']>[1];

/** A web contents: keeps its listeners by event name, so a test can emit them. */
export class FakeContents implements GuardedContents {
  listeners = new Map<string, Listener[]>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  devToolsClosed = 0;
  reloads = 0;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  on(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  closeDevTools(): void {
    this.devToolsClosed += 1;
  }
  reload(): void {
    this.reloads += 1;
  }
  zoomLimits: [number, number] | null = null;
  setVisualZoomLevelLimits(minimum: number, maximum: number): void {
    this.zoomLimits = [minimum, maximum];
  }
  /** Emits a navigation-like event; true when some listener prevented it. */
  navigate(event: string, url: string, isMainFrame = true): boolean {
    let prevented = false;
    const details = { url, isMainFrame, preventDefault: () => (prevented = true) };
    for (const l of this.listeners.get(event) ?? []) (l as (d: typeof details) => void)(details);
    return prevented;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
}

export function fakeElectron({ locked = false }: { locked?: boolean } = {}) {
  const order: string[] = [];
  const windows: { options: Record<string, unknown>; win: FakeWindow }[] = [];
  const appListeners = new Map<string, Listener[]>();
  const ipc = new Map<string, (event: IpcMainEventLike, ...args: unknown[]) => void>();
  const invokers = new Map<
    string,
    (event: IpcMainEventLike, ...args: unknown[]) => Promise<unknown>
  >();
  const userData = mkdtempSync(join(tmpdir(), 'cg-user-data-'));
  const schemes: { scheme: string; privileges: object }[] = [];
  const handlers = new Map<string, (request: Request) => Promise<Response>>();
  const fetched: { url: string; init: RequestInit | undefined }[] = [];
  const permission: {
    request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
    check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
    device?: Parameters<PermissionSession['setDevicePermissionHandler']>[0];
  } = {};
  let menu: unknown = 'default';
  let requestListener: RequestListener | null = null;
  let quits = 0;
  let ready = false;

  class FakeWindow implements KioskWindow {
    webContents = new FakeContents();
    loaded: string[] = [];
    menuRemoved = false;
    focused = 0;
    constructor(options: Record<string, unknown>) {
      order.push('window');
      windows.push({ options, win: this });
      // Electron emits this for every new web contents, the window's own included.
      for (const l of appListeners.get('web-contents-created') ?? [])
        (l as (e: unknown, c: FakeContents) => void)({}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    removeMenu(): void {
      this.menuRemoved = true;
    }
    // shell-life's part of the window: the staff exit's PIN window closes itself.
    closed = false;
    close(): void {
      this.closed = true;
    }
    isDestroyed(): boolean {
      return this.closed;
    }
    windowListeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener): void {
      this.windowListeners.set(event, [...(this.windowListeners.get(event) ?? []), listener]);
    }
    /** A close asked of the window (Alt+F4, the window manager); true when it was refused. */
    askClose(): boolean {
      let refused = false;
      const event = { preventDefault: () => (refused = true) };
      for (const l of this.windowListeners.get('close') ?? [])
        (l as (e: typeof event) => void)(event);
      return refused;
    }
    focus(): void {
      this.focused += 1;
    }
  }

  const electron = {
    app: {
      whenReady: () => {
        order.push('ready');
        ready = true;
        return Promise.resolve();
      },
      on: (event: string, listener: Listener) => {
        order.push(`app.on ${event}`);
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      },
      quit: () => {
        quits += 1;
      },
      requestSingleInstanceLock: () => {
        order.push('single-instance lock');
        return !locked;
      },
      // shell-life's part of app: a fresh user-data folder, so no test sees another's token.
      isPackaged: false,
      getPath: () => userData,
      getVersion: () => '1.2.3',
      relaunch: () => order.push('relaunch'),
      exit: () => order.push('exit'),
      setLoginItemSettings: () => order.push('login item'),
    },
    ipcMain: {
      on: (channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void) => {
        order.push(`ipc ${channel}`);
        ipc.set(channel, listener);
      },
      handle: (
        channel: string,
        listener: (event: IpcMainEventLike, ...args: unknown[]) => Promise<unknown>,
      ) => {
        order.push(`ipc ${channel}`);
        invokers.set(channel, listener);
      },
    },
    // No keyring here: the token goes to the 0600 file.
    safeStorage: {
      isAsyncEncryptionAvailable: () => Promise.resolve(false),
      encryptStringAsync: () => Promise.reject(new Error('no keyring')),
      decryptStringAsync: () => Promise.reject(new Error('no keyring')),
    },
    powerSaveBlocker: { start: () => 1, stop: () => true },
    powerMonitor: { on: () => {} },
    protocol: {
      registerSchemesAsPrivileged: (list: { scheme: string; privileges: object }[]) => {
        order.push(`privileged scheme${ready ? ' (after ready!)' : ''}`);
        schemes.push(...list);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        order.push(`handle ${scheme}`);
        handlers.set(scheme, handler);
      },
    },
    net: {
      fetch: (url: string, init?: RequestInit) => {
        fetched.push({ url, init });
        return Promise.resolve(new Response('from the server', { status: 200 }));
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h) => {
          order.push('permission request handler');
          permission.request = h;
        },
        setPermissionCheckHandler: (h) => {
          order.push('permission check handler');
          permission.check = h;
        },
        setDevicePermissionHandler: (h) => {
          permission.device = h;
        },
        webRequest: {
          onBeforeRequest: (_filter: { urls: string[] }, listener: RequestListener) => {
            order.push('request allow-list');
            requestListener = listener;
          },
        },
      } satisfies PermissionSession & { webRequest: WebRequestLike },
    },
    Menu: {
      setApplicationMenu: (m: null) => {
        order.push('menu');
        menu = m;
      },
    },
    BrowserWindow: FakeWindow,
  } as unknown as ShellElectron;

  /** What a renderer frame at `frameUrl` gets back from `ipcRenderer.sendSync(channel, …)`. */
  const sendSync = (frameUrl: string | null, channel: string, ...args: unknown[]): unknown => {
    const event: IpcMainEventLike = {
      senderFrame: frameUrl === null ? null : { url: frameUrl },
      returnValue: undefined,
    };
    ipc.get(channel)?.(event, ...args);
    return event.returnValue;
  };
  /** What a frame at `frameUrl` gets from `ipcRenderer.invoke(channel, …)`. */
  const invoke = (
    frameUrl: string | null,
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> => {
    const event: IpcMainEventLike = {
      senderFrame: frameUrl === null ? null : { url: frameUrl },
      returnValue: undefined,
    };
    return invokers.get(channel)?.(event, ...args) ?? Promise.resolve(undefined);
  };

  /** Whether the session lets a renderer's request to `url` go (true) or cancels it. */
  const request = (details: RequestDetails): boolean => {
    let cancel = false;
    requestListener?.(details, (r) => (cancel = r.cancel === true));
    return !cancel;
  };

  return {
    electron,
    request,
    order,
    windows,
    schemes,
    handlers,
    fetched,
    permission,
    sendSync,
    invoke,
    userData,
    appListeners,
    menu: () => menu,
    quits: () => quits,
  };
}
