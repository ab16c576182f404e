/**
 * `npm run demo` starts with tests/tools/setup.sh, whose `npm ci` is quiet for minutes on a new
 * machine: it must say what is happening, keep saying it is still at it, say how long it took,
 * and that npm's install-scripts warnings need nothing from the user. Run here with a stand-in
 * npm (a few seconds instead of minutes) in a copy of the script's folder layout.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../tools/production-tree.js';

let dir: string;
const bin = (): string => join(dir, 'bin');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-setup-'));
  mkdirSync(join(dir, 'repo/tests/tools'), { recursive: true });
  cpSync(join(ROOT, 'tests/tools/setup.sh'), join(dir, 'repo/tests/tools/setup.sh'));
  writeFileSync(join(dir, 'repo/package-lock.json'), '{}');
  mkdirSync(bin());
  const script = (name: string, body: string): void => {
    writeFileSync(join(bin(), name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin(), name), 0o755);
  };
  // npm ci as it behaves here, only shorter: quiet, then the allowScripts warnings.
  script(
    'npm',
    [
      'sleep 3',
      'echo "npm warn install-scripts 2 packages have install scripts not yet covered by allowScripts:" >&2',
      'mkdir -p node_modules && echo "{}" > node_modules/.package-lock.json',
    ].join('\n'),
  );
  script('espeak-ng', 'exit 0');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const setup = (): string => {
  // One stream, in the order a terminal shows it.
  const r = spawnSync(
    'bash',
    ['-c', 'bash "$0" --demo 2>&1', join(dir, 'repo/tests/tools/setup.sh')],
    {
      encoding: 'utf8',
      env: { PATH: `${bin()}:${process.env.PATH ?? ''}`, SETUP_HEARTBEAT: '1' },
      timeout: 60_000,
    },
  );
  expect(r.status, r.stdout).toBe(0);
  return r.stdout;
};

describe('setup.sh on a machine without node_modules', () => {
  it('says what the long install does, that it is still going, how long it took, and that the warnings are harmless', () => {
    const out = setup();
    const at = (text: string | RegExp): number => out.search(text);
    expect(out).toMatch(/installing npm packages \(npm ci\)\. This takes about 3-4 minutes/);
    expect(out).toMatch(/better-sqlite3 .* compiles from source/);
    expect(at(/still installing npm packages \(\d+ s so far\)/)).toBeGreaterThan(
      at('installing npm packages (npm ci)'),
    );
    expect(out).toMatch(/npm packages installed in \d+ s/);
    expect(at('are expected and harmless')).toBeGreaterThan(at('not yet covered by allowScripts:'));
    expect(out.trimEnd().endsWith('setup: ready')).toBe(true);
  });

  it('says only that it is ready when everything is there already', () => {
    expect(setup().trim()).toBe('setup: ready');
  });
});
