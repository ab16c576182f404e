/**
 * Builds the kiosk shell into plain JavaScript, so a kiosk PC never runs TypeScript:
 *
 * - dist/electron/main.js: electron/main.ts and everything it imports (zod, electron-updater …)
 *   bundled by esbuild into one ES module; only `electron` stays outside (the runtime provides
 *   it), so the package needs no node_modules at all;
 * - dist/electron/<name>.cjs: each sandboxed preload, compiled alone (build-preload.ts checks it
 *   needs nothing but `electron`).
 *
 * The kiosk page itself (dist/ui/kiosk) is Vite's build; dist.ts runs both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildPreload } from '../build-preload.js';

const electronDir = join(import.meta.dirname, '..');
export const repoRoot = join(electronDir, '..');
export const shellOut = join(repoRoot, 'dist', 'electron');

/** The preloads, by source (relative to electron/) and output file name. */
export const preloads: { source: string; output: string }[] = [
  { source: 'preload.ts', output: 'preload.cjs' },
  { source: 'kiosk/staff-exit-preload.ts', output: 'staff-exit-preload.cjs' },
];

/**
 * Bundled CommonJS packages (electron-updater) call `require`, which an ES module lacks; this
 * gives the bundle one. `import.meta.dirname` is left alone: in the package it is
 * app.asar/dist/electron, where the preloads sit, with the page in ../ui/kiosk.
 */
const requireShim =
  "import { createRequire as __shellCreateRequire } from 'node:module';\n" +
  'const require = __shellCreateRequire(import.meta.url);';

export async function buildMain(outDir = shellOut): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = join(outDir, 'main.js');
  mkdirSync(dirname(outfile), { recursive: true });
  await esbuild.build({
    entryPoints: [join(electronDir, 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Electron 45 runs Node 22.
    target: 'node22',
    external: ['electron'],
    banner: { js: requireShim },
    // The bundle is small; names stay readable in a kiosk's crash log.
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

/** Builds main and every preload; returns the files written. */
export async function buildShell(outDir = shellOut): Promise<string[]> {
  const files = [await buildMain(outDir)];
  for (const { source, output } of preloads) {
    const from = join(electronDir, source);
    if (!existsSync(from)) continue;
    files.push(await buildPreload(join(outDir, output), from));
  }
  return files;
}

export const bin = (name: string): string => join(repoRoot, 'node_modules', '.bin', name);

export function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

/** The kiosk page only (the staff and family pages are not in a kiosk's package). */
export function buildKioskPage(): void {
  run(bin('vite'), ['build', '--config', 'vite.config.ts', '--logLevel', 'warn']);
}

if (process.argv[1]?.endsWith('build-shell.ts')) {
  const files = await buildShell();
  process.stdout.write(`Built the kiosk shell: ${files.join(', ')}\n`);
}
