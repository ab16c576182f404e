import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKioskConfig } from '../config.js';
import { ipcContract } from '../ipc-contract.js';
import { runShell } from '../main.js';
import { hashPin } from '../kiosk/staff-pin.js';
import { FakeContents, fakeElectron } from '../testing/fake-electron.js';
import { fakeTimers } from '../test-support/fake-timers.js';
import { attachLife, REVOCATION_EVERY_MS, type Life, type LifeElectron } from './life.js';

const TOKEN = 'u-Mw5RabcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
const page = 'app://kiosk/';

function builtDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'kiosk-dist-'));
  mkdirSync(join(dist, 'electron'));
  mkdirSync(join(dist, 'ui', 'kiosk'), { recursive: true });
  writeFileSync(join(dist, 'ui', 'kiosk', 'index.html'), '<!doctype html><title>x</title>');
  return join(dist, 'electron');
}

/** One start of the shell on the fake Electron, its server answering `answer` for every call. */
async function boot(
  json: object,
  fake = fakeElectron(),
  answer = () => new Response('{}', { status: 200 }),
) {
  const file = join(mkdtempSync(join(tmpdir(), 'kiosk-')), 'kiosk.json');
  writeFileSync(file, JSON.stringify(json));
  const calls: string[] = [];
  (fake.electron.net as { fetch: unknown }).fetch = (url: string) => {
    calls.push(url);
    return Promise.resolve(answer());
  };
  const lines: string[] = [];
  const win = await runShell(fake.electron, ['--config', file], {
    shellDir: builtDist(),
    log: (l) => lines.push(l),
  });
  return { ...fake, win, calls, lines, file };
}

describe('kiosk start through main (shell-life wired in)', () => {
  it('a restart with a stored token opens the wall with no touch and hands the page the token', async () => {
    const fake = fakeElectron();
    writeFileSync(join(fake.userData, 'kiosk-token'), TOKEN, { mode: 0o600 });
    const f = await boot({ serverUrl: 'https://c', name: 'x', enrolCode: 'USED0-CODE0' }, fake);
    expect(f.calls).toEqual(['https://c/api/devices/cookie']); // the used code is never sent
    expect(f.windows[0]?.win.loaded).toEqual([page]);
    expect(f.sendSync(page, ipcContract.token.channel)).toBe(TOKEN);
    expect(f.sendSync('https://evil.example/', ipcContract.token.channel)).toBeNull();
  });

  it('a revoked kiosk opens the calm "removed" screen instead of the page', async () => {
    const fake = fakeElectron();
    writeFileSync(join(fake.userData, 'kiosk-token'), TOKEN, { mode: 0o600 });
    const f = await boot(
      { serverUrl: 'https://c', name: 'x' },
      fake,
      () => new Response('{"error":"unauthorized"}', { status: 401 }),
    );
    const url = f.windows[0]?.win.loaded[0] ?? '';
    expect(url).toMatch(/^data:text\/html/);
    expect(decodeURIComponent(url)).toContain('Denne skærm er fjernet');
  });

  it('a code typed into the page form is exchanged by the shell and the token kept, not given to the page to store', async () => {
    const f = await boot(
      { serverUrl: 'https://c', name: 'Stuen' },
      fakeElectron(),
      () =>
        new Response(JSON.stringify({ token: TOKEN, deviceId: 'd1', name: 'Stuen' }), {
          status: 200,
        }),
    );
    expect(f.sendSync(page, ipcContract.token.channel)).toBeNull();
    const answer = await f.invoke(page, ipcContract.enrol.channel, 'ABCDE-FGHJK');
    expect(answer).toEqual({ ok: true, token: TOKEN, deviceId: 'd1', name: 'Stuen' });
    expect(f.sendSync(page, ipcContract.token.channel)).toBe(TOKEN);
    expect(await f.invoke('https://evil.example/', ipcContract.enrol.channel, 'X')).toBeNull();
    expect(await f.invoke(page, ipcContract.enrol.channel, '')).toBeNull();
  });

  it('the long press opens the staff exit only with a staffPinHash in the config', async () => {
    const withPin = await boot({
      serverUrl: 'https://c',
      name: 'x',
      staffPinHash: hashPin('4711'),
    });
    withPin.sendSync(page, ipcContract.staffExit.channel);
    expect(withPin.windows).toHaveLength(2);
    expect(withPin.windows[1]?.options).toMatchObject({
      modal: true,
      webPreferences: { sandbox: true },
    });
    const without = await boot({ serverUrl: 'https://c', name: 'x' });
    without.sendSync(page, ipcContract.staffExit.channel);
    expect(without.windows).toHaveLength(1);
  });

  it('the page saying its socket was refused shows "removed" at once, and only for the kiosk page', async () => {
    const fake = fakeElectron();
    writeFileSync(join(fake.userData, 'kiosk-token'), TOKEN, { mode: 0o600 });
    let status = 200;
    const f = await boot(
      { serverUrl: 'https://c', name: 'x' },
      fake,
      () => new Response('{}', { status }),
    );
    expect(f.windows[0]?.win.loaded).toEqual([page]);
    status = 401; // staff removed the kiosk; the server closed its socket
    expect(f.sendSync('https://evil.example/', ipcContract.unauthorized.channel)).toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(f.windows[0]?.win.loaded).toEqual([page]);
    f.sendSync(page, ipcContract.unauthorized.channel);
    await expect.poll(() => f.windows[0]?.win.loaded.length).toBe(2);
    expect(decodeURIComponent(f.windows[0]?.win.loaded[1] ?? '')).toContain(
      'Denne skærm er fjernet',
    );
    expect(f.sendSync(page, ipcContract.health.channel)).toMatchObject({ screen: 'removed' });
  });

  it('refuses a PIN hash that is a PIN', () => {
    expect(() =>
      parseKioskConfig('{"serverUrl":"https://c","name":"x","staffPinHash":"4711"}', 'k.json'),
    ).toThrow(/staffPinHash: the hash printed by/);
  });
});

