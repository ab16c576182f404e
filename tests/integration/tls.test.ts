/**
 * Issue 8 section 2: the server serves HTTPS itself from the certificate and key in its
 * settings, and under HTTPS (direct, or behind a trusted proxy that says so in
 * X-Forwarded-Proto) its cookies are `Secure` and `__Host-` named, every reader of them (HTTP
 * auth, media, the CSRF rule, the cookie-signed socket handshake) takes those names, and HSTS
 * is sent; over plain HTTP none of that. src/protocol/README.md sections 1 and 2.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_NAMESPACE, type Welcome } from '../../src/protocol/index.js';
import { createEnrolCode, createUser } from '../../src/server/auth/accounts.js';
import { startServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import { freePort, killAllServers, spawnServer } from '../helpers/child-server.js';
import { cli } from '../helpers/cli.js';
import { freshDataDir, startTestServer, type TestServer } from '../helpers/test-server.js';
import { httpsFetch, makeTestCertificate, type TestCertificate } from '../helpers/tls.js';

const PASSWORD = 'correct horse battery';
const MEDIA = `/media/${'a'.repeat(64)}`;
const json = { 'content-type': 'application/json' };

let cert: TestCertificate;
beforeAll(() => {
  cert = makeTestCertificate();
});

/** Set-Cookie `name=value; attrs` as { name, value, attrs (lower-case, in order) }. */
function parseSetCookie(line: string): { name: string; value: string; attrs: string[] } {
  const [pair = '', ...attrs] = line.split(';').map((p) => p.trim());
  const eq = pair.indexOf('=');
  return {
    name: pair.slice(0, eq),
    value: pair.slice(eq + 1),
    attrs: attrs.map((a) => a.toLowerCase()),
  };
}

/** A browser-like cookie-signed handshake over `url`; resolves the role or the refusal code. */
function cookieHandshake(
  url: string,
  headers: Record<string, string>,
  ca?: string,
): Promise<string> {
  const socket = io(url + SYNC_NAMESPACE, {
    auth: { protocol: 1 },
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
    ...(ca ? { ca } : {}),
  });
  return new Promise<string>((resolve) => {
    socket.once('welcome', (w: Welcome) => resolve(`connected as ${w.role}`));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
      resolve(err.data?.code ?? `connect_error: ${err.message}`),
    );
  }).finally(() => socket.disconnect());
}

