/**
 * Logins from the staff admin (issue 9): an admin creates staff, disables and enables them,
 * resets a password and ends sessions, each a mutation through the same accounts.ts the command
 * line uses; staff see the `user` mirror (never a hash), nobody else does; only admins may
 * change logins; the password never reaches the audit. `POST /api/password` changes one's own.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apply,
  mutate,
  pullAll,
  replay,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let admin: SyncSocket;
let adminToken: string;
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.userToken('admin');
  admin = await t.connect(adminToken);
});
afterAll(async () => {
  await t.close();
});

const login = (username: string, password: string): Promise<Response> =>
  fetch(`${t.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

async function newStaff(username = `s-${randomUUID().slice(0, 6)}`, password = 'first-password-1') {
  const userId = randomUUID();
  await apply(admin, 'user.create', {
    userId,
    username,
    displayName: 'Mette Hansen',
    role: 'staff',
    password,
  });
  return { userId, username, password };
}

describe('logins from the staff admin', () => {
  it('an admin creates a staff login: it can log in, and staff see it without any secret', async () => {
    const { userId, username, password } = await newStaff();
    expect((await login(username, password)).status).toBe(200);
    const staff = await t.connect(await t.userToken('staff'));
    const changes = (await pullAll(staff)).changes;
    const user = replay(changes, 'user').get(userId);
    expect(user).toEqual({
      id: userId,
      username,
      displayName: 'Mette Hansen',
      role: 'staff',
      disabled: false,
      residentIds: [],
      createdAt: expect.any(String) as string,
    });
    expect(JSON.stringify(changes)).not.toMatch(/scrypt|password/i);
    const kiosk = await t.connect(await t.kioskToken());
    expect((await pullAll(kiosk)).changes.filter((c) => c.type === 'user')).toEqual([]);
  });

  it('disabling ends their sessions and sockets at once; enabling lets them log in again', async () => {
    const { userId, username, password } = await newStaff();
    const token = ((await (await login(username, password)).json()) as { token: string }).token;
    const socket = await t.connect(token);
    const closed = new Promise<void>((r) => socket.once('disconnect', () => r()));
    await apply(admin, 'user.disable', { userId });
    await closed;
    expect((await login(username, password)).status).toBe(401);
    expect(replay((await pullAll(admin)).changes, 'user').get(userId)?.disabled).toBe(true);
    await apply(admin, 'user.enable', { userId });
    expect((await login(username, password)).status).toBe(200);
  });

  it('a password reset works once set, ends old sessions, and is never written in the audit', async () => {
    const { userId, username, password } = await newStaff();
    const token = ((await (await login(username, password)).json()) as { token: string }).token;
    await apply(admin, 'user.resetPassword', { userId, password: 'one-time-secret-9' });
    expect((await login(username, password)).status).toBe(401);
    expect((await login(username, 'one-time-secret-9')).status).toBe(200);
    const old = await fetch(`${t.url}/api/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(old.status).toBe(401);
    const rows = await t.server.store.db.selectFrom('audit').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('one-time-secret-9');
    expect(JSON.stringify(rows)).not.toContain('first-password-1');
    const reset = rows.find((r) => r.action === 'user.resetPassword');
    expect(JSON.parse(reset?.detail ?? '{}')).toEqual({ userId, password: 'set' });
    expect(reset?.entity_id).toBe(userId);
  });

  it('revokeSessions logs them out everywhere but keeps the login', async () => {
    const { userId, username, password } = await newStaff();
    const token = ((await (await login(username, password)).json()) as { token: string }).token;
    await apply(admin, 'user.revokeSessions', { userId });
    const s = await fetch(`${t.url}/api/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(s.status).toBe(401);
    expect((await login(username, password)).status).toBe(200);
  });

  it('refuses staff and kiosks, a taken username, a short password, unknown ids, relatives and oneself', async () => {
    const { userId, username } = await newStaff();
    const staff = await t.connect(await t.userToken('staff'));
    const kiosk = await t.connect(await t.kioskToken());
    for (const socket of [staff, kiosk])
      for (const [name, args] of [
        ['user.disable', { userId }],
        ['user.enable', { userId }],
        ['user.revokeSessions', { userId }],
        ['user.resetPassword', { userId, password: 'long-enough-1' }],
        [
          'user.create',
          {
            userId: randomUUID(),
            username: 'x.y',
            displayName: 'X',
            role: 'staff',
            password: 'long-enough-1',
          },
        ],
      ] as const)
        expect(await mutate(socket, name, args as never)).toMatchObject({ code: 'forbidden' });
    const create = (over: Record<string, unknown>) =>
      mutate(admin, 'user.create', {
        userId: randomUUID(),
        username: `u-${randomUUID().slice(0, 6)}`,
        displayName: 'Y',
        role: 'staff',
        password: 'long-enough-1',
        ...over,
      } as never);
    expect(await create({ username })).toMatchObject({ code: 'conflict' });
    expect(await create({ userId })).toMatchObject({ code: 'conflict' });
    expect(await create({ password: 'short' })).toMatchObject({ code: 'invalid' });
    expect(await create({ username: 'has space' })).toMatchObject({ code: 'invalid' });
    expect(await create({ role: 'relative' })).toMatchObject({ code: 'invalid' });
    expect(await mutate(admin, 'user.disable', { userId: 'nobody' })).toMatchObject({
      code: 'not_found',
    });
    const relativeToken = await t.userToken('relative', []);
    const relativeId = (
      (await (
        await fetch(`${t.url}/api/session`, {
          headers: { authorization: `Bearer ${relativeToken}` },
        })
      ).json()) as { userId: string }
    ).userId;
    expect(await mutate(admin, 'user.disable', { userId: relativeId })).toMatchObject({
      code: 'not_found',
    });
    const me = (
      (await (
        await fetch(`${t.url}/api/session`, { headers: { authorization: `Bearer ${adminToken}` } })
      ).json()) as { userId: string }
    ).userId;
    expect(await mutate(admin, 'user.disable', { userId: me })).toMatchObject({ code: 'conflict' });
  });
});

describe('changing my own password', () => {
  const change = (token: string | null, body: unknown) =>
    fetch(`${t.url}/api/password`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  it('needs the current password; ends my other sessions and keeps this one', async () => {
    const { username, password } = await newStaff();
    const here = ((await (await login(username, password)).json()) as { token: string }).token;
    const other = ((await (await login(username, password)).json()) as { token: string }).token;
    const wrong = await change(here, { current: 'not-it-at-all', next: 'brand-new-pass-1' });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: string }).error).toBe('wrong_password');
    const ok = await change(here, { current: password, next: 'brand-new-pass-1' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', sessionsEnded: 1 });
    const session = (token: string) =>
      fetch(`${t.url}/api/session`, { headers: { authorization: `Bearer ${token}` } });
    expect((await session(here)).status).toBe(200);
    expect((await session(other)).status).toBe(401);
    expect((await login(username, 'brand-new-pass-1')).status).toBe(200);
    const rows = await t.server.store.db.selectFrom('audit').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('brand-new-pass-1');
    expect(rows.some((r) => r.action === 'user.password_changed')).toBe(true);
  });

  it('refuses a short or unchanged password, a kiosk, no login and extra fields', async () => {
    const { username, password } = await newStaff();
    const token = ((await (await login(username, password)).json()) as { token: string }).token;
    expect((await change(token, { current: password, next: 'short' })).status).toBe(400);
    expect((await change(token, { current: password, next: password })).status).toBe(400);
    expect((await change(token, { current: password, next: 'new-pass-123', x: 1 })).status).toBe(
      400,
    );
    expect((await change(await t.kioskToken(), { current: 'a', next: 'b'.repeat(9) })).status).toBe(
      403,
    );
    expect((await change(null, { current: 'a', next: 'b'.repeat(9) })).status).toBe(401);
  });
});

describe('logins the command line makes', () => {
  it('reach staff at the next start of the server', async () => {
    const s = await startTestServer();
    try {
      const { createUser } = await import('../../src/server/auth/accounts.js');
      const id = await createUser(s.server.store.db, {
        username: 'from-cli',
        password: 'long-enough-1',
        displayName: 'Fra kommandolinjen',
        role: 'staff',
      });
      await s.restart();
      const staff = await s.connect(await s.userToken('staff'));
      expect(replay((await pullAll(staff)).changes, 'user').get(id)).toMatchObject({
        displayName: 'Fra kommandolinjen',
      });
    } finally {
      await s.close();
    }
  });
});