describe('healing on the kiosk window', () => {
  function attach(server: () => Response = () => new Response('ok')) {
    const t = fakeTimers();
    const contents = new FakeContents();
    const loaded: string[] = [];
    const win = {
      webContents: contents,
      loadURL: (u: string) => {
        loaded.push(u);
        return Promise.resolve();
      },
      close: () => {},
      isDestroyed: () => false,
      on: () => {},
    };
    const config = parseKioskConfig('{"serverUrl":"https://c","name":"x","night":null}', 'k.json');
    const life = {
      decision: { kind: 'wall', token: TOKEN, checked: 'server' },
      firstUrl: null,
      token: () => TOKEN,
    } as unknown as Life;
    const electron = {
      ...(fakeElectron().electron as unknown as LifeElectron),
      BrowserWindow: class {},
      ipcMain: { handle: () => {}, on: () => {} },
    } as never;
    const attached = attachLife({
      electron,
      win,
      life,
      config,
      pageUrl: page,
      shellDir: '/x',
      argv: [],
      timers: t.timers,
      fetch: () => Promise.resolve(server()),
      log: () => {},
    });
    return { t, contents, loaded, attached };
  }

  it('a crashed renderer gets the page back after a second, and its crash is in the health snapshot', () => {
    const f = attach();
    f.contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(f.loaded).toEqual([]);
    f.t.advance(1_000);
    expect(f.loaded).toEqual([page]);
    expect(f.attached.snapshot()).toMatchObject({
      version: '1.2.3',
      lastCrash: { reason: 'crashed' },
      screen: 'wall',
    });
  });

  it('a page that stops beating after it loaded is crashed on purpose, then reloaded', () => {
    const f = attach();
    let killed = 0;
    (f.contents as unknown as { forcefullyCrashRenderer(): void }).forcefullyCrashRenderer = () => {
      killed += 1;
      f.contents.emit('render-process-gone', {}, { reason: 'killed' });
    };
    f.contents.emit('did-finish-load');
    for (let i = 0; i < 10; i += 1) {
      f.t.advance(10_000);
      f.attached.heartbeat();
    }
    expect(killed).toBe(0);
    f.t.advance(60_000);
    expect(killed).toBe(1);
    f.t.advance(1_000);
    expect(f.loaded).toEqual([page]);
  });

  it('a crash loop rests on the calm error screen, reported as crash-loop', () => {
    const f = attach();
    for (let i = 0; i < 4; i += 1) {
      f.contents.emit('render-process-gone', {}, { reason: 'oom' });
      f.t.advance(30_000);
    }
    expect(decodeURIComponent(f.loaded.at(-1) ?? '')).toContain('Skærmen hviler lidt');
    expect(f.attached.snapshot().screen).toBe('crash-loop');
  });

  it('a kiosk removed by staff while it runs gets the calm "removed" screen, once', async () => {
    let status = 200;
    const f = attach(() => new Response('{}', { status }));
    f.t.advance(REVOCATION_EVERY_MS);
    await new Promise((r) => setImmediate(r));
    expect(f.loaded).toEqual([]);
    status = 401;
    f.t.advance(REVOCATION_EVERY_MS);
    await new Promise((r) => setImmediate(r));
    expect(f.loaded).toHaveLength(1);
    expect(decodeURIComponent(f.loaded[0] ?? '')).toContain('Denne skærm er fjernet');
    expect(f.attached.snapshot().screen).toBe('removed');
    f.t.advance(10 * REVOCATION_EVERY_MS);
    await new Promise((r) => setImmediate(r));
    expect(f.loaded).toHaveLength(1);
  });

  it('checks at once when the page says the server refused its token: "removed" only if the server says so', async () => {
    let status = 200;
    let asked = 0;
    const f = attach(() => {
      asked += 1;
      return new Response('{}', { status });
    });
    // Refused for another reason (the server still knows the token): the wall stays.
    f.attached.unauthorized();
    await new Promise((r) => setImmediate(r));
    expect(asked).toBe(1);
    expect(f.loaded).toEqual([]);
    status = 401;
    // Told twice while the first check runs: one question to the server.
    f.attached.unauthorized();
    f.attached.unauthorized();
    await new Promise((r) => setImmediate(r));
    expect(asked).toBe(2);
    expect(f.loaded).toHaveLength(1);
    expect(decodeURIComponent(f.loaded[0] ?? '')).toContain('Denne skærm er fjernet');
    expect(f.attached.snapshot().screen).toBe('removed');
    // Removed: neither the page nor the 15-minute check load it again.
    f.attached.unauthorized();
    f.t.advance(2 * REVOCATION_EVERY_MS);
    await new Promise((r) => setImmediate(r));
    expect(f.loaded).toHaveLength(1);
  });
});
