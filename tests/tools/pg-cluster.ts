/**
 * PostgreSQL for the test run's PostgreSQL pass (run-tests.ts). TEST_DATABASE_URL given: that
 * server, as it is. Otherwise Debian's local cluster over its Unix socket
 * (`postgres:///postgres?host=/var/run/postgresql`, the role of the account running the tests,
 * which setup.sh creates): started here if it is not running, and then stopped at the end.
 *
 * Test databases are thrown away, so durability buys nothing: a cluster started here runs with
 * fsync, full-page writes and synchronous commit off (for this start only: nothing in its
 * configuration changes), and every test connection asks for `synchronous_commit=off` (a
 * per-session setting, so a cluster that was already running, and others' sessions on it, are
 * left as they are).
 */
import { spawnSync } from 'node:child_process';

const SOCKET_DIR = '/var/run/postgresql';
/** Per-session settings of the test connections (libpq's `options`). */
const SESSION_OPTIONS = '-c synchronous_commit=off';

export interface PostgresForTests {
  url: string;
  /** The address without a password, for the log. */
  describe: string;
  /** True when this run started the cluster (and so stops it). */
  startedHere: boolean;
  /** Stops the cluster this run started; says what it did. */
  stop(): string;
}

function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}` };
}

const ready = (): boolean => run('pg_isready', ['-q', '-h', SOCKET_DIR]).ok;

/** The local cluster, `<version> <name>`, from `pg_lsclusters` (the first one listed). */
function localCluster(): [string, string] {
  const list = run('pg_lsclusters', ['-h']);
  const [version, name] = list.out.trim().split('\n')[0]?.split(/\s+/) ?? [];
  if (!list.ok || !version || !name)
    throw new Error(
      `no PostgreSQL cluster (pg_lsclusters: ${list.out.trim() || 'none'}); run tests/tools/setup.sh`,
    );
  return [version, name];
}

async function waitUntilReady(ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (ready()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return ready();
}

export async function ensurePostgres(): Promise<PostgresForTests> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  const url =
    given ||
    `postgres:///postgres?host=${SOCKET_DIR}&options=${encodeURIComponent(SESSION_OPTIONS)}`;
  const describe = given
    ? url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@')
    : `postgres:///postgres?host=${SOCKET_DIR}`;
  const none = { url, describe, startedHere: false, stop: () => '' };
  if (given || ready()) return none;
  const [version, name] = localCluster();
  const started = run('pg_ctlcluster', [
    version,
    name,
    'start',
    '--',
    '-o',
    '-c fsync=off -c full_page_writes=off -c synchronous_commit=off',
  ]);
  if (!started.ok || !(await waitUntilReady(15_000)))
    throw new Error(`could not start PostgreSQL ${version}/${name}: ${started.out.trim()}`);
  return {
    url,
    describe: `${describe} (cluster ${version}/${name}, started for this run with fsync off)`,
    startedHere: true,
    stop() {
      const stopped = run('pg_ctlcluster', [version, name, 'stop']);
      return stopped.ok
        ? `PostgreSQL ${version}/${name} stopped (this run started it)`
        : `could not stop PostgreSQL ${version}/${name}: ${stopped.out.trim()}`;
    },
  };
}
