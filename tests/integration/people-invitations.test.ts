/**
 * Relatives' invitations (issue 9): staff invite a relative for residents who consented to the
 * relatives' view; the relative opens the one-time link and sets a password over REST (the only
 * REST write besides login); the token is stored only as a hash; expired, used and withdrawn links
 * are refused with their own words; removing access ends the relative's sockets at once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Invitation, UserAccount } from '../../src/domain/model.js';
import { resident } from '../helpers/fixtures.js';
import { Replica } from '../helpers/replica.js';
import {
  apply,
  connectSocket,
  disconnected,
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staff: SyncSocket;
let clock: Date;
beforeEach(async () => {
  clock = new Date();
  t = await startTestServer({ now: () => clock });
  staff = await t.staff();
  await apply(staff, 'group.put', { id: 'g1', name: 'Gruppe 1' });
  const consent = { relatives: { given: true, by: 'guardian' } } as const;
  await apply(staff, 'resident.put', { ...resident('r1'), consent });
  await apply(staff, 'resident.put', { ...resident('r2'), consent });
  await apply(staff, 'resident.put', resident('r3')); // no relatives' consent
});
afterEach(async () => {
  await t.close();
});

const newToken = (): string => randomBytes(32).toString('base64url');

async function invite(residentIds: string[], token = newToken()) {
  const inviteId = randomUUID();
  const res = await mutate(staff, 'relative.invite', {
    inviteId,
    residentIds,
    name: 'Hanne Jensen',
    email: 'hanne@example.dk',
    token,
  });
  return { inviteId, token, res };
}

function accept(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${t.url}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const PASSWORD = 'a long enough password';

describe('relative.invite', () => {
  it('stores only the token’s hash, and staff see the open invitation', async () => {
    const { inviteId, token, res } = await invite(['r1', 'r2']);
    expect(res).toMatchObject({ status: 'applied', result: { inviteId } });
    const office = new Replica(await t.connect(await t.userToken('staff')));
    await office.sync();
    const inv = office.get<Invitation>('invitation', inviteId);
    expect(inv).toMatchObject({ status: 'open', residentIds: ['r1', 'r2'], name: 'Hanne Jensen' });
    expect(Date.parse(inv?.expiresAt ?? '') - clock.getTime()).toBe(7 * 86_400_000);
    // Nowhere in the database in plain: not the tables, the change log, the audit, the answers.
    const db = t.server.store.db;
    const everything = JSON.stringify([
      await db.selectFrom('invitation_token').selectAll().execute(),
      await db.selectFrom('change_log').selectAll().execute(),
      await db.selectFrom('audit').selectAll().execute(),
      await db.selectFrom('processed_mutation').selectAll().execute(),
    ]);
    expect(everything).not.toContain(token);
    // Kiosks and relatives never receive invitations.
    const kiosk = new Replica(await t.connect(await t.kioskToken()));
    const relative = new Replica(await t.connect(await t.userToken('relative', ['r1'])));
    await Promise.all([kiosk.sync(), relative.sync()]);
    expect(kiosk.all('invitation').size).toBe(0);
    expect(relative.all('invitation').size).toBe(0);
  });

  it('refuses residents without consent, missing residents, bad tokens, repeats and other roles', async () => {
    expect((await invite(['r3'])).res).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      reason: 'no_consent',
    });
    expect((await invite(['nobody'])).res).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect((await invite([])).res).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect((await invite(['r1'], 'short')).res).toMatchObject({ code: 'invalid' });
    const first = await invite(['r1']);
    expect((await invite(['r1'], first.token)).res).toMatchObject({ code: 'conflict' });
    const again = await mutate(staff, 'relative.invite', {
      inviteId: first.inviteId,
      residentIds: ['r1'],
      name: 'X',
      token: newToken(),
    });
    expect(again).toMatchObject({ status: 'rejected', code: 'conflict' });
    for (const token of [await t.kioskToken(), await t.userToken('relative', ['r1'])]) {
      const socket = await t.connect(token);
      const res = await mutate(socket, 'relative.invite', {
        inviteId: randomUUID(),
        residentIds: ['r1'],
        name: 'X',
        token: newToken(),
      });
      expect(res).toMatchObject({ status: 'rejected', code: 'forbidden' });
    }
  });
});

describe('POST /api/invitations/accept', () => {
  it('makes the relative’s login, signs them in, and they see only their residents', async () => {
    const { inviteId, token } = await invite(['r1', 'r2']);
    const res = await accept({ token, password: PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; username: string; role: string };
    expect(body).toMatchObject({ role: 'relative', username: 'hanne@example.dk' });
    expect(res.headers.get('set-cookie')).toMatch(/^cg_session=.+HttpOnly/);
    const relative = new Replica(await t.connect(body.token));
    await relative.sync();
    expect([...relative.all('resident').keys()].sort()).toEqual(['r1', 'r2']);
    // The password works for a normal login too.
    const login = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: body.username, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    // Staff see the invitation accepted and the relative among the logins.
    const office = new Replica(await t.connect(await t.userToken('staff')));
    await office.sync();
    expect(office.get<Invitation>('invitation', inviteId)).toMatchObject({ status: 'accepted' });
    const users = [...office.all<UserAccount>('user').values()].filter(
      (u) => u.role === 'relative',
    );
    expect(users.find((u) => u.username === body.username)).toMatchObject({
      residentIds: ['r1', 'r2'],
      disabled: false,
    });
  });

  it('refuses a used, an expired, a withdrawn and an unknown link, each in its own words', async () => {
    const used = await invite(['r1']);
    expect((await accept({ token: used.token, password: PASSWORD })).status).toBe(200);
    const again = await accept({ token: used.token, password: PASSWORD, username: 'other.name' });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invitation_used' });

    const withdrawn = await invite(['r1']);
    await apply(staff, 'invitation.revoke', { inviteId: withdrawn.inviteId });
    const w = await accept({ token: withdrawn.token, password: PASSWORD });
    expect(await w.json()).toMatchObject({ error: 'invitation_revoked' });

    const old = await invite(['r2']);
    clock = new Date(clock.getTime() + 7 * 86_400_000 + 1000);
    const e = await accept({ token: old.token, password: PASSWORD });
    expect(e.status).toBe(400);
    expect(await e.json()).toMatchObject({
      error: 'invitation_expired',
      message: expect.stringContaining('expired') as string,
    });

    const u = await accept({ token: newToken(), password: PASSWORD });
    expect(await u.json()).toMatchObject({ error: 'invitation_unknown' });
  });

  it('refuses a short password, a taken username and a malformed body, and stores nothing', async () => {
    const { token } = await invite(['r1']);
    expect((await accept({ token, password: 'short' })).status).toBe(400);
    expect((await accept({ token })).status).toBe(400);
    expect((await accept({ token, password: PASSWORD, username: 'no spaces' })).status).toBe(400);
    await t.userToken('staff'); // makes a user; take its name
    const taken = await t.server.store.db
      .selectFrom('app_user')
      .select('username')
      .where('role', '=', 'staff')
      .executeTakeFirstOrThrow();
    const clash = await accept({ token, password: PASSWORD, username: taken.username });
    expect(clash.status).toBe(409);
    expect(await clash.json()).toMatchObject({ error: 'username_taken' });
    const relatives = await t.server.store.db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'relative')
      .execute();
    expect(relatives).toEqual([]);
    // The link still works after those mistakes.
    expect((await accept({ token, password: PASSWORD, username: 'hanne.j' })).status).toBe(200);
  });

  it('is rate-limited per address', async () => {
    let last = 0;
    for (let i = 0; i < 21; i++)
      last = (await accept({ token: newToken(), password: PASSWORD })).status;
    expect(last).toBe(429);
  });
});

describe('removing access', () => {
  async function acceptedRelative(residentIds: string[]) {
    const { token } = await invite(residentIds);
    const res = await accept({ token, password: PASSWORD });
    const body = (await res.json()) as { token: string; userId: string };
    return body;
  }

  it('relative.revoke ends their sessions and closes their open socket at once', async () => {
    const { token, userId } = await acceptedRelative(['r1', 'r2']);
    const socket = await t.connect(token);
    const closed = disconnected(socket, 2_000);
    const res = await mutate(staff, 'relative.revoke', { userId });
    expect(res).toMatchObject({ status: 'applied', result: { access: false } });
    await closed;
    await expect(connectSocket(t.url, token)).rejects.toMatchObject({ code: 'unauthorized' });
    const office = new Replica(await t.connect(await t.userToken('staff')));
    await office.sync();
    expect(office.get<UserAccount>('user', userId)).toMatchObject({
      disabled: true,
      residentIds: [],
    });
  });

  it('per resident: the relative keeps the others and reconnects without that one', async () => {
    const { token, userId } = await acceptedRelative(['r1', 'r2']);
    const socket = await t.connect(token);
    const closed = disconnected(socket, 2_000);
    expect(await mutate(staff, 'relative.revoke', { userId, residentId: 'r1' })).toMatchObject({
      status: 'applied',
      result: { residentIds: ['r2'], access: true },
    });
    await closed;
    const again = new Replica(await t.connect(token));
    await again.sync();
    expect([...again.all('resident').keys()]).toEqual(['r2']);
  });

  it('refuses staff ids, unknown ids, unlinked residents and other roles', async () => {
    const { userId } = await acceptedRelative(['r1']);
    const staffRow = await t.server.store.db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'staff')
      .executeTakeFirstOrThrow();
    expect(await mutate(staff, 'relative.revoke', { userId: staffRow.id })).toMatchObject({
      code: 'not_found',
    });
    expect(await mutate(staff, 'relative.revoke', { userId: 'nobody' })).toMatchObject({
      code: 'not_found',
    });
    expect(await mutate(staff, 'relative.revoke', { userId, residentId: 'r2' })).toMatchObject({
      code: 'not_found',
    });
    const relative = await t.connect(await t.userToken('relative', ['r1']));
    expect(await mutate(relative, 'relative.revoke', { userId })).toMatchObject({
      code: 'forbidden',
    });
    expect(await mutate(staff, 'invitation.revoke', { inviteId: 'nothing' })).toMatchObject({
      code: 'not_found',
    });
  });

  it('an accepted invitation cannot be withdrawn (remove the access instead)', async () => {
    const { inviteId, token } = await invite(['r1']);
    expect((await accept({ token, password: PASSWORD })).status).toBe(200);
    expect(await mutate(staff, 'invitation.revoke', { inviteId })).toMatchObject({
      code: 'conflict',
    });
  });
});
