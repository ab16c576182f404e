import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fakeTimers } from '../test-support/fake-timers.js';
import { STAFF_EXIT_CANCEL_CHANNEL, STAFF_EXIT_PIN_CHANNEL } from './staff-exit-preload.js';
import { staffExitHtml } from './staff-exit-page.js';
import { createStaffExit, type ExitWindow } from './staff-exit.js';
import { createPinGate, hashPin, verifyPin } from './staff-pin.js';

const PIN_HASH = hashPin('4711');

function setup(pinHash: string | null = PIN_HASH) {
  const t = fakeTimers();
  const windows: FakeExitWindow[] = [];
  const handlers = new Map<string, (event: { sender?: unknown }, ...a: unknown[]) => unknown>();
  let quits = 0;
  class FakeExitWindow implements ExitWindow {
    webContents = {};
    loaded: string[] = [];
    closed = false;
    onClosed: (() => void) | null = null;
    constructor(public options: Record<string, unknown>) {
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    close() {
      this.closed = true;
      this.onClosed?.();
    }
    isDestroyed() {
      return this.closed;
    }
    on(_e: 'closed', l: () => void) {
      this.onClosed = l;
    }
  }
  const exit = createStaffExit({
    BrowserWindow: FakeExitWindow,
    ipcMain: {
      handle: (c, l) => handlers.set(c, l),
      on: (c, l) => handlers.set(c, l),
    },
    parent: 'kiosk window',
    preload: '/app/staff-exit-preload.cjs',
    pinHash: pinHash ?? undefined,
    lang: 'da',
    timers: t.timers,
    quit: () => (quits += 1),
    log: () => {},
  });
  const send = (pin: string, sender: unknown = windows.at(-1)?.webContents) =>
    handlers.get(STAFF_EXIT_PIN_CHANNEL)?.({ sender }, pin) as Promise<string> | undefined;
  return { t, exit, windows, handlers, send, quits: () => quits };
}

describe('staff PIN', () => {
  it('is kept as a salted scrypt hash and checked against it', () => {
    expect(PIN_HASH).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(PIN_HASH).not.toContain('4711');
    expect(hashPin('4711')).not.toBe(PIN_HASH);
    expect(verifyPin('4711', PIN_HASH)).toBe(true);
    expect(verifyPin('4712', PIN_HASH)).toBe(false);
    for (const bad of ['', '12', 'abcd', '4711 ', '123456789'])
      expect(verifyPin(bad, PIN_HASH)).toBe(false);
    expect(verifyPin('4711', 'plain:4711')).toBe(false);
    expect(() => hashPin('12')).toThrow(/4 to 8 digits/);
  });

  it('locks for five minutes after five wrong PINs, the right one included', () => {
    const t = fakeTimers();
    const gate = createPinGate(PIN_HASH, () => t.timers.now());
    for (let i = 0; i < 4; i += 1) expect(gate.check('0000')).toBe('wrong');
    expect(gate.check('0000')).toBe('locked');
    expect(gate.check('4711')).toBe('locked');
    t.advance(5 * 60_000);
    expect(gate.check('4711')).toBe('ok');
  });
});

describe('staff exit', () => {
  it('a long press opens one sandboxed PIN window over the wall; the right PIN quits', async () => {
    const f = setup();
    f.exit.open();
    f.exit.open();
    expect(f.windows).toHaveLength(1);
    expect(f.windows[0]?.options).toMatchObject({
      parent: 'kiosk window',
      modal: true,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        devTools: false,
      },
    });
    expect(f.windows[0]?.loaded[0]).toMatch(/^data:text\/html/);
    expect(await f.send('1234')).toBe('wrong');
    expect(f.quits()).toBe(0);
    expect(await f.send('4711')).toBe('ok');
    expect(f.quits()).toBe(1);
    expect(f.windows[0]?.closed).toBe(true);
  });

  it('refuses a PIN sent by any other page, and has no exit without a staffPinHash', async () => {
    const f = setup();
    f.exit.open();
    expect(await f.send('4711', { other: 'contents' })).toBe('wrong');
    expect(f.quits()).toBe(0);
    const none = setup(null);
    none.exit.open();
    expect(none.windows).toHaveLength(0);
    expect(await none.send('4711', {})).toBe('wrong');
  });

  it('closes by itself after a minute untouched, and on Tilbage', () => {
    const f = setup();
    f.exit.open();
    f.t.advance(60_000);
    expect(f.windows[0]?.closed).toBe(true);
    expect(f.exit.isOpen()).toBe(false);
    f.exit.open();
    f.handlers.get(STAFF_EXIT_CANCEL_CHANNEL)?.({ sender: f.windows[1]?.webContents });
    expect(f.windows[1]?.closed).toBe(true);
  });

  it('its page runs only its own hashed script and its preload needs only electron', () => {
    const html = staffExitHtml('da');
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    const scriptSrc = /script-src ([^;"]+)/.exec(html)?.[1] ?? '';
    expect(scriptSrc).not.toMatch(/unsafe|\*/);
    expect(html).toContain('Personale: luk skærmen');
    // A sandboxed preload can load nothing but electron: it imports nothing (compiling it here
    // would load TypeScript, seconds per test file; build-preload.ts checks the output anyway).
    const source = readFileSync(new URL('./staff-exit-preload.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import (?!type )/m);
    expect([...source.matchAll(/require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1])).toEqual([
      'electron',
    ]);
  });
});
