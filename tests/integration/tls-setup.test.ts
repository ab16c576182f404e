/**
 * The README's "HTTPS on the centre's network", checked with the tools it names: the certificate
 * script (openssl), the systemd drop-in that hands the certificate to the service
 * (`systemd-analyze verify` with the drop-in beside the unit, as systemd reads it), and the
 * Caddyfile (Debian's caddy: `caddy adapt` and `caddy validate`). The kiosk's certutil step is
 * exercised by the e2e test tests/e2e/kiosk-lan.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CERT_SCRIPT } from '../helpers/tls.js';

const README = readFileSync('README.md', 'utf8');
const section = README.slice(
  README.indexOf("### HTTPS on the centre's network"),
  README.indexOf('## The centre server'),
);
const OPS = 'src/server/ops';

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, env });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};
/** setup.sh installs each tool the README names; without it, say how to get it. */
function need(cmd: string, pkg: string): void {
  if (spawnSync(cmd, ['--version']).error)
    throw new Error(`${cmd} is missing: run \`bash tests/tools/setup.sh\` (Debian's ${pkg}).`);
}

/** The one fenced block of `lang` in the section. */
function block(lang: string): string {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section);
  if (!m?.[1]) throw new Error(`no ${lang} block in the README's HTTPS section`);
  return m[1];
}

describe('the centre certificate script', () => {
  beforeAll(() => need('openssl', 'openssl'));
  it('makes a CA and a certificate for the README’s names, and keeps the CA when run again', () => {
    expect(section).toContain(
      `bash ${CERT_SCRIPT} /etc/citizen-guide/tls guide.centre.lan 192.168.1.20`,
    );
    const dir = join(mkdtempSync(join(tmpdir(), 'cg-cert-')), 'tls');
    execFileSync('bash', [CERT_SCRIPT, dir, 'guide.centre.lan', '192.168.1.20'], { stdio: 'pipe' });
    const verify = () =>
      run('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'cert.pem')]).out;
    expect(verify()).toContain(': OK');
    const san = run('openssl', [
      'x509',
      '-in',
      join(dir, 'cert.pem'),
      '-noout',
      '-ext',
      'subjectAltName',
    ]);
    expect(san.out).toContain('DNS:guide.centre.lan, IP Address:192.168.1.20');
    const ca = readFileSync(join(dir, 'ca.pem'), 'utf8');
    execFileSync('bash', [CERT_SCRIPT, dir, 'guide.centre.lan', 'kiosk.centre.lan'], {
      stdio: 'pipe',
    });
    expect(readFileSync(join(dir, 'ca.pem'), 'utf8')).toBe(ca);
    expect(verify()).toContain(': OK');
    // The key is nobody else's to read.
    expect(run('stat', ['-c', '%a', join(dir, 'key.pem')]).out.trim()).toBe('600');
  });

  it('says how to call it when a name is missing', () => {
    const r = run('bash', [CERT_SCRIPT, '/tmp/nowhere']);
    expect(r.status).toBe(2);
    expect(r.out).toContain('usage: centre-cert.sh DIR NAME');
  });
});

describe('the TLS drop-in for the service', () => {
  beforeAll(() => need('systemd-analyze', 'systemd'));
  it('passes systemd-analyze verify beside the unit, and gives the server both settings', () => {
    expect(section).toContain(
      `cp ${OPS}/citizen-guide-tls.conf /etc/systemd/system/citizen-guide.service.d/tls.conf`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'cg-unit-'));
    copyFileSync(join(OPS, 'citizen-guide.service'), join(dir, 'citizen-guide.service'));
    mkdirSync(join(dir, 'citizen-guide.service.d'));
    copyFileSync(
      join(OPS, 'citizen-guide-tls.conf'),
      join(dir, 'citizen-guide.service.d', 'tls.conf'),
    );
    const r = run('systemd-analyze', ['verify', join(dir, 'citizen-guide.service')]);
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
    const dropIn = readFileSync(join(OPS, 'citizen-guide-tls.conf'), 'utf8');
    expect(dropIn).toContain(
      'Environment=CITIZEN_GUIDE_TLS_CERT=%d/tls-cert CITIZEN_GUIDE_TLS_KEY=%d/tls-key',
    );
  });
});

describe('the Caddyfile', () => {
  beforeAll(() => need('caddy', 'caddy'));
  // Caddy keeps its local CA under XDG_DATA_HOME: a throw-away one, never the machine's.
  const home = mkdtempSync(join(tmpdir(), 'cg-caddy-'));
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
  };
  const file = join(home, 'Caddyfile');
  writeFileSync(file, block('caddyfile'));

  it('adapts to a TLS-internal site proxying to the server with Host passed through', () => {
    const r = run('caddy', ['adapt', '--config', file, '--adapter', 'caddyfile'], env);
    expect(r.status).toBe(0);
    const config = JSON.parse(r.out.slice(r.out.indexOf('{'), r.out.lastIndexOf('}') + 1)) as {
      apps: { tls: unknown; http: unknown };
    };
    expect(JSON.stringify(config.apps.tls)).toContain('"issuers":[{"module":"internal"}]');
    const http = JSON.stringify(config.apps.http);
    expect(http).toContain('"handler":"reverse_proxy"');
    expect(http).toContain('"dial":"127.0.0.1:8080"');
    expect(http).toContain('"Host":["{http.request.host}"]');
    expect(http).toContain('"host":["guide.centre.lan"]');
  });

  it('passes caddy validate', () => {
    const r = run('caddy', ['validate', '--config', file, '--adapter', 'caddyfile'], env);
    expect(r.out).toContain('Valid configuration');
    expect(r.status).toBe(0);
  });
});
