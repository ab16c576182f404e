/**
 * `npm run dist`: everything a kiosk PC installs, built and then packaged.
 *
 * 1. the shell: dist/electron/main.js (esbuild) and the preloads (build-shell.ts);
 * 2. the kiosk page: dist/ui/kiosk (Vite, the same build the server serves);
 * 3. the packages (electron-builder.yml: AppImage and deb for x64 and arm64, NSIS), only where
 *    an Electron binary exists: electron-builder fetches Electron's release the same way, and
 *    our build machines can fetch neither. There it says so and stops after step 2, which CI
 *    checks (build-shell.test.ts).
 *
 *   npm run dist [-- --linux | --win | any electron-builder arguments]
 */
import { findElectronBinary } from '../launch.js';
import { bin, buildKioskPage, buildShell, repoRoot, run } from './build-shell.js';

const say = (line: string): void => {
  process.stdout.write(line + '\n');
};

async function dist(builderArgs: string[]): Promise<void> {
  const files = await buildShell();
  say(`Built the shell: ${files.map((f) => f.slice(repoRoot.length + 1)).join(', ')}`);
  buildKioskPage();
  say('Built the kiosk page: dist/ui/kiosk');
  const electron = findElectronBinary();
  if (!electron) {
    say(
      'Not packaged: no Electron binary on this machine (it cannot be downloaded here, and ' +
        'electron-builder would fetch Electron the same way). Run `npm run dist` where it can.',
    );
    return;
  }
  if (!process.env['CITIZEN_GUIDE_UPDATE_URL']) {
    say('CITIZEN_GUIDE_UPDATE_URL is not set: these packages will never find an update.');
    process.env['CITIZEN_GUIDE_UPDATE_URL'] = 'https://updates.invalid/citizen-guide-kiosk';
  }
  run(bin('electron-builder'), [
    '--config',
    'electron-builder.yml',
    '--publish',
    'never',
    ...builderArgs,
  ]);
  say('Packages in dist/packages');
}

if (process.argv[1]?.endsWith('dist.ts')) {
  dist(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });
}
