import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, displaySettingsOf, kioskUrl, parseKioskConfig } from './config.js';
import { openKioskWindow, type ElectronLike, type KioskWindow } from './window.js';

describe('kiosk configuration', () => {
  it('the shipped example is valid and gets the defaults', () => {
    const config = parseKioskConfig(
      readFileSync('kiosk-config/example.json', 'utf8'),
      'example.json',
    );
    expect(config).toMatchObject({ name: 'Fælles stuen', idleSeconds: 90, theme: 'standard' });
    expect(kioskUrl(config)).toBe('http://127.0.0.1:8080/kiosk/');
    expect(displaySettingsOf(config)).toEqual({
      lang: 'da',
      theme: 'standard',
      textScale: 1,
      idleSeconds: 90,
      night: { from: '22:00', to: '06:30' },
    });
  });

  it('hands the page exactly the display settings, nothing else of the config', () => {
    const config = parseKioskConfig(
      '{"serverUrl":"http://c","name":"x","enrolCode":"A","lang":"en","night":null}',
      'k.json',
    );
    expect(displaySettingsOf(config)).toEqual({
      lang: 'en',
      theme: 'standard',
      textScale: 1,
      idleSeconds: 90,
      night: null,
    });
  });

  it('names the wrong field of a broken file', () => {
    expect(() => parseKioskConfig('{"serverUrl":"not a url","name":"x"}', 'k.json')).toThrow(
      /serverUrl/,
    );
    expect(() => parseKioskConfig('{', 'k.json')).toThrow(ConfigError);
    expect(() =>
      parseKioskConfig('{"serverUrl":"http://a","name":"x","idleSeconds":1}', 'k.json'),
    ).toThrow(/idleSeconds/);
    expect(() =>
      parseKioskConfig('{"serverUrl":"http://a","name":"x","lang":"de"}', 'k.json'),
    ).toThrow(/lang/);
    expect(() =>
      parseKioskConfig('{"serverUrl":"http://a","name":"x","night":{"from":"9pm"}}', 'k.json'),
    ).toThrow(/night\.from: a time of day as HH:mm/);
  });

  it('carries a first-start enrolment code in the page address', () => {
    const config = parseKioskConfig(
      '{"serverUrl":"http://c:8080/","name":"x","enrolCode":"ABCDE-FGHJK"}',
      'k.json',
    );
    expect(kioskUrl(config)).toBe('http://c:8080/kiosk/#enrol=ABCDE-FGHJK');
  });
});

describe('kiosk window', () => {
  function fakeElectron() {
    const created: Record<string, unknown>[] = [];
    const handlers = new Map<string, (...a: never[]) => unknown>();
    let permission: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    let reloads = 0;
    const electron: ElectronLike = {
      BrowserWindow: class implements KioskWindow {
        webContents = {
          setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' | 'allow' }) => {
            openHandler = h;
          },
          on: (event: string, h: (...a: never[]) => unknown) => {
            handlers.set(event, h);
          },
          reload: () => {
            reloads += 1;
          },
        } as KioskWindow['webContents'];
        constructor(options: Record<string, unknown>) {
          created.push(options);
        }
        loadURL = () => Promise.resolve();
      },
      session: { defaultSession: { setPermissionRequestHandler: (h) => (permission = h) } },
    };
    return {
      electron,
      created,
      handlers,
      permission: () => permission,
      openHandler: () => openHandler,
      reloads: () => reloads,
    };
  }

  it('is sandboxed, isolated, without node, and denies permissions, popups and other sites', async () => {
    const f = fakeElectron();
    const config = parseKioskConfig('{"serverUrl":"http://c:8080","name":"x"}', 'k.json');
    await openKioskWindow(f.electron, config, 'http://c:8080/kiosk/', '/preload.js', () => {});
    expect(f.created[0]?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
    });
    let granted: boolean | null = null;
    f.permission()?.(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(f.openHandler()?.({ url: 'http://evil.example' })).toEqual({ action: 'deny' });
    const prevented: string[] = [];
    const nav = f.handlers.get('will-navigate') as (
      e: { preventDefault(): void },
      url: string,
    ) => void;
    nav({ preventDefault: () => prevented.push('outside') }, 'http://evil.example/');
    nav({ preventDefault: () => prevented.push('inside') }, 'http://c:8080/kiosk/other');
    expect(prevented).toEqual(['outside']);
  });

  it('reloads the page when the renderer crashes', async () => {
    const f = fakeElectron();
    const config = parseKioskConfig('{"serverUrl":"http://c:8080","name":"x"}', 'k.json');
    const lines: string[] = [];
    await openKioskWindow(f.electron, config, 'http://c:8080/kiosk/', '/p.js', (l) =>
      lines.push(l),
    );
    (f.handlers.get('render-process-gone') as (e: unknown, d: { reason: string }) => void)(null, {
      reason: 'crashed',
    });
    expect(f.reloads()).toBe(1);
    expect(lines[0]).toMatch(/crashed/);
  });
});
