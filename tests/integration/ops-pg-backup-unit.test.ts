/**
 * The nightly backup on PostgreSQL: src/server/ops/citizen-guide-backup-postgres.conf, a drop-in
 * for citizen-guide-backup.service. systemd reads it beside the unit without a word, and its
 * command, as systemd hands it to the shell, dumps a real database in pg_dump's custom format
 * that pg_restore reads, never leaving a cut-off dump under a backup's name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshTestDatabase, testDatabaseUrl } from '../helpers/test-database.js';

const OPS = 'src/server/ops';
const DROP_IN = join(OPS, 'citizen-guide-backup-postgres.conf');
const BACKUPS = '/var/lib/citizen-guide-backups';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-ops-unit-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The drop-in's last `Key=` line's value. */
function last(key: string): string {
  const lines = readFileSync(DROP_IN, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`${key}=`));
  return lines.at(-1)!.slice(key.length + 1);
}

/**
 * The shell script of `ExecStart=/bin/sh -c '…'` as systemd passes it: `%%` is `%` and `$$` is
 * `$` (systemd's own escapes), with the backup directory moved to `dir`.
 */
function script(dir: string): string {
  const m = /^\/bin\/sh -c '(.*)'$/.exec(last('ExecStart'));
  if (!m) throw new Error("ExecStart is not /bin/sh -c '…'");
  return m[1]!.replaceAll('%%', '%').replaceAll('$$', '$').replaceAll(BACKUPS, dir);
}

describe('the PostgreSQL backup drop-in', () => {
  it('passes systemd-analyze verify beside citizen-guide-backup.service', () => {
    const dir = tempDir();
    copyFileSync(
      join(OPS, 'citizen-guide-backup.service'),
      join(dir, 'citizen-guide-backup.service'),
    );
    mkdirSync(join(dir, 'citizen-guide-backup.service.d'));
    copyFileSync(DROP_IN, join(dir, 'citizen-guide-backup.service.d', 'postgres.conf'));
    const r = spawnSync('systemd-analyze', ['verify', join(dir, 'citizen-guide-backup.service')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.error)
      throw new Error(
        'systemd-analyze is missing: run `bash tests/tools/setup.sh` (Debian’s systemd).',
      );
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
    // It replaces the SQLite backup's commands rather than adding to them.
    expect(readFileSync(DROP_IN, 'utf8')).toMatch(/^ExecStart=\n/m);
    expect(readFileSync(DROP_IN, 'utf8')).toMatch(/^ExecStartPost=\n/m);
    expect(last('ExecStartPost')).toContain(
      `find ${BACKUPS} -name 'citizen-guide-*.dump*' -mtime +14 -delete`,
    );
  });

  it.runIf(testDatabaseUrl())(
    'dumps the database in the custom format pg_restore reads; a failed dump leaves no backup',
    async () => {
      const db = await freshTestDatabase();
      cleanup.push(() => db.drop());
      const dir = tempDir();
      const run = (url: string) =>
        spawnSync('/bin/sh', ['-c', script(dir)], {
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, DATABASE_URL: url },
        });
      const ok = run(db.url);
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      const files = readdirSync(dir);
      expect(files).toEqual([expect.stringMatching(/^citizen-guide-\d{4}-\d{2}-\d{2}\.dump$/)]);
      const listing = execFileSync('pg_restore', ['--list', join(dir, files[0]!)], {
        encoding: 'utf8',
      });
      expect(listing).toContain('TABLE public change_log');
      expect(listing).toContain('TABLE DATA public server_meta');

      rmSync(join(dir, files[0]!));
      const bad = run(db.url.replace(/\/cg_t_[^?]*/, '/cg_ops_no_such_database'));
      expect(bad.status).not.toBe(0);
      expect(readdirSync(dir).filter((f) => f.endsWith('.dump'))).toEqual([]);
      expect(existsSync(join(dir, files[0]!))).toBe(false);
    },
    60_000,
  );
});
