/**
 * The real kiosk shell in a real Electron (Playwright's `_electron.launch`), where an Electron
 * binary is installed: the built dist/electron/main.js opens the packaged page from
 * app://kiosk/, enrols with the code from the config, shows the day from the centre server, and
 * keeps its locks (no Node in the page, no way to navigate away).
 *
 * Our build machines cannot download the binary (../shared/ENVIRONMENT.md): there the test is
 * reported as skipped, and says why on one line, so a green run never hides that it did not run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../electron/launch.js';
import type { TestServer } from '../helpers/test-server.js';

const binary = findElectronBinary();
const notRun =
  'not run, because no Electron binary is installed (node_modules/electron has no downloaded ' +
  'binary, and it cannot be fetched on this machine)';
if (!binary) process.stdout.write(`kiosk-electron: ${notRun}\n`);

describe.skipIf(!binary)(`the kiosk shell in Electron${binary ? '' : ` (${notRun})`}`, () => {
  let t: TestServer;
  let app: ElectronApplication;

  beforeAll(async () => {
    // Loaded here, so the skipped run costs nothing (the whole e2e suite is at its time limit).
    const { buildShell, shellOut } = await import('../../electron/build/build-shell.js');
    const { enrolCode, seedCentre, startKioskServer } = await import('./support/centre.js');
    const { ensureUiBuilt } = await import('./support/ui-build.js');
    ensureUiBuilt();
    await buildShell();
    t = await startKioskServer();
    await seedCentre(t);
    const { code } = await enrolCode(t, 'Electron-prøve');
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-electron-'));
    const config = join(dir, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        serverUrl: t.url,
        name: 'Electron-prøve',
        enrolCode: code,
        kioskMode: false,
      }),
    );
    app = await _electron.launch({
      executablePath: binary ?? '',
      args: [join(shellOut, 'main.js'), '--config', config, `--user-data-dir=${join(dir, 'user')}`],
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('opens the packaged page, enrolled, with the day from the server, and no Node in it', async () => {
    const page = await app.firstWindow();
    await page.waitForURL(/^app:\/\/kiosk\//);
    // The wall (not the enrolment form): its tiles to the other screens.
    await page.getByRole('navigation', { name: 'Gå til' }).waitFor({ timeout: 20_000 });
    expect(
      await page.evaluate(() => ({
        secure: window.isSecureContext,
        node: typeof (window as { require?: unknown }).require,
        process: typeof (window as { process?: unknown }).process,
        api: Object.keys((window as { citizenGuide?: object }).citizenGuide ?? {}),
      })),
    ).toMatchObject({ secure: true, node: 'undefined', process: 'undefined' });
  });

  it('cannot be navigated away or open a window', async () => {
    const page = await app.firstWindow();
    await page.evaluate(() => {
      window.open('https://example.com/', '_blank');
      location.href = 'https://example.com/';
    });
    // A refused navigation leaves no event to wait for: give one a moment to happen, then look.
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/kiosk\//);
    expect(app.windows()).toHaveLength(1);
  });
});
