import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { DisplaySettings } from '../src/ui/kiosk/settings.js';
import { displaySettingsOf, parseKioskConfig } from './config.js';
import { buildPreload, compilePreload } from './build-preload.js';
import { apiKey, ipcContract, type KioskDisplaySettings } from './ipc-contract.js';
import { exposeKioskApi, type PreloadElectron } from './preload.js';

const config = parseKioskConfig(
  JSON.stringify({
    serverUrl: 'http://c:8080',
    name: 'x',
    lang: 'en',
    theme: 'high-contrast',
    textScale: 1.25,
    idleSeconds: 60,
    night: { from: '21:30', to: '07:00' },
  }),
  'k.json',
);

/** Electron's renderer API, mocked: `sendSync` answers like main does, channel by channel. */
function fakeRenderer(answer: unknown, server: unknown = 'https://c:8080') {
  const exposed = new Map<string, unknown>();
  const answers: Record<string, unknown> = {
    [ipcContract.settings.channel]: answer,
    [ipcContract.server.channel]: server,
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)),
    },
    ipcRenderer: {
      sendSync: vi.fn((channel: string, ..._args: unknown[]) => answers[channel]),
      invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve(null as unknown)),
      send: vi.fn((_channel: string) => {}),
    },
  } satisfies PreloadElectron;
  return { electron, exposed };
}

describe('kiosk preload', () => {
  it('exposes exactly citizenGuide.settings, .server, .token and .enrol, asked on the contract channels', async () => {
    const f = fakeRenderer(displaySettingsOf(config));
    exposeKioskApi(f.electron);
    expect(f.electron.ipcRenderer.sendSync.mock.calls).toEqual([
      [ipcContract.settings.channel],
      [ipcContract.server.channel],
      [ipcContract.token.channel],
    ]);
    expect([...f.exposed.keys()]).toEqual(['citizenGuide']);
    const api = f.exposed.get('citizenGuide');
    expect(Object.keys(api as object)).toEqual([
      'settings',
      'server',
      'token',
      'enrol',
      'health',
      'unauthorized',
    ]);
    // A code typed into the page's form goes to main (which keeps the token), never the network.
    await (api as { enrol(code: string): Promise<unknown> }).enrol('ABCDE-FGHJK');
    expect(f.electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(
      ipcContract.enrol.channel,
      'ABCDE-FGHJK',
    );
    // The engine's word that the server refused the token goes to main on its own channel.
    (api as { unauthorized(): void }).unauthorized();
    expect(f.electron.ipcRenderer.send).toHaveBeenCalledExactlyOnceWith(
      ipcContract.unauthorized.channel,
    );
    expect(api).toEqual({
      token: null,
      enrol: expect.any(Function) as unknown,
      health: expect.any(Function) as unknown,
      unauthorized: expect.any(Function) as unknown,
      server: 'https://c:8080',
      settings: {
        lang: 'en',
        theme: 'high-contrast',
        textScale: 1.25,
        idleSeconds: 60,
        night: { from: '21:30', to: '07:00' },
      },
    });
  });

  it('exposes nothing when main gives no settings or no server, so the page uses its address', () => {
    const f = fakeRenderer(null);
    expect(exposeKioskApi(f.electron)).toBeNull();
    expect(f.electron.contextBridge.exposeInMainWorld).not.toHaveBeenCalled();
    const g = fakeRenderer(displaySettingsOf(config), null);
    expect(exposeKioskApi(g.electron)).toBeNull();
    expect(g.electron.contextBridge.exposeInMainWorld).not.toHaveBeenCalled();
  });

  it('compiles to one CommonJS file that needs only electron and runs in a sandbox', async () => {
    const text = await compilePreload();
    const required = [...text.matchAll(/require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    const f = fakeRenderer(displaySettingsOf(config));
    const module = { exports: {} };
    // What Electron's sandboxed preload gets: a require that knows `electron`, a small process.
    runInNewContext(text, {
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`cannot require ${id} in a sandbox`);
        return f.electron;
      },
      process: { type: 'renderer' },
      module,
      exports: module.exports,
    });
    expect([...f.exposed.keys()]).toEqual([apiKey]);
    expect(f.exposed.get(apiKey)).toEqual({
      settings: displaySettingsOf(config),
      server: 'https://c:8080',
      token: null,
      enrol: expect.any(Function) as unknown,
      health: expect.any(Function) as unknown,
      unauthorized: expect.any(Function) as unknown,
    });
  });

  it('writes the compiled preload where the window can load it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'preload-')), 'preload.cjs');
    expect(await buildPreload(out)).toBe(out);
    expect(readFileSync(out, 'utf8')).toContain('exposeInMainWorld');
  });

  it('hands the page the same shape it reads', () => {
    expectTypeOf<KioskDisplaySettings>().toEqualTypeOf<DisplaySettings>();
  });
});
