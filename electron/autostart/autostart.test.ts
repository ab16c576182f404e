import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopEntry, ensureAutostart, quoteExecArg } from './autostart.js';

function app(isPackaged = true) {
  const items: unknown[] = [];
  return { items, isPackaged, setLoginItemSettings: (s: unknown) => items.push(s) };
}

describe('autostart at login', () => {
  it('writes an XDG autostart entry on Linux that starts the AppImage with its config', () => {
    const home = mkdtempSync(join(tmpdir(), 'cg-xdg-'));
    const a = app();
    const args = ['--config', '/etc/citizen-guide/Fælles stue.json'];
    const deps = {
      app: a,
      platform: 'linux' as const,
      exec: '/opt/Citizen Guide.AppImage',
      args,
      kioskMode: true,
      configHome: home,
      log: () => {},
    };
    expect(ensureAutostart(deps)).toBe('desktop-file');
    const text = readFileSync(join(home, 'autostart', 'citizen-guide-kiosk.desktop'), 'utf8');
    expect(text).toContain('[Desktop Entry]\nType=Application\n');
    expect(text).toContain(
      'Exec="/opt/Citizen Guide.AppImage" --config "/etc/citizen-guide/Fælles stue.json"\n',
    );
    expect(a.items).toEqual([]);
  });

  it('sets the login item on Windows', () => {
    const a = app();
    const deps = {
      app: a,
      platform: 'win32' as const,
      exec: 'C:\\Kiosk\\Citizen Guide.exe',
      args: ['--config', 'C:\\k.json'],
      kioskMode: true,
      log: () => {},
    };
    expect(ensureAutostart(deps)).toBe('login-item');
    expect(a.items).toEqual([
      { openAtLogin: true, path: 'C:\\Kiosk\\Citizen Guide.exe', args: ['--config', 'C:\\k.json'] },
    ]);
  });

  it('never adds a developer run (not packaged, or kioskMode off) to the login', () => {
    const home = mkdtempSync(join(tmpdir(), 'cg-xdg-'));
    for (const [packaged, kioskMode] of [
      [false, true],
      [true, false],
    ] as const) {
      const a = app(packaged);
      expect(
        ensureAutostart({
          app: a,
          platform: 'linux',
          exec: '/x',
          args: [],
          kioskMode,
          configHome: home,
          log: () => {},
        }),
      ).toBe('skipped');
      expect(a.items).toEqual([]);
    }
    expect(existsSync(join(home, 'autostart'))).toBe(false);
  });

  it('escapes what the Desktop Entry spec reserves', () => {
    expect(quoteExecArg('/usr/bin/kiosk')).toBe('/usr/bin/kiosk');
    expect(quoteExecArg('a "b" $c `d` \\e')).toBe('"a \\"b\\" \\$c \\`d\\` \\\\e"');
    expect(desktopEntry('/x', ['100%'])).toContain('Exec=/x 100%%\n');
  });
});
