import { describe, expect, it } from 'vitest';
import { isEscapeKey, lockKioskWindow, type KeyInput } from './no-way-out.js';

type Listener = (...args: never[]) => void;

function fakes() {
  const app = new Map<string, Listener[]>();
  const win = new Map<string, Listener[]>();
  const contents = new Map<string, Listener[]>();
  const add = (m: Map<string, Listener[]>) => (event: string, l: Listener) =>
    m.set(event, [...(m.get(event) ?? []), l]);
  const zoom: number[][] = [];
  const lines: string[] = [];
  const window = {
    on: add(win),
    webContents: {
      on: add(contents),
      setVisualZoomLevelLimits: (min: number, max: number) => zoom.push([min, max]),
    },
  };
  /** Emits a close (as Alt+F4 or the window manager does); true when it was refused. */
  const close = (): boolean => {
    let refused = false;
    for (const l of win.get('close') ?? [])
      (l as (e: { preventDefault(): void }) => void)({ preventDefault: () => (refused = true) });
    return refused;
  };
  /** A key press; true when the page does not get it. */
  const press = (input: Partial<KeyInput> & { key: string }): boolean => {
    let kept = false;
    for (const l of contents.get('before-input-event') ?? [])
      (l as (e: { preventDefault(): void }, i: KeyInput) => void)(
        { preventDefault: () => (kept = true) },
        { type: 'keyDown', ...input },
      );
    return kept;
  };
  const quit = () => {
    for (const l of app.get('before-quit') ?? []) l();
  };
  return { app: { on: add(app) }, window, close, press, quit, zoom, lines };
}

describe('the kiosk window in kiosk mode', () => {
  it('refuses a close that is not the staff exit quitting the app, and lets that one through', () => {
    const f = fakes();
    lockKioskWindow(f.app, f.window, { kioskMode: true, log: (l) => f.lines.push(l) });
    expect(f.close()).toBe(true);
    expect(f.lines).toEqual(['kiosk window: a close outside the staff exit was refused']);
    f.quit();
    expect(f.close()).toBe(false);
  });

  it('keeps shortcuts and function keys from the page, not the letters of a code or a PIN', () => {
    const f = fakes();
    lockKioskWindow(f.app, f.window, { kioskMode: true, log: () => {} });
    for (const key of [
      { key: 'F4', alt: true },
      { key: 'r', control: true },
      { key: 'w', control: true },
      { key: '+', control: true },
      { key: 'ArrowLeft', alt: true },
      { key: 'I', control: true },
      { key: 'q', meta: true },
      { key: 'F5' },
      { key: 'F11' },
      { key: 'F12' },
      { key: 'BrowserBack' },
    ])
      expect(f.press(key), JSON.stringify(key)).toBe(true);
    for (const key of ['A', 'k', '7', '-', 'Backspace', 'Enter', 'Tab', 'Escape'])
      expect(f.press({ key }), key).toBe(false);
  });

  it('turns pinch zoom off', () => {
    const f = fakes();
    lockKioskWindow(f.app, f.window, { kioskMode: true, log: () => {} });
    expect(f.zoom).toEqual([[1, 1]]);
  });
});

describe('a developer window (kioskMode false)', () => {
  it('is not locked', () => {
    const f = fakes();
    lockKioskWindow(f.app, f.window, { kioskMode: false, log: () => {} });
    expect(f.close()).toBe(false);
    expect(f.press({ key: 'r', control: true })).toBe(false);
    expect(f.zoom).toEqual([]);
  });
});

describe('isEscapeKey', () => {
  it('is true for F1-F24 and false for a key merely starting with F', () => {
    expect(isEscapeKey({ type: 'keyDown', key: 'F1' })).toBe(true);
    expect(isEscapeKey({ type: 'keyDown', key: 'F24' })).toBe(true);
    expect(isEscapeKey({ type: 'keyDown', key: 'F25' })).toBe(false);
    expect(isEscapeKey({ type: 'keyDown', key: 'F' })).toBe(false);
  });
});
