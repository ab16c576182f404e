/**
 * Who may connect and what they may do: handshake errors, kiosk revocation (by staff, and by the
 * CLI from another process), enrolment codes, logout, the login rate limit, and roles.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEnrolCode, createUser, revokeDevice } from '../../src/server/auth/accounts.js';
import { openTestDb } from '../helpers/test-database.js';
import { activity, HOUR, resident, seedResidents } from '../helpers/fixtures.js';
import {
  apply,
  connectSocket,
  disconnected,
  mutate,
  pull,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';
import { anyString, matching } from '../helpers/matchers.js';

let t: TestServer;
afterEach(async () => {
  await t.close();
});

async function post(
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const refusal = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'connected',
    (err: { code?: string }) => err.code,
  );

describe('connecting', () => {
  it('a bad or missing token is refused with "unauthorized"', async () => {
    t = await startTestServer();
    expect(await refusal(connectSocket(t.url, 'not-a-real-token'))).toBe('unauthorized');
    expect(await refusal(connectSocket(t.url, ''))).toBe('unauthorized');
    expect(await refusal(connectSocket(t.url, 'x'.repeat(5000)))).toBe('unauthorized');
  });

  it('a client speaking another protocol version is refused with "protocol_mismatch"', async () => {
    t = await startTestServer();
    const token = await t.kioskToken();
    expect(await refusal(connectSocket(t.url, token, 2))).toBe('protocol_mismatch');
    expect(await refusal(connectSocket(t.url, token, 0))).toBe('protocol_mismatch');
    expect(await refusal(connectSocket(t.url, token, 1))).toBe('connected');
  });

  it('an expired session is refused', async () => {
    let later = 0;
    t = await startTestServer({ now: () => new Date(Date.now() + later) });
    const token = await t.userToken('staff');
    expect(await refusal(connectSocket(t.url, token))).toBe('connected');
    later = 31 * 24 * HOUR;
    expect(await refusal(connectSocket(t.url, token))).toBe('unauthorized');
  });
});

describe('revoking a kiosk', () => {
  it('by staff disconnects it within a second, and it cannot connect again', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    const { token, deviceId } = await t.enrolKiosk('Stuen');
    const kiosk = await t.connect(token);
    const other = await t.connect(await t.kioskToken('Gangen'));
    const gone = disconnected(kiosk, 1000);
    const started = Date.now();
    expect(await mutate(staff, 'device.revoke', { deviceId })).toMatchObject({ status: 'applied' });
    expect(await gone).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await refusal(connectSocket(t.url, token))).toBe('unauthorized');
    expect(other.connected).toBe(true);
    expect(await mutate(staff, 'device.revoke', { deviceId: 'no-such-kiosk' })).toMatchObject({
      status: 'rejected',
      code: 'not_found',
    });
  });

  it('from the command line (another process) disconnects it within about a second', async () => {
    t = await startTestServer({ revocationPollMs: 1000 });
    const { token, deviceId } = await t.enrolKiosk('Stuen');
    const kiosk = await t.connect(token);
    const gone = disconnected(kiosk, 3000);
    // The CLI opens the database on its own, as `npm run server -- revoke-device` does.
    const cli = await openTestDb(t.dataDir);
    const started = Date.now();
    expect(await revokeDevice(cli, deviceId)).toBe(true);
    await cli.destroy();
    expect(await gone).toBe('io server disconnect');
    // One poll interval, plus slack for a busy test machine.
    expect(Date.now() - started).toBeLessThan(1800);
    expect(await refusal(connectSocket(t.url, token))).toBe('unauthorized');
  });
});

describe('enrolling a kiosk', () => {
  it('exchanges a one-time code for a token that connects as a kiosk', async () => {
    t = await startTestServer();
    const { code, deviceId } = await createEnrolCode(t.server.store.db, 'Stuen');
    const res = await post('/api/devices/enrol', { code: code.toLowerCase().replace('-', ' ') });
    expect(res).toMatchObject({
      status: 200,
      body: { deviceId, name: 'Stuen', token: anyString() },
    });
    const socket = await connectSocket(t.url, res.body.token as string);
    expect(socket.connected).toBe(true);
    socket.disconnect();
    const row = await t.server.store.db
      .selectFrom('device')
      .select('token_hash')
      .where('id', '=', deviceId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(res.body.token);
  });

  it('refuses an expired code, saying it expired', async () => {
    t = await startTestServer();
    const { code } = await createEnrolCode(
      t.server.store.db,
      'Stuen',
      '',
      new Date(Date.now() - HOUR),
    );
    const res = await post('/api/devices/enrol', { code });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'code_expired', message: matching(/expired/i) });
  });

  it('refuses a code used before, saying it was used', async () => {
    t = await startTestServer();
    const { code } = await createEnrolCode(t.server.store.db, 'Stuen');
    expect((await post('/api/devices/enrol', { code })).status).toBe(200);
    const again = await post('/api/devices/enrol', { code });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      error: 'code_used',
      message: matching(/already been used/i),
    });
  });

  it('refuses an unknown code, and a code of a kiosk staff removed', async () => {
    t = await startTestServer();
    expect((await post('/api/devices/enrol', { code: 'AAAAA-BBBBB' })).body).toMatchObject({
      error: 'code_unknown',
    });
    const { code, deviceId } = await createEnrolCode(t.server.store.db, 'Stuen');
    await revokeDevice(t.server.store.db, deviceId);
    expect(await post('/api/devices/enrol', { code })).toMatchObject({
      status: 403,
      body: { error: 'device_revoked' },
    });
  });
});

describe('sessions', () => {
  it('logging out disconnects the session’s socket and the token stops working', async () => {
    t = await startTestServer();
    const token = await t.userToken('staff');
    const socket = await t.connect(token);
    const otherStaff = await t.connect(await t.userToken('staff'));
    const gone = disconnected(socket, 2000);
    expect((await post('/api/logout', {}, token)).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(await refusal(connectSocket(t.url, token))).toBe('unauthorized');
    expect((await post('/api/devices', { name: 'Ny kiosk' }, token)).status).toBe(401);
    // Other sessions are untouched.
    expect(otherStaff.connected).toBe(true);
    expect(await pull(otherStaff, 0)).toMatchObject({ more: false });
  });

  it('login is rate limited: after 10 failed attempts even the right password gets 429', async () => {
    t = await startTestServer();
    await createUser(t.server.store.db, {
      username: 'mette',
      password: 'correct horse battery',
      displayName: 'Mette',
      role: 'staff',
    });
    for (let i = 0; i < 10; i++) {
      expect((await post('/api/login', { username: 'mette', password: `wrong ${i}` })).status).toBe(
        401,
      );
    }
    const limited = await post('/api/login', {
      username: 'mette',
      password: 'correct horse battery',
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'rate_limited', message: anyString() });
    // Another user from the same place is not locked out.
    await createUser(t.server.store.db, {
      username: 'jonas',
      password: 'correct horse battery',
      displayName: 'Jonas',
      role: 'staff',
    });
    expect(
      (await post('/api/login', { username: 'jonas', password: 'correct horse battery' })).status,
    ).toBe(200);
  });
});

describe('roles', () => {
  it('a kiosk may not publish news or revoke kiosks: "forbidden"', async () => {
    t = await startTestServer();
    const kiosk = await t.connect(await t.kioskToken());
    const news = {
      id: 'n1',
      title: 'Hej',
      body: '',
      media: [],
      publishAt: new Date().toISOString(),
      expiresAt: null,
      audience: { kind: 'all' as const },
    };
    expect(await mutate(kiosk, 'news.put', news)).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
    });
    expect(await mutate(kiosk, 'device.revoke', { deviceId: 'x' })).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
    });
    const relative = await t.connect(await t.userToken('relative', ['r1']));
    expect(await mutate(relative, 'news.put', news)).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
    });
    expect(await t.server.store.db.selectFrom('news').selectAll().execute()).toEqual([]);
  });

  it('a relative may sign up their own resident but not another: "not_found"', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(staff, 'activity.put', activity('a1'));
    const relative = await t.connect(await t.userToken('relative', ['r1']));
    // Only where staff allowed relatives to act for the resident (`relativesMayAct`).
    expect(
      await mutate(relative, 'signup.add', { activityId: 'a1', residentId: 'r1' }),
    ).toMatchObject({ status: 'rejected', code: 'forbidden', reason: 'relatives_may_not_act' });
    await apply(staff, 'resident.put', resident('r1', { relativesMayAct: true }));
    expect(
      await mutate(relative, 'signup.add', { activityId: 'a1', residentId: 'r1' }),
    ).toMatchObject({ status: 'applied' });
    const other = await mutate(relative, 'signup.add', { activityId: 'a1', residentId: 'r2' });
    expect(other).toMatchObject({ status: 'rejected', code: 'not_found' });
    // The same answer as for a resident who does not exist: nothing is given away.
    const ghost = await mutate(relative, 'signup.add', { activityId: 'a1', residentId: 'nobody' });
    expect(ghost).toEqual(other);
  });

  it('a kiosk may not sign up a resident who is not shown on the wall: "forbidden"', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 2, (i) => i === 1);
    await apply(staff, 'activity.put', activity('a1'));
    const kiosk = await t.connect(await t.kioskToken());
    expect(await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r2' })).toMatchObject(
      {
        status: 'rejected',
        code: 'forbidden',
        reason: 'no_consent',
      },
    );
    expect(await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' })).toMatchObject(
      { status: 'applied' },
    );
    // Staff may still sign the resident up on their behalf.
    expect(await mutate(staff, 'signup.add', { activityId: 'a1', residentId: 'r2' })).toMatchObject(
      { status: 'applied' },
    );
  });
});
