/**
 * Runs every vitest suite (unit + integration, then end-to-end in Chromium, then unit +
 * integration a second time on Node 24 from its own install, see node24.ts) and ends with one
 * plain line, `tests: N passed, N failed`, that CI and people can read, and the time each part
 * took. `TEST_NODE24=0` leaves the Node 24 pass out of a local run (CI never sets it).
 *
 * The two unit + integration passes use the two stores: Node 20 SQLite, Node 24 PostgreSQL
 * (TEST_DATABASE_URL, default the local cluster's socket; pg-cluster.ts starts Debian's cluster
 * if it is not running, and stops it at the end if it started it). Each pass says which store it
 * used.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { summary } from './failure-summary.js';
import { NODE24, TREE } from './node24.js';
import { ensurePostgres, type PostgresForTests } from './pg-cluster.js';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults?: {
    name: string;
    message?: string;
    assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[];
  }[];
}

/** Each failed test as one line (file, name, a summary of its failure), for the summary. */
function failures(suite: string, report: Report): string[] {
  const lines: string[] = [];
  for (const file of report.testResults ?? []) {
    const where = file.name.replace(`${process.cwd()}/`, '');
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests) {
      lines.push(`${suite}: ${where} > ${test.fullName}: ${summary(test.failureMessages?.[0])}`);
    }
    if (failedTests.length === 0 && file.message)
      lines.push(`${suite}: ${where}: ${file.message.split('\n')[0]}`);
  }
  return lines;
}

interface Suite {
  name: string;
  config: string;
  out: string;
  /** Node binary and folder to run in; default this Node in this tree. */
  where?: () => Promise<{ node: string; tree: string }>;
  /** Only test files under these paths (vitest filters); default all the config includes. */
  only?: string[];
  /** Test files left out (vitest --exclude globs), each with its reason beside it. */
  exclude?: string[];
  /** PostgreSQL for this pass (TEST_DATABASE_URL); default the SQLite file in each data dir. */
  postgres?: boolean;
  /**
   * PostgreSQL's address under this other name, for the few files of a SQLite pass that need it
   * and read it themselves; the rest of the pass stays on SQLite (TEST_DATABASE_URL would move
   * every test server there).
   */
  postgresAs?: string;
}

/**
 * Tests about the SQLite file itself, left out of the PostgreSQL pass (they run on SQLite in the
 * Node 20 pass). Everything about behaviour runs on both.
 */
const SQLITE_ONLY = [
  // backup/restore copy the SQLite file; on PostgreSQL the commands say to use pg_dump.
  'tests/integration/backup.test.ts',
  // SIGKILL mid-write and reopening the SQLite file (WAL recovery); on PostgreSQL a killed node
  // is two-node-failover.test.ts.
  'tests/integration/crash-recovery.test.ts',
  // The modes of the SQLite file, its -wal and -shm beside the media (0600 in a 0700 directory).
  'tests/integration/data-permissions.test.ts',
  // migrate on an older SQLite file (PostgreSQL's migrate: pg-store.test.ts).
  'tests/integration/migrate-cli.test.ts',
  // Needs the cut to land while fastify reads the body; on PostgreSQL the rate-limit store's
  // round trip comes first and the client is gone before the body is read: nothing to log (no
  // error either).
  'tests/integration/aborted-body.test.ts',
];

/**
 * Tests that need PostgreSQL, left out of the SQLite pass (they would only show as skipped):
 * the store's own (two pools as two nodes), several server nodes on one database, pg_dump and
 * pg_restore.
 */
const POSTGRES_ONLY = [
  'tests/integration/pg-*.test.ts',
  'tests/integration/two-node*.test.ts',
  // pg_restore and the PostgreSQL backup drop-in (its systemd-analyze check runs there too).
  'tests/integration/ops-pg-*.test.ts',
];

const started = Date.now();
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const suites: Suite[] = [
  {
    name: 'unit + integration',
    config: 'vitest.config.ts',
    out: 'test-output/vitest-unit.json',
    exclude: POSTGRES_ONLY,
  },
  {
    name: 'end-to-end (Chromium)',
    config: 'vitest.e2e.config.ts',
    out: 'test-output/vitest-e2e.json',
    // The municipal admin's page (tests/e2e/municipal-admin.test.ts): a municipal deployment is
    // one PostgreSQL database. Every other e2e file keeps SQLite.
    postgresAs: 'CG_E2E_DATABASE_URL',
  },
];
mkdirSync('test-output', { recursive: true });

