/**
 * Electron main process entry. Run by `npm start` when an Electron runtime exists; everything it
 * does lives in window.ts and config.ts, which are unit-tested with Electron injected.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { kioskUrl, loadKioskConfig } from './config.js';
import { openKioskWindow, type ElectronLike } from './window.js';

interface ElectronApp {
  whenReady(): Promise<void>;
  on(event: 'window-all-closed', h: () => void): void;
  quit(): void;
}

export async function runShell(
  electron: ElectronLike & { app: ElectronApp },
  argv: string[],
): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string', default: 'kiosk-config/example.json' } },
    strict: false,
  });
  const config = loadKioskConfig(String(values.config));
  await electron.app.whenReady();
  electron.app.on('window-all-closed', () => electron.app.quit());
  await openKioskWindow(
    electron,
    config,
    kioskUrl(config),
    join(import.meta.dirname, 'preload.js'),
    (l) => process.stdout.write(l + '\n'),
  );
}

if (process.versions.electron) {
  // A variable specifier: the `electron` package is only present where its runtime is.
  const moduleName = 'electron';
  const electron = (await import(moduleName)) as ElectronLike & { app: ElectronApp };
  await runShell(electron, process.argv.slice(2));
}
