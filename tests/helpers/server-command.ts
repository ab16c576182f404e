/**
 * How tests start the server's command line as a process: the built `dist/server/cli.js` when
 * it is at least as new as every source file it is built from (`npm test` builds it before the
 * suites run), else the TypeScript source through tsx. Each tsx start compiles the server
 * afresh: about a second of CPU more per process, and the suite starts some fifty of them, so on
 * a busy 2-core machine the CLI tests ran 2-3 times slower through tsx. A stale build (sources
 * edited since) is never used, so a local run always tests the code as it is.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = join(import.meta.dirname, '../..');
const BUILT = join(ROOT, 'dist/server/cli.js');
const SOURCES = ['src/server', 'src/domain', 'src/protocol'].map((d) => join(ROOT, d));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !/\.test\.tsx?$/.test(entry.name))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const BUNDLE = join(ROOT, 'dist/test-cli/cli.mjs');

/**
 * The built CLI as one file (esbuild; the native and optional packages stay outside). Node 24
 * spent 0.4 s of each start looking up the package scope of the ~1,500 modules the build loads:
 * a start took 1.1 s there and 0.4 s on Node 20; bundled, 0.3 s on both. Made once per build
 * (written aside and renamed, so test processes starting at once never run half a file); null
 * if esbuild fails, and the unbundled build is used.
 */
function bundled(): string | null {
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= statSync(BUILT).mtimeMs) return BUNDLE;
  try {
    mkdirSync(dirname(BUNDLE), { recursive: true });
    const partial = `${BUNDLE}.${process.pid}.partial`;
    buildSync({
      entryPoints: [BUILT],
      outfile: partial,
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['better-sqlite3', 'sharp', 'pg-native'],
      // The bundled CommonJS packages call require(); an ES module has none of its own.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    renameSync(partial, BUNDLE);
    return BUNDLE;
  } catch {
    return null;
  }
}

let cached: readonly string[] | undefined;

/** Node arguments that run the server's CLI (append the command and its options). */
export function serverCommand(): readonly string[] {
  if (cached) return cached;
  const fresh =
    existsSync(BUILT) &&
    statSync(BUILT).mtimeMs >= Math.max(...SOURCES.map((d) => newestSource(d)));
  cached = fresh ? [bundled() ?? BUILT] : ['--import', 'tsx', join(ROOT, 'src/server/cli.ts')];
  return cached;
}