/**
 * Starts preparing the Node 24 tree now, in the background (prepare-node24.ts; its output goes to
 * a log, since a pipe nobody reads while spawnSync blocks would stall it), and answers once it is
 * ready. Measured on 2 cores: the install overlapped with the Node 20 suites instead of after
 * them.
 */
function prepareNode24InBackground(): () => Promise<{ node: string; tree: string }> {
  const log = 'test-output/node24-prepare.log';
  const started = Date.now();
  // At the lowest priority: its one long compile (better-sqlite3) then takes the time the
  // suites leave idle instead of slowing them (its result is needed only for the last pass).
  const child = spawn(
    'nice',
    ['-n', '19', join(process.cwd(), 'node_modules/.bin/tsx'), 'tests/tools/prepare-node24.ts'],
    { stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')] },
  );
  const done = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(-1));
  });
  return async () => {
    const code = await done;
    process.stdout.write(readFileSync(log, 'utf8'));
    console.log(`node24: prepared in the background in ${seconds(started)}`);
    if (code !== 0) throw new Error(`preparing Node 24 failed (exit ${code}), see ${log}`);
    return { node: NODE24, tree: TREE };
  };
}

if (process.env.TEST_NODE24 !== '0')
  suites.push({
    name: 'unit + integration on Node 24',
    config: 'vitest.config.ts',
    out: 'test-output/vitest-node24.json',
    where: prepareNode24InBackground(),
    // What runs on Node itself: the server, the domain, the shell's main process, and the whole
    // server through its integration tests. The browser code's unit tests (src/ui in jsdom, the
    // sync engine in src/client) test code that runs in Chromium, and ran on Node 20 above.
    only: ['src/server', 'src/domain', 'src/protocol', 'electron', 'tests/integration'],
    // The integration suite against the other store: what PostgreSQL costs beyond SQLite here is
    // only its own slowness, not a third pass.
    postgres: true,
    exclude: SQLITE_ONLY,
  });

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
const failedLines: string[] = [];
let postgres: PostgresForTests | null = null;
for (const suite of suites) {
  rmSync(suite.out, { force: true });
  console.log(`\n=== ${suite.name} ===`);
  const suiteStarted = Date.now();
  let place = { node: process.execPath, tree: process.cwd() };
  try {
    if (suite.where) place = await suite.where();
  } catch (err) {
    console.log(`${suite.name}: could not be prepared: ${String(err)}`);
    exitCode = 1;
    continue;
  }
  const env = { ...process.env };
  delete env.TEST_DATABASE_URL;
  if (suite.postgres) {
    try {
      postgres ??= await ensurePostgres();
    } catch (err) {
      console.log(`${suite.name}: PostgreSQL is not available: ${String(err)}`);
      exitCode = 1;
      continue;
    }
    env.TEST_DATABASE_URL = postgres.url;
  } else if (suite.postgresAs) {
    try {
      postgres ??= await ensurePostgres();
      env[suite.postgresAs] = postgres.url;
    } catch (err) {
      // The files that need it fail on their own, saying why; the rest of the pass runs.
      console.log(`${suite.name}: PostgreSQL is not available: ${String(err)}`);
    }
  }
  console.log(
    `${suite.name}: store ${suite.postgres ? `PostgreSQL (${postgres?.describe})` : 'SQLite'}`,
  );
  const out = join(process.cwd(), suite.out);
  const run = spawnSync(
    place.node,
    [
      join(place.tree, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      suite.config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      ...(suite.exclude ?? []).flatMap((glob) => ['--exclude', glob]),
      ...(suite.only ?? []),
    ],
    { stdio: 'inherit', cwd: place.tree, env },
  );
  console.log(
    `${suite.name}: ${seconds(suiteStarted)} on ${suite.postgres ? 'PostgreSQL' : 'SQLite'}`,
  );
  if (run.status !== 0) exitCode = 1;
  if (!existsSync(out)) {
    console.log(`${suite.name}: no report written (the run crashed)`);
    exitCode = 1;
    continue;
  }
  const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
  failedLines.push(...failures(suite.name, report));
}
if (postgres?.startedHere) console.log(postgres.stop());
console.log('');
console.log(`all suites: ${seconds(started)}`);
if (failedLines.length > 0) console.log(['failed:', ...failedLines].join('\n  '));
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
