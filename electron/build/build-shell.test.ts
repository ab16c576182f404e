/**
 * What CI can check of the kiosk package without an Electron binary: the built main process and
 * preloads exist, need nothing the package lacks, and start the shell with Electron injected;
 * and electron-builder.yml packs them, the kiosk page, and nothing of the server.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// yaml is not a devDependency of ours: it is in the production tree already (fastify-type-provider-
// zod → @fastify/swagger), and tests/integration/production-build.test.ts refuses a devDependency
// a production install holds.
import { parse } from 'yaml';
import type { runShell as RunShell } from '../main.js';
import { fakeElectron } from '../testing/fake-electron.js';
import { buildShell, repoRoot } from './build-shell.js';

const out = mkdtempSync(join(tmpdir(), 'shell-build-'));
const built = buildShell(out);

/** Every module specifier the bundle imports or requires. */
function specifiers(code: string): string[] {
  const found = [
    ...code.matchAll(/^\s*import\s[^'"]*?from\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return [...new Set(found.map((m) => m[1] ?? ''))];
}

describe('the built kiosk shell', () => {
  it('writes main.js and the preloads, in plain JavaScript', async () => {
    const files = await built;
    expect(files).toContain(join(out, 'main.js'));
    expect(files).toContain(join(out, 'preload.cjs'));
    for (const f of files) expect(existsSync(f), f).toBe(true);
  });

  it('main.js needs nothing but Node and electron: the package has no node_modules', async () => {
    await built;
    const code = readFileSync(join(out, 'main.js'), 'utf8');
    const outside = specifiers(code).filter((s) => !s.startsWith('node:') && s !== 'electron');
    // Bare Node built-ins ('fs', 'crypto') that bundled CommonJS packages require are fine.
    const { builtinModules } = await import('node:module');
    expect(outside.filter((s) => !builtinModules.includes(s.split('/')[0] ?? ''))).toEqual([]);
    expect(code).not.toMatch(/from ["']typescript["']|tsx\b.*register/);
    // The updater is inside too (the package has no node_modules to find it in).
    expect(code).toMatch(/\/\/ node_modules\/electron-updater\/out\/main\.js/);
  });

  it('main.js loads outside Electron without starting, and runs the shell with Electron injected', async () => {
    await built;
    const mod = (await import(join(out, 'main.js'))) as { runShell: typeof RunShell };
    const f = fakeElectron();
    await mod.runShell(f.electron, ['--config', join(repoRoot, 'kiosk-config', 'example.json')], {
      log: () => {},
    });
    expect(f.windows).toHaveLength(1);
    // Its default shell folder is where it was built: the preload beside it.
    const prefs = f.windows[0]?.options.webPreferences as { preload: string };
    expect(prefs.preload).toBe(join(out, 'preload.cjs'));
    expect(f.windows[0]?.win.loaded[0]).toMatch(/^app:\/\/kiosk\//);
  });
});

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as {
    files: string[];
    extraMetadata: { main: string };
    electronFuses: Record<string, boolean>;
    linux: { target: { target: string; arch: string[] }[] };
    win: { target: { target: string; arch: string[] }[] };
  };
  /** A `files` glob as electron-builder reads it: `**` any folders, `*` within one name. */
  const globRegex = (glob: string): RegExp =>
    new RegExp(
      '^' +
        glob
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*\/?/g, '::globstar::')
          .replace(/\*/g, '[^/]*')
          .replace(/::globstar::/g, '.*') +
        '$',
    );
  /** Whether electron-builder would pack a path: the last matching pattern decides. */
  const packs = (path: string): boolean => {
    let included = false;
    for (const pattern of config.files) {
      const negated = pattern.startsWith('!');
      if (globRegex(negated ? pattern.slice(1) : pattern).test(path)) included = !negated;
    }
    return included;
  };

  it('packs main, every preload and the kiosk page, and starts main', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main.js');
    for (const path of [
      'dist/electron/main.js',
      'dist/electron/preload.cjs',
      'dist/electron/staff-exit-preload.cjs',
      'dist/ui/kiosk/index.html',
      'dist/ui/kiosk/assets/index-abc.js',
      'dist/ui/kiosk/assets/pictograms/meal.svg',
      'package.json',
    ])
      expect(packs(path), path).toBe(true);
  });

  it('packs nothing of the server, no node_modules and no sources', () => {
    // electron-builder adds production node_modules by itself unless a pattern excludes them.
    expect(config.files).toContain('!node_modules/**');
    for (const path of [
      'node_modules/fastify/package.json',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'dist/server/cli.js',
      'dist/ui/staff/index.html',
      'electron/main.ts',
      'src/server/centre.ts',
      'kiosk-config/example.json',
    ])
      expect(packs(path), path).toBe(false);
  });

  it('is a configuration electron-builder itself accepts (its own schema check)', async () => {
    // electron-builder's validator, the one `electron-builder` runs before packaging; not a
    // public entry point, hence the path (a version bump that moves it fails here, loudly).
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: object, logger: object) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => object };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, electronFuse: {} }, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'electronFuse'/);
  });

  it('tells electron-updater where to look (a generic feed the centre’s IT sets)', () => {
    expect((config as { publish?: object }).publish).toEqual({
      provider: 'generic',
      url: '${env.CITIZEN_GUIDE_UPDATE_URL}',
    });
  });

  it('sets the production fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('keeps electron-builder’s own deb dependencies when it adds to them', () => {
    const deb = (config as { deb?: { depends?: string[] } }).deb?.depends ?? [];
    // electron-builder's defaults (FpmTarget getDefaultDepends): a custom list replaces them.
    for (const lib of ['libgtk-3-0', 'libnss3', 'libsecret-1-0', 'xdg-utils', 'libgbm1'])
      expect(deb, lib).toContain(lib);
  });

  it('targets AppImage and deb on x64 and arm64, and NSIS on Windows', () => {
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('pins an exact Electron version for the package', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies['electron']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
