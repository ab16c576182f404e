import { describe, expect, it } from 'vitest';
import { ConfigError, loadKioskConfig, parseKioskConfig } from '../config.js';
import { assertServerAllowed } from '../security/server-url.js';
import { fakeElectron } from '../testing/fake-electron.js';
import { configErrorHtml, readConfigError, showConfigError } from './config-error-screen.js';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('no ConfigError');
};

const page = (url: string): string =>
  decodeURIComponent(url.replace(/^data:text\/html;charset=utf-8,/, ''));

describe('a wrong kiosk config, shown full screen', () => {
  it('names the file, every wrong field and the fix', async () => {
    const message = errorOf(() =>
      parseKioskConfig(
        '{"serverUrl":"https://c","name":"x","lang":"de","idleSeconds":1}',
        '/etc/kiosk.json',
      ),
    );
    expect(readConfigError(message)).toMatchObject({
      file: '/etc/kiosk.json',
      problems: [{ field: 'lang' }, { field: 'idleSeconds' }],
    });
    const f = fakeElectron();
    await showConfigError(f.electron, message, true);
    expect(f.windows).toHaveLength(1);
    const url = f.windows[0]!.win.loaded[0]!;
    expect(url).toMatch(/^data:text\/html/);
    const html = page(url);
    expect(html).toContain('Skærmen er ikke sat rigtigt op');
    expect(html).toContain('<code>/etc/kiosk.json</code>');
    expect(html).toContain('Ret feltet <code>lang</code> i filen.');
    expect(html).toContain('Ret feltet <code>idleSeconds</code> i filen.');
    expect(html).toContain('kiosk-config/README.md');
  });

  it('is as locked down as the kiosk: full screen, no preload, no script, no menu', async () => {
    const f = fakeElectron();
    await showConfigError(f.electron, 'k.json is not valid JSON: Unexpected end', true);
    const { options, win } = f.windows[0]!;
    expect(options).toMatchObject({ fullscreen: true });
    expect(options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      javascript: false,
      devTools: false,
    });
    expect(win.menuRemoved).toBe(true);
    expect(page(win.loaded[0]!)).toContain("default-src 'none'");
  });

  it('explains the https rule and a broken file the same way', () => {
    const https = readConfigError(
      errorOf(() => assertServerAllowed('http://10.0.0.5:8080', 'k.json')),
    );
    expect(https.problems[0]?.field).toBe('serverUrl');
    expect(https.problems[0]?.message).toMatch(/must start with https:\/\//);
    expect(readConfigError('k.json is not valid JSON: Unexpected token')).toEqual({
      file: 'k.json',
      problems: [{ field: '(file)', message: 'Unexpected token' }],
    });
  });

  it('names a config file that is missing or unreadable', () => {
    const message = errorOf(() => loadKioskConfig('/nowhere/kiosk.json'));
    expect(message).toMatch(/^\/nowhere\/kiosk\.json cannot be read: ENOENT/);
    expect(readConfigError(message)).toMatchObject({
      file: '/nowhere/kiosk.json',
      problems: [{ field: '(file)', message: expect.stringMatching(/ENOENT/) as unknown }],
    });
  });

  it('shows what the file says as text, never as markup', () => {
    const html = configErrorHtml({
      file: '<script>alert(1)</script>',
      problems: [{ field: 'name', message: '<img src=x onerror=alert(1)>' }],
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
