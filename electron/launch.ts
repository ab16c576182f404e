/**
 * `npm start`: starts the kiosk shell for a configuration. Where no Electron runtime is present
 * (it cannot be downloaded on these machines) it says so plainly and opens the kiosk URL in a
 * browser instead, with the config's display settings in the address's query (the page reads
 * them from there when no shell hands them over).
 *
 *   npm start -- [--config kiosk-config/example.json]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, kioskBrowserUrl, loadKioskConfig, type KioskConfig } from './config.js';
import { buildKioskPage, buildShell, repoRoot, shellOut } from './build/build-shell.js';

const say = (line: string): void => {
  process.stdout.write(line + '\n');
};

/**
 * The Electron binary's path, or null when the package or its binary is missing. Never
 * `require('electron')`: since Electron 45 that fetches the binary on first use, which fails
 * here after a network timeout. The package's own index.js reads the same two places: the
 * binary's name in path.txt (written once the binary is installed) under dist/, or a folder
 * named by ELECTRON_OVERRIDE_DIST_PATH.
 */
export function findElectronBinary(
  packageDir: string | null = electronPackageDir(),
  env: Record<string, string | undefined> = process.env,
): string | null {
  if (!packageDir) return null;
  const pathFile = join(packageDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const binary = override
    ? join(override, name || 'electron')
    : name
      ? join(packageDir, 'dist', name)
      : null;
  return binary && existsSync(binary) ? binary : null;
}

/** Where the `electron` package is installed (resolving its package.json runs none of it). */
function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { config: { type: 'string', default: 'kiosk-config/example.json' } },
  });
  const config = loadKioskConfig(values.config);
  const electron = findElectronBinary();
  if (electron) {
    say(`Starting the Electron kiosk shell for "${config.name}" (server ${config.serverUrl})`);
    // The same JavaScript a kiosk PC runs: main and preloads built now, the page if missing.
    await buildShell();
    if (!existsSync(join(repoRoot, 'dist', 'ui', 'kiosk', 'index.html'))) buildKioskPage();
    spawn(electron, [join(shellOut, 'main.js'), '--config', values.config], { stdio: 'inherit' });
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
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
