import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipcContract } from './ipc-contract.js';
import { registerIpcHandlers } from './ipc-main.js';
import { bootElectron, runShell, startShell } from './main.js';
import { fakeElectron } from './testing/fake-electron.js';

function configFile(json: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kiosk-')), 'kiosk.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

/** A built shell folder: dist/electron (the shell) beside dist/ui/kiosk (the page). */
function builtDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'kiosk-dist-'));
  mkdirSync(join(dist, 'electron'));
  mkdirSync(join(dist, 'ui', 'kiosk'), { recursive: true });
  writeFileSync(
    join(dist, 'ui', 'kiosk', 'index.html'),
    '<!doctype html><title>Borgerguide</title>',
  );
  return join(dist, 'electron');
}

async function start(json: object, fake = fakeElectron()) {
  const lines: string[] = [];
  const shellDir = builtDist();
  const win = await runShell(fake.electron, ['--config', configFile(json)], {
    shellDir,
    log: (l) => lines.push(l),
  });
  return { ...fake, lines, win, shellDir };
}

const settings = ipcContract.settings.channel;
const server = ipcContract.server.channel;
const page = 'app://kiosk/';

describe('Electron main process', () => {
  it('opens the packaged page, app://kiosk/, sandboxed, isolated, without node, with the built preload', async () => {
    const f = await start({ serverUrl: 'https://c:8080', name: 'x' });
    expect(f.windows).toHaveLength(1);
    expect(f.windows[0]?.options.webPreferences).toMatchObject({
      preload: join(f.shellDir, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(f.windows[0]?.win.loaded).toEqual([page]);
  });

  it('sets up in the order Electron needs: scheme before ready, every rule and answer before the window', async () => {
    const f = await start({ serverUrl: 'https://c:8080', name: 'x' });
    const at = (step: string) => f.order.indexOf(step);
    expect(at('privileged scheme')).toBeGreaterThanOrEqual(0);
    expect(at('privileged scheme')).toBeLessThan(at('ready'));
    for (const step of [
      'menu',
      'app.on web-contents-created',
      'permission request handler',
      'permission check handler',
      'request allow-list',
      'handle app',
      `ipc ${settings}`,
      `ipc ${server}`,
    ]) {
      expect(at(step), step).toBeGreaterThan(at('ready'));
      expect(at(step), step).toBeLessThan(at('window'));
    }
  });

  it('guards the kiosk window itself: it cannot be navigated or redirected away', async () => {
    const f = await start({ serverUrl: 'https://c:8080', name: 'x' });
    const contents = f.windows[0]!.win.webContents;
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://c:8080/kiosk/')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://kiosk/#home')).toBe(false);
    expect(f.windows[0]?.win.menuRemoved).toBe(true);
    expect(f.menu()).toBeNull();
  });

  it('cannot be closed, zoomed or left by a shortcut in kiosk mode; quitting (the staff exit) closes it', async () => {
    const f = await start({ serverUrl: 'https://c:8080', name: 'x' });
    const win = f.windows[0]!.win;
    expect(win.askClose()).toBe(true);
    expect(win.webContents.zoomLimits).toEqual([1, 1]);
    let kept = false;
    win.webContents.emit(
      'before-input-event',
      { preventDefault: () => (kept = true) },
      {
        type: 'keyDown',
        key: 'r',
        control: true,
      },
    );
    expect(kept).toBe(true);
    for (const l of f.appListeners.get('before-quit') ?? []) l();
    expect(win.askClose()).toBe(false);
    // A developer's window (kioskMode false) is not locked.
    const dev = await start({ serverUrl: 'https://c:8080', name: 'x', kioskMode: false });
    expect(dev.windows[0]!.win.askClose()).toBe(false);
  });

  it('lets the page’s renderer reach the configured server and nothing else', async () => {
    const f = await start({ serverUrl: 'https://guide.example.dk', name: 'x' });
    expect(f.request({ url: 'wss://guide.example.dk/socket.io/', webContentsId: 1 })).toBe(true);
    expect(f.request({ url: 'app://kiosk/kiosk/assets/a.js', webContentsId: 1 })).toBe(true);
    expect(f.request({ url: 'https://evil.example/pixel.gif', webContentsId: 1 })).toBe(false);
  });

  it('shows a wrong config full screen, naming the field and the fix, and reaches no server', async () => {
    const f = fakeElectron();
    const lines: string[] = [];
    const file = configFile({ serverUrl: 'http://10.0.0.5:8080', name: 'x', lang: 'de' });
    const win = await startShell(f.electron, ['--config', file], {
      shellDir: builtDist(),
      log: (l) => lines.push(l),
    });
    expect(win).not.toBeNull();
    expect(f.windows).toHaveLength(1);
    const html = decodeURIComponent(f.windows[0]!.win.loaded[0]!);
    expect(html).toMatch(/^data:text\/html/);
    expect(html).toContain('Ret feltet <code>lang</code> i filen.');
    expect(f.schemes).toHaveLength(0);
    expect(f.menu()).toBeNull();
    expect(f.request({ url: 'http://10.0.0.5:8080/', webContentsId: 1 })).toBe(false);
    expect(lines[0]).toMatch(/lang/);
    // A right one starts the kiosk as runShell does.
    const ok = fakeElectron();
    await startShell(ok.electron, ['--config', configFile({ serverUrl: 'https://c', name: 'x' })], {
      shellDir: builtDist(),
      log: () => {},
    });
    expect(ok.windows[0]?.win.loaded[0]).toMatch(/^app:\/\/kiosk\//);
  });

  it('serves the page from the package with its CSP naming only the configured server', async () => {
    const f = await start({ serverUrl: 'https://guide.example.dk', name: 'x' });
    const handler = f.handlers.get('app')!;
    const res = await handler(new Request(page));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Borgerguide');
    expect(res.headers.get('content-security-policy')).toContain(
      "connect-src 'self' wss://guide.example.dk;",
    );
    const media = await handler(new Request('app://kiosk/media/abc'));
    expect(await media.text()).toBe('from the server');
    expect(f.fetched.map((r) => r.url)).toEqual(['https://guide.example.dk/media/abc']);
  });

  it('exchanges a first-start enrolment code itself and never puts it in the page address', async () => {
    // shell-life: before, the page got #enrol=CODE at every start, so a restart re-sent a used
    // code ("Koden er allerede brugt") and waited for a person.
    const f = await start({ serverUrl: 'https://c', name: 'x', enrolCode: 'ABCDE-FGHJK' });
    expect(f.fetched.map((r) => r.url)).toEqual(['https://c/api/devices/enrol']);
    expect(f.windows[0]?.win.loaded).toEqual(['app://kiosk/']);
  });

  it('answers the settings channel with the validated display settings of the config', async () => {
    const f = await start({
      serverUrl: 'https://c:8080',
      name: 'x',
      lang: 'en',
      theme: 'high-contrast',
      textScale: 1.5,
      idleSeconds: 120,
      night: null,
      kioskMode: false,
    });
    expect(f.sendSync(page, settings)).toEqual({
      lang: 'en',
      theme: 'high-contrast',
      textScale: 1.5,
      idleSeconds: 120,
      night: null,
    });
  });

  it('answers with the defaults for a config that sets none of them, and the server origin', async () => {
    const f = await start({ serverUrl: 'https://c:8080/some/path', name: 'x' });
    expect(f.sendSync('app://kiosk/#enrol=X', settings)).toEqual({
      lang: 'da',
      theme: 'standard',
      textScale: 1,
      idleSeconds: 90,
      night: { from: '22:00', to: '06:30' },
    });
    expect(f.sendSync(page, server)).toBe('https://c:8080');
  });

  it('refuses other origins and malformed requests, with null rather than a hanging renderer', async () => {
    const f = await start({ serverUrl: 'https://c:8080', name: 'x' });
    // The server's own page is not the kiosk's: only the packaged page may ask.
    expect(f.sendSync('https://c:8080/kiosk/', settings)).toBeNull();
    expect(f.sendSync('https://evil.example/', server)).toBeNull();
    expect(f.sendSync(null, settings)).toBeNull();
    expect(f.sendSync('app://other/', settings)).toBeNull();
    expect(f.sendSync(page, settings, { lang: 'en' })).toBeNull();
    const ipcLines = f.lines.filter((l) => l.startsWith('ipc '));
    expect(ipcLines).toHaveLength(5);
    expect(ipcLines[1]).toMatch(/refused a request from https:\/\/evil\.example/);
    expect(ipcLines[4]).toMatch(/malformed/);
  });

  it('reports a bad config value by its field name before opening anything', async () => {
    const f = fakeElectron();
    await expect(
      runShell(
        f.electron,
        ['--config', configFile({ serverUrl: 'https://c:8080', name: 'x', lang: 'de' })],
        { shellDir: builtDist(), log: () => {} },
      ),
    ).rejects.toThrow(/lang/);
    expect(f.windows).toHaveLength(0);
  });

  it('refuses a plain-http server on another machine, naming the field and the fix', async () => {
    const f = fakeElectron();
    await expect(
      runShell(f.electron, ['--config', configFile({ serverUrl: 'http://c:8080', name: 'x' })], {
        shellDir: builtDist(),
        log: () => {},
      }),
    ).rejects.toThrow(/serverUrl: c:8080 is another machine.*https:\/\//);
    expect(f.windows).toHaveLength(0);
    expect(f.schemes).toHaveLength(0);
    // On this PC itself plain http is fine.
    const local = await start({ serverUrl: 'http://127.0.0.1:8080', name: 'x' });
    expect(local.windows).toHaveLength(1);
  });

  it('stops at once when another shell runs, and a second start brings the window forward', async () => {
    const second = await start(
      { serverUrl: 'https://c', name: 'x' },
      fakeElectron({ locked: true }),
    );
    expect(second.win).toBeNull();
    expect(second.windows).toHaveLength(0);
    expect(second.quits()).toBe(1);
    expect(second.lines[0]).toMatch(/already running/);

    const first = await start({ serverUrl: 'https://c', name: 'x' });
    for (const l of first.appListeners.get('second-instance') ?? []) l();
    expect(first.windows[0]?.win.focused).toBe(1);
  });

  it('boots in Electron without awaiting ready at the top level (that would never end)', async () => {
    // Electron emits `ready` only after the entry module has finished evaluating.
    const f = fakeElectron();
    let entryDone = false;
    let becomeReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => (becomeReady = resolve));
    const app = f.electron.app as { whenReady: () => Promise<void> };
    const realWhenReady = app.whenReady;
    app.whenReady = () => ready.then(realWhenReady);
    const file = configFile({ serverUrl: 'https://c', name: 'x' });
    await bootElectron(
      () => Promise.resolve(f.electron),
      ['--config', file],
      () => {},
    );
    entryDone = true;
    // The scheme was registered while the entry ran, before ready.
    expect(f.schemes).toHaveLength(1);
    expect(f.windows).toHaveLength(0);
    becomeReady();
    await expect.poll(() => f.windows.length).toBe(1);
    expect(entryDone).toBe(true);
  });

  it('never sends the page an answer that breaks the contract, even its own', () => {
    const f = fakeElectron();
    const lines: string[] = [];
    const bad = { lang: 'de', theme: 'standard', textScale: 1, idleSeconds: 90, night: null };
    registerIpcHandlers(
      f.electron.ipcMain,
      {
        settings: () => bad as never,
        server: () => 'ftp://x',
        token: () => null,
        enrol: () => Promise.resolve({ ok: false, error: 'x', message: '' }),
        heartbeat: () => null,
        staffExit: () => null,
        health: () => null,
        unauthorized: () => null,
      },
      'app://kiosk',
      (l) => lines.push(l),
    );
    expect(f.sendSync(page, settings)).toBeNull();
    expect(f.sendSync(page, server)).toBeNull();
    expect(lines[0]).toMatch(/own answer is invalid.*lang/s);
  });
});
