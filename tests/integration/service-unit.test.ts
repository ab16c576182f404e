/**
 * The systemd units in src/server/ops/ are valid (`systemd-analyze verify` with no warning, the
 * way systemd itself would read them), carry the hardening a centre's IT person expects, and
 * score as well-confined in `systemd-analyze security`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../tools/production-tree.js';

const OPS = join(ROOT, 'src/server/ops');
const units = [
  'citizen-guide.service',
  'citizen-guide-backup.service',
  'citizen-guide-backup.timer',
];

function analyze(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync('systemd-analyze', args, { encoding: 'utf8', cwd: OPS, timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Key=value lines of a unit's [Service] section. */
function serviceKeys(unit: string): Map<string, string> {
  const keys = new Map<string, string>();
  let section = '';
  for (const line of readFileSync(join(OPS, unit), 'utf8').split('\n')) {
    const header = /^\[(\w+)\]$/.exec(line.trim());
    if (header) section = header[1] ?? '';
    const kv = /^(\w+)=(.*)$/.exec(line);
    if (section === 'Service' && kv) keys.set(kv[1] ?? '', kv[2] ?? '');
  }
  return keys;
}

beforeAll(() => {
  const found = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  if (found.error)
    throw new Error(
      'systemd-analyze is missing: run `bash tests/tools/setup.sh`, which installs Debian’s systemd package.',
    );
});

describe('the systemd units', () => {
  it.each(units)('%s passes systemd-analyze verify without a warning', (unit) => {
    const r = analyze('verify', join(OPS, unit));
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs the built server as its own user, with a private data directory, restarted on failure', () => {
    const s = serviceKeys('citizen-guide.service');
    expect(s.get('User')).toBe('citizen-guide');
    expect(s.get('StateDirectory')).toBe('citizen-guide');
    expect(s.get('StateDirectoryMode')).toBe('0700');
    expect(s.get('Restart')).toBe('on-failure');
    expect(s.get('ExecStart')).toMatch(
      /^\/usr\/bin\/node \/opt\/citizen-guide\/dist\/server\/cli\.js serve --data \/var\/lib\/citizen-guide /,
    );
    expect(s.get('NoNewPrivileges')).toBe('yes');
    expect(s.get('ProtectSystem')).toBe('strict');
    expect(s.get('ReadWritePaths')).toBe('/var/lib/citizen-guide');
    expect(s.get('PrivateTmp')).toBe('yes');
    expect(s.get('ProtectHome')).toBe('yes');
  });

  it('backs up with the CLI’s backup --to, nightly, keeping two weeks', () => {
    const b = serviceKeys('citizen-guide-backup.service');
    expect(b.get('User')).toBe('citizen-guide');
    expect(b.get('ExecStart')).toMatch(/cli\.js backup --data \/var\/lib\/citizen-guide --to /);
    expect(b.get('ExecStartPost')).toMatch(/-mtime \+14 -delete/);
    expect(readFileSync(join(OPS, 'citizen-guide-backup.timer'), 'utf8')).toMatch(
      /^OnCalendar=\*-\*-\* 02:30:00$/m,
    );
  });

  it('is well confined by systemd-analyze security’s measure', () => {
    const r = analyze('security', '--offline=yes', join(OPS, 'citizen-guide.service'));
    const level = Number(
      /Overall exposure level for citizen-guide\.service: ([\d.]+)/.exec(r.out)?.[1],
    );
    // 0 is fully confined, 10 not at all; systemd calls below 3 "OK".
    expect(level).toBeLessThan(3);
  });
});