describe('HTTPS served by the server itself', () => {
  let t: TestServer;
  let origin: string;
  beforeAll(async () => {
    t = await startTestServer({ tls: cert.files });
    origin = t.server.url;
  });
  afterAll(async () => {
    await t.close();
  });

  const enrol = async (): Promise<ReturnType<typeof parseSetCookie>> => {
    const { code } = await createEnrolCode(t.server.store.db, 'Stuen', '');
    const res = await httpsFetch(`${origin}/api/devices/enrol`, cert.ca, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(200);
    expect(res.cookies).toHaveLength(1);
    return parseSetCookie(res.cookies[0] ?? '');
  };

  const login = async (): Promise<ReturnType<typeof parseSetCookie>> => {
    const username = `staff-${randomUUID().slice(0, 8)}`;
    await createUser(t.server.store.db, {
      username,
      password: PASSWORD,
      displayName: username,
      role: 'staff',
    });
    const res = await httpsFetch(`${origin}/api/login`, cert.ca, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return parseSetCookie(res.cookies[0] ?? '');
  };

  it('answers over https with the CA it was given, and says HSTS', async () => {
    expect(origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await httpsFetch(`${origin}/healthz`, cert.ca);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
    expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
    // A client that does not trust the CA gets no answer at all.
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
  });

  it('sets the kiosk and session cookies as __Host- and Secure, Path=/, no Domain', async () => {
    const device = await enrol();
    expect(device.name).toBe('__Host-cg_device');
    expect(device.attrs).toEqual(
      expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=strict']),
    );
    expect(device.attrs.some((a) => a.startsWith('domain'))).toBe(false);
    const session = await login();
    expect(session.name).toBe('__Host-cg_session');
    expect(session.attrs).toEqual(
      expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=strict']),
    );
    expect(session.attrs.some((a) => a.startsWith('domain'))).toBe(false);
  });

  it('reads media by the __Host- cookies, and not by the plain-HTTP names', async () => {
    const device = await enrol();
    const session = await login();
    const media = (cookie: string) =>
      httpsFetch(`${origin}${MEDIA}`, cert.ca, { headers: { cookie } }).then((r) => r.status);
    // 404: known, and no such blob; 401: no credential at all.
    expect(await media(`__Host-cg_device=${device.value}`)).toBe(404);
    expect(await media(`__Host-cg_session=${session.value}`)).toBe(404);
    expect(await media(`cg_device=${device.value}`)).toBe(401);
    expect(await media(`cg_session=${session.value}`)).toBe(401);
  });

  it('holds a __Host- cookie to the same-origin rule, and logs out by clearing that cookie', async () => {
    const session = await login();
    const cookie = `__Host-cg_session=${session.value}`;
    const logout = (headers: Record<string, string>) =>
      httpsFetch(`${origin}/api/logout`, cert.ca, {
        method: 'POST',
        headers: { ...json, cookie, ...headers },
        body: '{}',
      });
    expect((await logout({ origin: 'https://evil.example' })).status).toBe(403);
    const own = await logout({ origin });
    expect(own.status).toBe(200);
    const cleared = parseSetCookie(own.cookies[0] ?? '');
    expect(cleared).toMatchObject({ name: '__Host-cg_session', value: '' });
    expect(cleared.attrs).toEqual(expect.arrayContaining(['path=/', 'secure']));
  });

  it('opens a cookie-signed socket over wss with __Host-cg_session, not with cg_session', async () => {
    const session = await login();
    expect(
      await cookieHandshake(
        origin,
        { cookie: `__Host-cg_session=${session.value}`, origin },
        cert.ca,
      ),
    ).toBe('connected as staff');
    expect(
      await cookieHandshake(origin, { cookie: `cg_session=${session.value}`, origin }, cert.ca),
    ).toBe('unauthorized');
  });
});

describe('plain HTTP, and a proxy that says https', () => {
  let plain: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    plain = await startTestServer();
    // The tests' requests come from 127.0.0.1: here that is the trusted proxy.
    proxied = await startTestServer({ trustProxy: ['loopback'] });
  });
  afterAll(async () => {
    await plain.close();
    await proxied.close();
  });

  const enrolCookie = async (t: TestServer, headers: Record<string, string>) => {
    const { code } = await createEnrolCode(t.server.store.db, 'Stuen', '');
    const res = await fetch(`${t.url}/api/devices/enrol`, {
      method: 'POST',
      headers: { ...json, ...headers },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(200);
    return { res, cookie: parseSetCookie(res.headers.getSetCookie()[0] ?? '') };
  };

  it('over plain HTTP: no HSTS, plain names, no Secure, whatever an untrusted peer claims', async () => {
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }]) {
      const { res, cookie } = await enrolCookie(plain, headers);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(cookie.name).toBe('cg_device');
      expect(cookie.attrs).not.toContain('secure');
      const health = await fetch(`${plain.url}/healthz`, { headers });
      expect(health.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('behind a trusted proxy that says https: __Host- and Secure, HSTS; http stays plain', async () => {
    const viaTls = await enrolCookie(proxied, { 'x-forwarded-proto': 'https' });
    expect(viaTls.cookie.name).toBe('__Host-cg_device');
    expect(viaTls.cookie.attrs).toContain('secure');
    expect(viaTls.res.headers.get('strict-transport-security')).toBe('max-age=15552000');
    const device = viaTls.cookie.value;
    const media = (headers: Record<string, string>) =>
      fetch(`${proxied.url}${MEDIA}`, { headers }).then((r) => r.status);
    expect(
      await media({ 'x-forwarded-proto': 'https', cookie: `__Host-cg_device=${device}` }),
    ).toBe(404);
    expect(await media({ 'x-forwarded-proto': 'https', cookie: `cg_device=${device}` })).toBe(401);
    // The nearest proxy's entry counts (the last one), as fastify reads it.
    expect(
      await media({ 'x-forwarded-proto': 'http, https', cookie: `__Host-cg_device=${device}` }),
    ).toBe(404);

    const viaHttp = await enrolCookie(proxied, { 'x-forwarded-proto': 'http' });
    expect(viaHttp.cookie.name).toBe('cg_device');
    expect(viaHttp.res.headers.get('strict-transport-security')).toBeNull();
  });

  it('reads the socket handshake’s cookie by the same rule as HTTP', async () => {
    const session = async (t: TestServer) => {
      const token = await t.userToken('staff');
      return token;
    };
    const origin = (t: TestServer) => new URL(t.url).origin;
    const pToken = await session(proxied);
    const https = { 'x-forwarded-proto': 'https', origin: origin(proxied) };
    expect(
      await cookieHandshake(proxied.url, { ...https, cookie: `__Host-cg_session=${pToken}` }),
    ).toBe('connected as staff');
    expect(await cookieHandshake(proxied.url, { ...https, cookie: `cg_session=${pToken}` })).toBe(
      'unauthorized',
    );
    // Not trusted: X-Forwarded-Proto is the client's word, and the plain name is the one read.
    const token = await session(plain);
    const claim = { 'x-forwarded-proto': 'https', origin: origin(plain) };
    expect(
      await cookieHandshake(plain.url, { ...claim, cookie: `__Host-cg_session=${token}` }),
    ).toBe('unauthorized');
    expect(await cookieHandshake(plain.url, { ...claim, cookie: `cg_session=${token}` })).toBe(
      'connected as staff',
    );
  });
});

describe('TLS settings that cannot work', () => {
  const start = (tls: { cert: string; key: string }) =>
    startServer({
      dataDir: freshDataDir(),
      port: 0,
      logger: createLogger('silent'),
      uiDir: null,
      tls,
    });

  it('refuses a missing file, a file that is not PEM, and a key of another certificate', async () => {
    await expect(start({ cert: '/nonexistent/cert.pem', key: cert.files.key })).rejects.toThrow(
      'Cannot read the TLS certificate /nonexistent/cert.pem (ENOENT).',
    );
    await expect(start({ cert: cert.files.cert, key: '/nonexistent/key.pem' })).rejects.toThrow(
      'Cannot read the TLS key /nonexistent/key.pem (ENOENT).',
    );
    const garbage = join(cert.dir, 'garbage.pem');
    writeFileSync(garbage, 'not a certificate\n');
    await expect(start({ cert: garbage, key: cert.files.key })).rejects.toThrow(
      'cannot be used together',
    );
    const other = makeTestCertificate(['other.test']);
    await expect(start({ cert: cert.files.cert, key: other.files.key })).rejects.toThrow(
      'cannot be used together',
    );
  });

  it('serve says so and exits 2: one of the two options alone, or a missing file', () => {
    const alone = cli(
      'serve',
      '--data',
      freshDataDir(),
      '--port',
      '0',
      '--tls-cert',
      cert.files.cert,
    );
    expect(alone.status).toBe(2);
    expect(alone.out).toContain('HTTPS needs both --tls-cert FILE');
    expect(alone.out).not.toMatch(/\n\s+at /);
    const missing = cli(
      'serve',
      '--data',
      freshDataDir(),
      '--port',
      '0',
      '--tls-cert',
      '/nonexistent/c.pem',
      '--tls-key',
      cert.files.key,
    );
    expect(missing.status).toBe(2);
    expect(missing.out).toContain('Cannot read the TLS certificate /nonexistent/c.pem (ENOENT).');
  });
});

describe('serve with a certificate', () => {
  afterAll(killAllServers);

  it('serves HTTPS from env settings (as systemd gives them) and records an https kiosk address', async () => {
    const dataDir = freshDataDir();
    const port = await freePort();
    process.env.CITIZEN_GUIDE_TLS_CERT = cert.files.cert;
    process.env.CITIZEN_GUIDE_TLS_KEY = cert.files.key;
    let server: Awaited<ReturnType<typeof spawnServer>>;
    try {
      server = await spawnServer(dataDir, port);
    } finally {
      delete process.env.CITIZEN_GUIDE_TLS_CERT;
      delete process.env.CITIZEN_GUIDE_TLS_KEY;
    }
    expect(server.output()).toContain(`"url":"https://127.0.0.1:${port}"`);
    const res = await httpsFetch(`https://127.0.0.1:${port}/healthz`, cert.ca);
    expect(res.status).toBe(200);
    await expect.poll(() => existsSync(join(dataDir, 'kiosk-address'))).toBe(true);
    await server.stop();
    const r = cli('enrol-code', '--name', 'Gangen', '--data', dataDir);
    expect(r.status).toBe(0);
    expect(r.out).toContain(`https://127.0.0.1:${port}/kiosk/#enrol=`);
  });
});
