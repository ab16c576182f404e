/**
 * A production install of the built server in a temporary folder, as a centre would have it
 * after `npm run build` and `npm ci --omit=dev`: dist/ (the server compiled with the same
 * tsconfig.build.json as `npm run build`, and the kiosk UI when it is built), package.json, the
 * lock file and only the production packages. Nothing from the project's own node_modules is
 * reachable from it, so a server that starts there needs no devDependency.
 *
 * One shortcut keeps this fast: `npm ci` runs with `--ignore-scripts`, and better-sqlite3's
 * compiled addon (the only install script among the production packages, ~90 s from source) is
 * copied from the build the running Node already uses, so it matches that Node's ABI (Node 20 in
 * the main pass, Node 24 in CI's second pass).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ProductionTree {
  /** The install folder: dist/, package.json, package-lock.json, node_modules/. */
  app: string;
  /** Its parent, a throw-away folder (also HOME for the processes started there). */
  scratch: string;
  remove(): void;
}

/** The Node binary that runs this process; tests and tools start servers with the same one. */
const node = process.execPath;

function run(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, {
    cwd,
    stdio: 'pipe',
    timeout: 300_000,
    // npm is started with the same Node on PATH first, so the Node 24 pass installs for Node 24.
    env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` },
  });
}

/** Folders named node_modules above `dir`, which Node's resolution would also search. */
export function ancestorModuleFolders(dir: string): string[] {
  const found: string[] = [];
  let d = dirname(dir);
  for (;;) {
    if (existsSync(join(d, 'node_modules'))) found.push(join(d, 'node_modules'));
    if (d === parse(d).root) return found;
    d = dirname(d);
  }
}

export function makeProductionTree(): ProductionTree {
  const scratch = mkdtempSync(join(tmpdir(), 'cg-prod-'));
  const app = join(scratch, 'app');
  mkdirSync(app);
  const remove = (): void => rmSync(scratch, { recursive: true, force: true });
  try {
    run(
      node,
      [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(ROOT, 'tsconfig.build.json'),
        '--outDir',
        join(app, 'dist'),
      ],
      ROOT,
    );
    if (existsSync(join(ROOT, 'dist/ui/kiosk/index.html')))
      cpSync(join(ROOT, 'dist/ui'), join(app, 'dist/ui'), { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(app, f));
    run(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
      app,
    );
    const addon = 'build/Release/better_sqlite3.node';
    const ours = dirname(
      createRequire(join(ROOT, 'package.json')).resolve('better-sqlite3/package.json'),
    );
    mkdirSync(join(app, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
    cpSync(join(ours, addon), join(app, 'node_modules/better-sqlite3', addon));
  } catch (err) {
    remove();
    throw err;
  }
  return { app, scratch, remove };
}

/** The names in package.json's devDependencies. */
export function devDependencies(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  return Object.keys(pkg.devDependencies ?? {});
}

export interface Started {
  child: ChildProcess;
  output(): string;
  /** Resolves with the output so far once it contains `text`; rejects if the process ends. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `node …args` in `cwd` with a bare environment: PATH, HOME (the scratch folder, so no
 * ~/.node_modules is found) and the given extras; no NODE_PATH, no NODE_OPTIONS (vitest's
 * loaders must not help the child).
 */
export function startNode(
  args: string[],
  cwd: string,
  home: string,
  extraEnv: Record<string, string> = {},
): Started {
  const child = spawn(node, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    waitFor: (text, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const seen = (): boolean =>
          typeof text === 'string' ? output.includes(text) : text.test(output);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', ended);
        };
        const check = (): void => {
          if (!seen()) return;
          done();
          resolve(output);
        };
        const ended = (): void => {
          done();
          reject(
            new Error(`the process ended (${child.exitCode ?? child.signalCode}):\n${output}`),
          );
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${String(text)} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        child.once('exit', ended);
        check();
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
