/**
 * Runs every vitest suite (unit + integration, then end-to-end in Chromium) and ends with one
 * plain line, `tests: N passed, N failed`, that CI and people can read.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

const suites = [
  { name: 'unit + integration', config: 'vitest.config.ts', out: 'test-output/vitest-unit.json' },
  {
    name: 'end-to-end (Chromium)',
    config: 'vitest.e2e.config.ts',
    out: 'test-output/vitest-e2e.json',
  },
];

mkdirSync('test-output', { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
for (const suite of suites) {
  rmSync(suite.out, { force: true });
  console.log(`\n=== ${suite.name} ===`);
  const started = Date.now();
  const run = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--config',
      suite.config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${suite.out}`,
    ],
    { stdio: 'inherit' },
  );
  console.log(`${suite.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (run.status !== 0) exitCode = 1;
  if (!existsSync(suite.out)) {
    console.log(`${suite.name}: no report written (the run crashed)`);
    exitCode = 1;
    continue;
  }
  const report = JSON.parse(readFileSync(suite.out, 'utf8')) as Report;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
}
console.log('');
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
