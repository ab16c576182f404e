import { describe, expect, it } from 'vitest';
import { parseKioskConfig } from './config.js';
import { fakeElectron } from './testing/fake-electron.js';
import { KIOSK_PAGE } from './scheme/kiosk-scheme.js';
import { openKioskWindow, windowOptions } from './window.js';

const config = (json: object) =>
  parseKioskConfig(JSON.stringify({ serverUrl: 'https://c:8080', name: 'x', ...json }), 'k.json');

describe('kiosk window', () => {
  it('is sandboxed, isolated, without node anywhere, without webviews, insecure content or drops', () => {
    expect(windowOptions(config({}), '/p.cjs').webPreferences).toEqual({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      devTools: false,
      spellcheck: false,
    });
  });

  it('is a full-screen kiosk with devtools off, unless the config says development', () => {
    expect(windowOptions(config({}), '/p')).toMatchObject({ kiosk: true, fullscreen: true });
    const dev = windowOptions(config({ kioskMode: false }), '/p');
    expect(dev).toMatchObject({ kiosk: false, fullscreen: false });
    expect(dev.webPreferences).toMatchObject({ devTools: true, sandbox: true });
  });

  it('loads the packaged page, never a file:// or server address', () => {
    // Never with an enrolment code: main exchanges it (main.test: "never puts it in the page
    // address").
    expect(KIOSK_PAGE).toBe('app://kiosk/');
  });

  it('has no menu bar of its own', async () => {
    const f = fakeElectron();
    await openKioskWindow(f.electron, config({}), 'app://kiosk/', '/p.cjs', () => {});
    expect(f.windows[0]?.win.menuRemoved).toBe(true);
    expect(f.windows[0]?.win.loaded).toEqual(['app://kiosk/']);
  });

  it('leaves a crashed renderer to healing (a back-off reload, life.test.ts), no instant reload', async () => {
    const f = fakeElectron();
    await openKioskWindow(f.electron, config({}), 'app://kiosk/', '/p.cjs', () => {});
    f.windows[0]!.win.webContents.emit('render-process-gone', null, { reason: 'crashed' });
    expect(f.windows[0]?.win.webContents.reloads).toBe(0);
  });
});
