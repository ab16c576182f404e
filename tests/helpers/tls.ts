/**
 * TLS for tests: a test CA and a server certificate made by the README's own script
 * (src/server/ops/centre-cert.sh, Debian's openssl), HTTPS requests that trust that CA (Node's
 * fetch cannot be given a CA per call), and a Chromium profile home whose NSS store trusts it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  dir: string;
  /** `ServerOptions.tls`. */
  files: { cert: string; key: string };
  caFile: string;
  ca: string;
}

export const CERT_SCRIPT = 'src/server/ops/centre-cert.sh';

/** A fresh CA and a certificate for `names` (default centre.test, localhost and 127.0.0.1). */
export function makeTestCertificate(
  names: string[] = ['centre.test', 'localhost', '127.0.0.1'],
): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'cg-tls-'));
  execFileSync('bash', [CERT_SCRIPT, dir, ...names], { stdio: 'pipe' });
  const caFile = join(dir, 'ca.pem');
  return {
    dir,
    files: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') },
    caFile,
    ca: readFileSync(caFile, 'utf8'),
  };
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The answer's Set-Cookie lines. */
  cookies: string[];
}

/** One HTTPS request that trusts `ca` (only it). */
export function httpsFetch(
  url: string,
  ca: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: init.method ?? 'GET', headers: init.headers ?? {}, ca },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            cookies: res.headers['set-cookie'] ?? [],
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * A throw-away HOME whose NSS database (`$HOME/.pki/nssdb`, where Chromium on Linux looks)
 * trusts `caFile` for websites: the README's kiosk step, with Debian's certutil.
 */
export function homeTrusting(caFile: string): string {
  const home = mkdtempSync(join(tmpdir(), 'cg-home-'));
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password'], { stdio: 'pipe' });
  execFileSync(
    'certutil',
    ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'test-ca', '-i', caFile],
    { stdio: 'pipe' },
  );
  return home;
}
