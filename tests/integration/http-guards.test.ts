/**
 * What every HTTP answer shares (src/protocol/README.md section 2): one JSON error shape, where a
 * client's mistake is a 4xx and never a logged error, and only a server bug is a 500 with one
 * error line; the security headers; the same-origin rule for requests signed in by cookie; and
 * the client address behind a trusted reverse proxy (trustProxy).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../src/server/http/app.js';
import { openTestDb } from '../helpers/test-database.js';
import type { Store } from '../../src/server/store/store.js';
import { dialectOf } from '../../src/server/store/dialect.js';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';
import { freshDataDir, startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer;
let log: CapturedLog;
let uiBase: string;
let broken = false;
beforeAll(async () => {
  log = captureLog('debug');
  uiBase = mkdtempSync(join(tmpdir(), 'cg-ui-'));
  mkdirSync(join(uiBase, 'kiosk'));
  writeFileSync(join(uiBase, 'kiosk', 'index.html'), '<!doctype html><title>kiosk</title>');
  // A store whose every query fails while `broken`: a stand-in for a real server-side failure.
  const dataDir = freshDataDir();
  const base = await openTestDb(dataDir);
  const db = base.withPlugin({
    transformQuery: (args) => {
      if (broken) throw new Error('the disk is on fire');
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  });
  const store: Store = { db, dialect: dialectOf(base), close: () => base.destroy() };
  t = await startTestServer({ dataDir, store, logger: log.logger, uiDir: uiBase });
});
afterAll(async () => {
  await t.close();
  rmSync(uiBase, { recursive: true, force: true });
});
afterEach(() => {
  broken = false;
});

const logged = (minLevel: number): Record<string, unknown>[] =>
  log.lines.filter((l) => typeof l.level === 'number' && l.level >= minLevel);

function call(
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${t.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
}

describe('a client mistake', () => {
  const hash = createHash('sha256').update('x').digest('hex');
  it.each([
    ['bad JSON', 'POST', '/api/login', { body: '{"username": ' }, 400, 'invalid'],
    ['an empty JSON body', 'POST', '/api/login', { body: '' }, 400, 'invalid'],
    ['a JSON array', 'POST', '/api/devices/enrol', { body: '[1,2,3]' }, 400, 'invalid'],
    [
      'a body against its schema',
      'POST',
      '/api/devices/enrol',
      { body: '{"code":7}' },
      400,
      'invalid',
    ],
    [
      'a wrong content type',
      'POST',
      '/api/login',
      {
        body: 'username=a&password=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      415,
      'unsupported_media_type',
    ],
    [
      'an oversize body',
      'POST',
      '/api/login',
      { body: JSON.stringify({ username: 'x', password: 'y'.repeat(100_000) }) },
      413,
      'too_large',
    ],
    [
      'a multipart body where JSON is expected',
      'POST',
      '/api/login',
      {
        body: '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nann\r\n--x--\r\n',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      },
      400,
      'invalid',
    ],
    [
      'a malformed cookie',
      'GET',
      `/media/${hash}`,
      { headers: { cookie: 'cg_session=%E0%A4%A; cg_device=%' } },
      401,
      'unauthorized',
    ],
    ['a malformed %-escape', 'GET', '/kiosk/%E0%A4%A', {}, 400, 'invalid'],
    [
      'a malformed %-escape in the query',
      'GET',
      '/api/speech?lang=%&text=%E0%A4%A',
      {},
      401,
      'unauthorized',
    ],
    ['an unknown route', 'GET', '/api/nothing-here', {}, 404, 'not_found'],
    ['an unknown method', 'PUT', '/healthz', { body: '{}' }, 404, 'not_found'],
  ] as const)(
    '(%s) gets a 4xx in the JSON shape and logs no error',
    async (_, method, path, init, status, code) => {
      const before = log.lines.length;
      const res = await call(method, path, init);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toEqual({ error: code, message: expect.any(String) as string });
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
      const lines = log.lines.slice(before);
      expect(lines.filter((l) => (l.level as number) >= 40)).toEqual([]);
      expect(
        lines.some((l) => 'stack' in l || (l.err as { stack?: unknown } | undefined)?.stack),
      ).toBe(false);
    },
  );
});

describe('a server failure', () => {
  it('is a 500 internal with one error line (with the stack), and nothing of it in the answer', async () => {
    const before = logged(50).length;
    broken = true;
    const res = await call('POST', '/api/devices/enrol', { body: '{"code":"ABCDE-FGHJK"}' });
    broken = false;
    expect(res.status).toBe(500);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: 'internal', message: expect.any(String) as string });
    expect(JSON.stringify(body)).not.toMatch(/disk is on fire/);
    const errors = logged(50).slice(before);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'http request failed', url: '/api/devices/enrol' });
    expect((errors[0]?.err as { stack?: string }).stack).toMatch(/disk is on fire/);
    expect((await call('GET', '/healthz')).status).toBe(200);
  });
});

describe('security headers', () => {
  it.each([
    ['GET', '/healthz'],
    ['GET', '/kiosk/'],
    ['GET', '/kiosk/some/route'],
    ['GET', '/api/nothing-here'],
    ['POST', '/api/login'],
    ['GET', `/media/${'0'.repeat(64)}`],
    ['GET', '/media/not-a-hash'],
    ['GET', '/'],
  ])('are on the answer to %s %s', async (method, path) => {
    const res = await fetch(`${t.url}${path}`, { method, redirect: 'manual' });
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string): string[] =>
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .find(([n]) => n === name)
        ?.slice(1) ?? [];
    expect(directive('default-src')).toEqual(["'self'"]);
    // The server's own origin only: 'self' covers its ws:/wss: too (the kiosk e2e tests connect
    // under this policy in Chromium); a bare ws: would allow a socket to any host.
    expect(directive('connect-src')).toEqual(["'self'"]);
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(directive('object-src')).toEqual(["'none'"]);
    expect(directive('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/upgrade-insecure-requests/); // the LAN is plain HTTP until TLS
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('permissions-policy')).toMatch(
      /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
    );
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('a request signed in by cookie', () => {
  const create = (headers: Record<string, string>): Promise<Response> =>
    call('POST', '/api/devices', { body: JSON.stringify({ name: 'Stuen' }), headers });

  it('changes something only from this server’s own pages (Origin or Sec-Fetch-Site)', async () => {
    const cookie = `cg_session=${await t.userToken('staff')}`;
    const own = new URL(t.url).origin;
    for (const headers of [
      { cookie },
      { cookie, origin: 'http://evil.example' },
      { cookie, origin: `${own}.evil.example` },
      { cookie, origin: 'null' },
      { cookie, 'sec-fetch-site': 'cross-site' },
      { cookie, 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await create(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'forbidden' });
    }
    expect((await create({ cookie, origin: own })).status).toBe(201);
    expect((await create({ cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
  });

  it('cannot be logged out by another site; its own page can', async () => {
    const token = await t.userToken('staff');
    const cookie = `cg_session=${token}`;
    const foreign = await call('POST', '/api/logout', {
      body: '{}',
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect((await t.connect(token)).connected).toBe(true);
    const own = await call('POST', '/api/logout', {
      body: '{}',
      headers: { cookie, origin: new URL(t.url).origin },
    });
    expect(own.status).toBe(200);
  });

  it('does not concern a bearer header (kiosks) nor reading (GET)', async () => {
    const staff = await t.userToken('staff');
    const res = await create({ authorization: `Bearer ${staff}`, origin: 'http://evil.example' });
    expect(res.status).toBe(201);
    const kiosk = await t.kioskToken();
    const renew = await fetch(`${t.url}/api/devices/cookie`, {
      method: 'POST',
      headers: { authorization: `Bearer ${kiosk}`, cookie: `cg_device=${kiosk}` },
    });
    expect(renew.status).toBe(200);
    const read = await fetch(`${t.url}/media/${'0'.repeat(64)}`, {
      headers: { cookie: `cg_session=${staff}`, origin: 'http://evil.example' },
    });
    expect(read.status).toBe(404); // allowed to ask; the file is missing
  });
});

describe('the client address (trustProxy)', () => {
  const enrolAttempts = async (
    server: TestServer,
    forwardedFor: (i: number) => string,
  ): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await fetch(`${server.url}/api/devices/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor(i) },
        body: JSON.stringify({ code: 'AAAAA-BBBBB' }),
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    return statuses;
  };

  it('is the connection’s own by default: X-Forwarded-For is not believed', async () => {
    const own = await startTestServer();
    try {
      const statuses = await enrolAttempts(own, (i) => `203.0.113.${i}`);
      expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
      expect(statuses[20]).toBe(429);
    } finally {
      await own.close();
    }
  });

  it('is the one a trusted proxy names, for limits and logs', async () => {
    const proxyLog = captureLog('debug');
    const behind = await startTestServer({ trustProxy: ['127.0.0.1'], logger: proxyLog.logger });
    try {
      const many = await enrolAttempts(behind, (i) => `203.0.113.${i}`);
      expect(many.every((s) => s === 400)).toBe(true);
      const one = await enrolAttempts(behind, () => '198.51.100.7');
      expect(one[20]).toBe(429);
      const lines = proxyLog.find(/client error/);
      expect(lines.map((l) => l.ip)).toContain('203.0.113.5');
      expect(lines.at(-1)?.ip).toBe('198.51.100.7');
    } finally {
      await behind.close();
    }
  });
});

describe('serve --trust-proxy', () => {
  it('takes addresses, CIDR ranges and loopback, and refuses anything else', () => {
    expect(parseTrustProxy('loopback')).toEqual(['loopback']);
    expect(parseTrustProxy('10.0.0.2, 192.168.0.0/16,::1,fd00::/8')).toEqual([
      '10.0.0.2',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
    ]);
    for (const bad of ['', ',', 'true', '*', 'proxy.lan', '10.0.0.0/33', '10.0.0.1/8/8', '::1/129'])
      expect(() => parseTrustProxy(bad), bad).toThrow(/--trust-proxy/);
  });
});
