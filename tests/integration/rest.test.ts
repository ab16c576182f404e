/**
 * The REST layer beside the socket, as an operator and the staff page meet it: health and
 * metrics, login and kiosk creation, media, and clear JSON errors for everything else.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/auth/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { anyString, matching } from '../helpers/matchers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

async function call(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${t.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  });
}

describe('health and metrics', () => {
  it('/healthz answers only ok (the numbers are for /metrics)', async () => {
    await t.connect(await t.kioskToken());
    const res = await call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/metrics speaks the Prometheus text format (to this machine)', async () => {
    await t.connect(await t.kioskToken());
    const res = await call('GET', '/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(
      /^citizen_guide_connected_clients\{role="kiosk",node="[^"]+"\} [1-9]\d*$/m,
    );
  });
});

describe('logging in', () => {
  it('gives a session token in an HttpOnly, SameSite cookie', async () => {
    await createUser(t.server.store.db, {
      username: 'karen',
      password: 'correct horse battery',
      displayName: 'Karen',
      role: 'staff',
    });
    const res = await call(
      'POST',
      '/api/login',
      JSON.stringify({ username: 'karen', password: 'correct horse battery' }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      token: anyString(),
      role: 'staff',
      displayName: 'Karen',
    });
    expect(res.headers.get('set-cookie')).toMatch(/cg_session=.+; HttpOnly; SameSite=Strict/);
  });

  it('says the same for an unknown user as for a wrong password', async () => {
    const wrong = await call(
      'POST',
      '/api/login',
      JSON.stringify({ username: 'karen', password: 'not her password' }),
    );
    const unknown = await call(
      'POST',
      '/api/login',
      JSON.stringify({ username: 'nobody-here', password: 'whatever it is' }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });
});

describe('creating a kiosk', () => {
  it('needs a staff login; the code it gives enrols a kiosk', async () => {
    expect((await call('POST', '/api/devices', JSON.stringify({ name: 'Stuen' }))).status).toBe(
      401,
    );
    const relative = await t.userToken('relative', ['r1']);
    const asRelative = await call('POST', '/api/devices', JSON.stringify({ name: 'Stuen' }), {
      authorization: `Bearer ${relative}`,
    });
    expect(asRelative.status).toBe(403);
    const staff = await t.userToken('staff');
    const created = await call(
      'POST',
      '/api/devices',
      JSON.stringify({ name: 'Stuen', location: 'Hus A' }),
      { authorization: `Bearer ${staff}` },
    );
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as { code: string };
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const enrolled = await call('POST', '/api/devices/enrol', JSON.stringify({ code }));
    expect(enrolled.status).toBe(200);
  });
});

describe('media', () => {
  it('serves a stored blob by its hash, cacheable for ever', async () => {
    const bytes = Buffer.from('not really a photo');
    const hash = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(join(t.dataDir, 'media'), { recursive: true });
    writeFileSync(join(t.dataDir, 'media', hash), bytes);
    // Staff may fetch any blob (who else may: media-access.test.ts); nobody anonymous.
    expect((await call('GET', `/media/${hash}`)).status).toBe(401);
    const staff = { authorization: `Bearer ${await t.userToken('staff')}` };
    const res = await call('GET', `/media/${hash}`, undefined, staff);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('refuses an address that is no hash, and says when a blob is missing', async () => {
    expect((await call('GET', '/media/..%2F..%2Fcitizen-guide.db')).status).toBe(400);
    const staff = { authorization: `Bearer ${await t.userToken('staff')}` };
    expect((await call('GET', `/media/${'0'.repeat(64)}`, undefined, staff)).status).toBe(404);
  });
});

describe('errors', () => {
  it('answers bad requests with a JSON error and a plain message', async () => {
    const notJson = await call('POST', '/api/login', '{"username": ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'invalid', message: anyString() });
    const notObject = await call('POST', '/api/devices/enrol', '[1,2,3]');
    expect(notObject.status).toBe(400);
    const missing = await call('POST', '/api/devices/enrol', '{}');
    expect(await missing.json()).toMatchObject({ error: 'invalid' });
    // An oversize body gets its answer, not a reset connection.
    const huge = await call(
      'POST',
      '/api/login',
      JSON.stringify({ username: 'x', password: 'y'.repeat(100_000) }),
    );
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({
      error: 'too_large',
      message: matching(/larger than/),
    });
    const nothing = await call('GET', '/api/nothing-here');
    expect(nothing.status).toBe(404);
    expect(await nothing.json()).toMatchObject({ error: 'not_found' });
    // The server is still fine after all that.
    expect((await call('GET', '/healthz')).status).toBe(200);
  });
});
