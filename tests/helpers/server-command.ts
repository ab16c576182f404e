/**
 * How tests start the server's command line as a process: the built `dist/server/cli.js` when
 * it is at least as new as every source file it is built from (`npm test` builds it before the
 * suites run), else the TypeScript source through tsx. Each tsx start compiles the server
 * afresh: about a second of CPU more per process, and the suite starts some fifty of them, so on
 * a busy 2-core machine the CLI tests ran 2-3 times slower through tsx. A stale build (sources
 * edited since) is never used, so a local run always tests the code as it is.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

let cached: readonly string[] | undefined;

/** Node arguments that run the server's CLI (append the command and its options). */
export function serverCommand(): readonly string[] {
  if (cached) return cached;
  const fresh =
    existsSync(BUILT) &&
    statSync(BUILT).mtimeMs >= Math.max(...SOURCES.map((d) => newestSource(d)));
  cached = fresh ? [BUILT] : ['--import', 'tsx', join(ROOT, 'src/server/cli.ts')];
  return cached;
}
