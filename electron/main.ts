/**
 * Electron main process entry. Run by `npm start` when an Electron runtime exists; everything it
 * does lives in window.ts, ipc-main.ts, build-preload.ts and config.ts, which are unit-tested
 * with Electron injected.
 */
import { parseArgs } from 'node:util';
import { displaySettingsOf, kioskUrl, loadKioskConfig } from './config.js';
import { buildPreload } from './build-preload.js';
import { registerIpcHandlers, type IpcMainLike } from './ipc-main.js';
import { openKioskWindow, type ElectronLike, type KioskWindow } from './window.js';

interface ElectronApp {
  whenReady(): Promise<void>;
  on(event: 'window-all-closed', h: () => void): void;
  quit(): void;
}

export type ShellElectron = ElectronLike & { app: ElectronApp; ipcMain: IpcMainLike };

export interface ShellOptions {
  /** Produces the preload file and returns its path (compiled from preload.ts by default). */
  preparePreload?: () => Promise<string>;
  log?: (line: string) => void;
}

export async function runShell(
  electron: ShellElectron,
  argv: string[],
  { preparePreload = () => buildPreload(), log = defaultLog }: ShellOptions = {},
): Promise<KioskWindow> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string', default: 'kiosk-config/example.json' } },
    strict: false,
  });
  const config = loadKioskConfig(String(values.config));
  const url = kioskUrl(config);
  const preload = await preparePreload();
  await electron.app.whenReady();
  electron.app.on('window-all-closed', () => electron.app.quit());
  // Before the window exists, so the preload's first (synchronous) question is always answered.
  registerIpcHandlers(
    electron.ipcMain,
    { settings: () => displaySettingsOf(config) },
    new URL(url).origin,
    log,
  );
  return openKioskWindow(electron, config, url, preload, log);
}

function defaultLog(line: string): void {
  process.stdout.write(line + '\n');
}

if (process.versions.electron) {
  // A variable specifier: the `electron` package is only present where its runtime is.
  const moduleName = 'electron';
  const electron = (await import(moduleName)) as ShellElectron;
  await runShell(electron, process.argv.slice(2));
}
