/**
 * `npm start`: starts the kiosk shell for a configuration. Where no Electron runtime is present
 * (it cannot be downloaded on these machines) it says so plainly and opens the kiosk URL in a
 * browser instead, with the config's display settings in the address's query (the page reads
 * them from there when no shell hands them over).
 *
 *   npm start -- [--config kiosk-config/example.json]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import {
  ConfigError,
  kioskBrowserUrl,
  kioskUrl,
  loadKioskConfig,
  type KioskConfig,
} from './config.js';

const say = (line: string): void => {
  process.stdout.write(line + '\n');
};

/** The Electron binary's path, or null when the package or its downloaded binary is missing. */
export function findElectronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** A browser to open the kiosk page in: Debian's Chromium in app mode, else xdg-open. */
export function browserCommand(url: string, hasDisplay: boolean): [string, string[]] | null {
  if (!hasDisplay) return null;
  if (existsSync('/usr/bin/chromium'))
    return ['/usr/bin/chromium', [`--app=${url}`, '--no-first-run']];
  if (existsSync('/usr/bin/xdg-open')) return ['/usr/bin/xdg-open', [url]];
  return null;
}

/** What `npm start` says and runs when there is no Electron runtime. */
export function browserFallback(
  config: KioskConfig,
  hasDisplay: boolean,
): { url: string; lines: string[]; command: [string, string[]] | null } {
  const url = kioskBrowserUrl(config);
  const command = browserCommand(url, hasDisplay);
  const lines = [
    'No Electron runtime is installed on this machine (its binary cannot be downloaded here).',
    'Falling back to a browser. This is not the kiosk shell: no full-screen lock, no crash watchdog.',
    `Kiosk "${config.name}", display settings in the address: ${url}`,
    command
      ? `Opening it with ${command[0]}`
      : 'No display or browser found: open the address above in a browser on the kiosk.',
  ];
  return { url, lines, command };
}

function main(): void {
  const { values } = parseArgs({
    options: { config: { type: 'string', default: 'kiosk-config/example.json' } },
  });
  const config = loadKioskConfig(values.config);
  const url = kioskUrl(config);
  const electron = findElectronBinary();
  if (electron) {
    say(`Starting the Electron kiosk shell for "${config.name}" → ${url}`);
    spawn(electron, ['electron/main.ts', '--config', values.config], {
      stdio: 'inherit',
      env: { ...process.env, NODE_OPTIONS: '--import tsx' },
    });
    return;
  }
  const fallback = browserFallback(
    config,
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY),
  );
  fallback.lines.forEach(say);
  if (fallback.command) {
    const [cmd, args] = fallback.command;
    spawn(cmd, args, { stdio: 'ignore', detached: true }).unref();
  }
}

if (process.argv[1]?.endsWith('launch.ts')) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(2);
  }
}
