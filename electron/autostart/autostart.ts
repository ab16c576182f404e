/**
 * Start the kiosk when its user logs in, so a power cut or a reboot needs nobody: on Linux an XDG
 * autostart entry (`~/.config/autostart/citizen-guide-kiosk.desktop`, which GNOME, KDE, XFCE,
 * LXDE and the Raspberry Pi desktop all read), on Windows the login item. Only for a packaged
 * app in kiosk mode: a developer's `npm start` must not add itself to their login.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface LoginItemApp {
  isPackaged: boolean;
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
}

/** Quotes one Exec argument as the Desktop Entry spec asks (reserved characters escaped). */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `"${arg.replace(/[`"$\\]/g, (c) => `\\${c}`)}"`;
}

export function desktopEntry(exec: string, args: readonly string[]): string {
  // A literal % in Exec must be doubled (field codes).
  const line = [exec, ...args].map(quoteExecArg).join(' ').replace(/%/g, '%%');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Citizen Guide kiosk',
    'Comment=The wall screen: starts at login',
    `Exec=${line}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface AutostartDeps {
  app: LoginItemApp;
  platform: NodeJS.Platform;
  /** The program to start: the AppImage ($APPIMAGE) or the installed binary. */
  exec: string;
  args: string[];
  kioskMode: boolean;
  /** XDG config home (default ~/.config). */
  configHome?: string;
  log(line: string): void;
}

export function ensureAutostart(deps: AutostartDeps): 'desktop-file' | 'login-item' | 'skipped' {
  if (!deps.app.isPackaged || !deps.kioskMode) return 'skipped';
  if (deps.platform === 'win32') {
    deps.app.setLoginItemSettings({ openAtLogin: true, path: deps.exec, args: deps.args });
    return 'login-item';
  }
  if (deps.platform !== 'linux') return 'skipped';
  const dir = join(
    deps.configHome ?? process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'),
    'autostart',
  );
  const file = join(dir, 'citizen-guide-kiosk.desktop');
  const text = desktopEntry(deps.exec, deps.args);
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // not there yet
  }
  if (old !== text) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
    deps.log(`autostart: wrote ${file}`);
  }
  return 'desktop-file';
}
