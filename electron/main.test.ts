import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipcContract } from './ipc-contract.js';
import { registerIpcHandlers, type IpcMainEventLike, type IpcMainLike } from './ipc-main.js';
import { runShell, type ShellElectron } from './main.js';
import type { KioskWindow } from './window.js';

function configFile(json: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kiosk-')), 'kiosk.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

/** Electron's main-process API, faked: records windows, listeners and the order things happen. */
function fakeElectron() {
  const windows: Record<string, unknown>[] = [];
  const listeners = new Map<string, (event: IpcMainEventLike, ...args: unknown[]) => void>();
  const order: string[] = [];
  const ipcMain: IpcMainLike = {
    on: (channel, listener) => {
      order.push(`ipc ${channel}`);
      listeners.set(channel, listener);
    },
  };
  const electron: ShellElectron = {
    app: { whenReady: () => Promise.resolve(), on: () => {}, quit: () => {} },
    ipcMain,
    session: { defaultSession: { setPermissionRequestHandler: () => {} } },
    BrowserWindow: class implements KioskWindow {
      webContents = {
        setWindowOpenHandler: () => {},
        on: () => {},
        reload: () => {},
      } as KioskWindow['webContents'];
      constructor(options: Record<string, unknown>) {
        order.push('window');
        windows.push(options);
      }
      loadURL = () => Promise.resolve();
    },
  };
  /** Sends like `ipcRenderer.sendSync` from a frame showing `url`; returns main's answer. */
  const sendSync = (url: string | null, channel: string, ...args: unknown[]): unknown => {
    const event: IpcMainEventLike = { senderFrame: url ? { url } : null, returnValue: undefined };
    listeners.get(channel)?.(event, ...args);
    return event.returnValue;
  };
  return { electron, windows, order, sendSync };
}

async function start(json: object) {
  const f = fakeElectron();
  const lines: string[] = [];
  await runShell(f.electron, ['--config', configFile(json)], {
    preparePreload: () => Promise.resolve('/app/dist/electron/preload.cjs'),
    log: (l) => lines.push(l),
  });
  return { ...f, lines };
}

const channel = ipcContract.settings.channel;

describe('Electron main process', () => {
  it('creates the kiosk window with the preload, sandboxed, isolated and without node', async () => {
    const f = await start({ serverUrl: 'http://c:8080', name: 'x' });
    expect(f.windows).toHaveLength(1);
    expect(f.windows[0]?.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    // The preload asks synchronously as the page loads: the answer must already be registered.
    expect(f.order).toEqual([`ipc ${channel}`, 'window']);
  });

  it('answers the settings channel with the validated display settings of the config', async () => {
    const f = await start({
      serverUrl: 'http://c:8080',
      name: 'x',
      lang: 'en',
      theme: 'high-contrast',
      textScale: 1.5,
      idleSeconds: 120,
      night: null,
      kioskMode: false,
    });
    expect(f.sendSync('http://c:8080/kiosk/', channel)).toEqual({
      lang: 'en',
      theme: 'high-contrast',
      textScale: 1.5,
      idleSeconds: 120,
      night: null,
    });
  });

  it('answers with the defaults for a config that sets none of them', async () => {
    const f = await start({ serverUrl: 'http://c:8080', name: 'x' });
    expect(f.sendSync('http://c:8080/kiosk/#enrol=X', channel)).toEqual({
      lang: 'da',
      theme: 'standard',
      textScale: 1,
      idleSeconds: 90,
      night: { from: '22:00', to: '06:30' },
    });
  });

  it('refuses other origins and malformed requests, with null rather than a hanging renderer', async () => {
    const f = await start({ serverUrl: 'http://c:8080', name: 'x' });
    expect(f.sendSync('http://evil.example/', channel)).toBeNull();
    expect(f.sendSync(null, channel)).toBeNull();
    expect(f.sendSync('http://c:8080/kiosk/', channel, { lang: 'en' })).toBeNull();
    expect(f.lines).toHaveLength(3);
    expect(f.lines[0]).toMatch(/refused a request from http:\/\/evil\.example/);
    expect(f.lines[2]).toMatch(/malformed/);
  });

  it('reports a bad config value by its field name before opening anything', async () => {
    const f = fakeElectron();
    await expect(
      runShell(
        f.electron,
        ['--config', configFile({ serverUrl: 'http://c:8080', name: 'x', lang: 'de' })],
        { preparePreload: () => Promise.resolve('/p.cjs'), log: () => {} },
      ),
    ).rejects.toThrow(/lang/);
    expect(f.windows).toHaveLength(0);
  });

  it('never sends the page an answer that breaks the contract, even its own', () => {
    const f = fakeElectron();
    const lines: string[] = [];
    const bad = { lang: 'de', theme: 'standard', textScale: 1, idleSeconds: 90, night: null };
    registerIpcHandlers(
      f.electron.ipcMain,
      { settings: () => bad as never },
      'http://c:8080',
      (l) => lines.push(l),
    );
    expect(f.sendSync('http://c:8080/kiosk/', channel)).toBeNull();
    expect(lines[0]).toMatch(/own answer is invalid.*lang/s);
  });
});
