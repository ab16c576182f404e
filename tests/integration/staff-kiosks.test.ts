/**
 * Kiosks and messages to the wall from the staff admin (issue 9): a kiosk created over REST shows
 * in staff's sync cache as a `kiosk` entity (never a kiosk's or a relative's), with its code's
 * expiry, then online with its app version once it connects, renamed by `device.put`, and gone
 * offline when revoked. A `wallnotice` reaches kiosks and staff, not relatives. Bad input and
 * wrong roles are refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../src/domain/model.js';
import type { KioskPresenceRow } from '../../src/protocol/operations.js';
import {
  apply,
  connectSocket,
  mutate,
  pullAll,
  replay,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staffToken: string;
let staff: SyncSocket;
beforeAll(async () => {
  t = await startTestServer();
  staffToken = await t.userToken('staff');
  staff = await t.connect(staffToken);
  await apply(staff, 'group.put', { id: 'grp-a', name: 'Hus A' });
});
afterAll(async () => {
  await t.close();
});

const createKiosk = (token: string | null, body: unknown): Promise<Response> =>
  fetch(`${t.url}/api/devices`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });

async function kioskOf(socket: SyncSocket, id: string): Promise<Kiosk | undefined> {
  return replay((await pullAll(socket)).changes, 'kiosk').get(id);
}

async function presenceOf(id: string): Promise<KioskPresenceRow | undefined> {
  const res = await fetch(`${t.url}/api/devices/presence`, {
    headers: { authorization: `Bearer ${staffToken}` },
  });
  return ((await res.json()) as { kiosks: KioskPresenceRow[] }).kiosks.find((k) => k.id === id);
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kiosks in the staff admin', () => {
  it('a kiosk created by staff is in their cache with its code expiry and enrolment address', async () => {
    const res = await createKiosk(staffToken, {
      name: 'Gangen',
      location: 'Ved døren',
      groupIds: ['grp-a'],
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      code: string;
      deviceId: string;
      expiresAt: string;
      kioskAddress: string;
    };
    expect(body.kioskAddress).toBe(`${t.url}/kiosk/#enrol=${body.code}`);
    const kiosk = await kioskOf(staff, body.deviceId);
    expect(kiosk).toMatchObject({
      name: 'Gangen',
      location: 'Ved døren',
      groupIds: ['grp-a'],
      revoked: false,
    });
    expect(JSON.stringify(kiosk)).not.toContain(body.code);
    expect(await presenceOf(body.deviceId)).toEqual({
      id: body.deviceId,
      enrolled: false,
      codeExpiresAt: body.expiresAt,
      online: false,
      lastSeenAt: null,
      appVersion: null,
      health: null,
      healthAt: null,
    });
  });

  it('refuses a group that does not exist, a kiosk and no login', async () => {
    expect((await createKiosk(staffToken, { name: 'X', groupIds: ['grp-nope'] })).status).toBe(404);
    expect((await createKiosk(await t.kioskToken(), { name: 'X' })).status).toBe(403);
    expect((await createKiosk(null, { name: 'X' })).status).toBe(401);
  });

  it('is enrolled at once, on with its app version while connected, then off with when it was last seen, and none of it moves the change log', async () => {
    const headBefore = (await pullAll(staff)).cursor;
    const { token, deviceId } = await t.enrolKiosk('Spisestuen');
    expect(await presenceOf(deviceId)).toMatchObject({ enrolled: true, codeExpiresAt: null });
    const kiosk = await connectSocket(t.url, token, undefined, {
      auth: { token, protocol: 1, app: 'kiosk 0.1.0' },
    });
    const on = await waitFor(
      () => presenceOf(deviceId),
      (p) => p?.online === true,
    );
    expect(on).toMatchObject({ online: true, appVersion: 'kiosk 0.1.0' });
    const seen = (await pullAll(kiosk)).changes;
    expect(seen.filter((c) => c.type === 'kiosk' || c.type === 'user')).toEqual([]);
    // Presence is not in the change log: enrolling, connecting and leaving move no one's head.
    expect((await pullAll(staff, headBefore)).changes).toEqual([]);
    const head = (await pullAll(staff)).cursor;
    kiosk.disconnect();
    const off = await waitFor(
      () => presenceOf(deviceId),
      (p) => p?.online === false,
    );
    expect(off?.lastSeenAt).toBeTruthy();
    expect((await pullAll(staff, head)).changes).toEqual([]);
  });

  it('tells presence to staff only', async () => {
    const get = (token: string | null) =>
      fetch(`${t.url}/api/devices/presence`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await get(await t.kioskToken())).status).toBe(403);
    expect((await get(await t.userToken('relative', []))).status).toBe(403);
    expect((await get(null)).status).toBe(401);
  });

  it('device.put renames it and moves it to houses; bad input is refused', async () => {
    const { deviceId } = await t.enrolKiosk('Gammelt navn');
    await apply(staff, 'device.put', {
      deviceId,
      name: 'Værkstedet',
      location: '1. sal',
      groupIds: ['grp-a'],
    });
    expect(await kioskOf(staff, deviceId)).toMatchObject({
      name: 'Værkstedet',
      location: '1. sal',
      groupIds: ['grp-a'],
    });
    const bad = async (args: Record<string, unknown>, code: string, socket = staff) =>
      expect(await mutate(socket, 'device.put', args as never)).toMatchObject({
        status: 'rejected',
        code,
      });
    await bad({ deviceId: 'nope', name: 'A', location: '', groupIds: [] }, 'not_found');
    await bad({ deviceId, name: 'A', location: '', groupIds: ['grp-other-centre'] }, 'not_found');
    await bad({ deviceId, name: '', location: '', groupIds: [] }, 'invalid');
    await bad({ deviceId, name: 'x'.repeat(101), location: '', groupIds: [] }, 'invalid');
    await bad({ deviceId, name: 'A', location: '', groupIds: [], extra: 1 }, 'invalid');
    await bad(
      { deviceId, name: 'A', location: '', groupIds: [] },
      'forbidden',
      await t.connect(await t.kioskToken()),
    );
  });

  it('a revoked kiosk is offline and marked revoked at once, and cannot be renamed', async () => {
    const { token, deviceId } = await t.enrolKiosk('Revoke me');
    const kiosk = await t.connect(token);
    await waitFor(
      () => presenceOf(deviceId),
      (p) => p?.online === true,
    );
    const closed = new Promise<void>((r) => kiosk.once('disconnect', () => r()));
    await apply(staff, 'device.revoke', { deviceId });
    await closed;
    expect(await kioskOf(staff, deviceId)).toMatchObject({ revoked: true });
    // A revoked kiosk is no longer listed as a screen that could be on.
    expect(await presenceOf(deviceId)).toBeUndefined();
    expect(
      await mutate(staff, 'device.put', { deviceId, name: 'A', location: '', groupIds: [] }),
    ).toMatchObject({ status: 'rejected', code: 'conflict' });
  });

  it('a new code enrols the kiosk again, and its old token stops working', async () => {
    const { token, deviceId } = await t.enrolKiosk('Mistede sin kode');
    const res = await fetch(`${t.url}/api/devices/${deviceId}/code`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(201);
    const { code, kioskAddress } = (await res.json()) as { code: string; kioskAddress: string };
    expect(kioskAddress).toBe(`${t.url}/kiosk/#enrol=${code}`);
    expect(await presenceOf(deviceId)).toMatchObject({ enrolled: true });
    const again = await fetch(`${t.url}/api/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(again.status).toBe(200);
    await expect(t.connect(token)).rejects.toMatchObject({ code: 'unauthorized' });
    const post = (id: string, auth: string | null) =>
      fetch(`${t.url}/api/devices/${id}/code`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        },
        body: '{}',
      });
    expect((await post('no-such-kiosk', staffToken)).status).toBe(404);
    expect((await post(deviceId, await t.kioskToken())).status).toBe(403);
    expect((await post(deviceId, null)).status).toBe(401);
    await apply(staff, 'device.revoke', { deviceId });
    expect((await post(deviceId, staffToken)).status).toBe(404);
  });

  it('the kiosk page learns its own id when it renews its cookie', async () => {
    const { token, deviceId } = await t.enrolKiosk('Cookie');
    const res = await fetch(`${t.url}/api/devices/cookie`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await res.json()).toEqual({ status: 'ok', deviceId });
  });

  it('a kiosk created while the server was down (the command line) is in the cache after a restart', async () => {
    const { createEnrolCode } = await import('../../src/server/auth/accounts.js');
    const { deviceId } = await createEnrolCode(t.server.store.db, 'Fra kommandolinjen');
    await t.restart();
    staff = await t.connect(staffToken);
    expect(await kioskOf(staff, deviceId)).toMatchObject({ name: 'Fra kommandolinjen' });
  });
});

describe('a message to the wall', () => {
  const soon = () => new Date(Date.now() + 30 * 60_000).toISOString();

  it('reaches kiosks and staff, never relatives, and is gone after wallnotice.del', async () => {
    const kiosk = await t.connect(await t.kioskToken());
    const relative = await t.connect(await t.userToken('relative', []));
    const id = randomUUID();
    await apply(staff, 'wallnotice.put', {
      id,
      text: 'Bussen er forsinket. Vi kører kl. 10.30.',
      pictogram: 'bus',
      kioskIds: null,
      until: soon(),
    });
    expect(replay((await pullAll(kiosk)).changes, 'wallnotice').get(id)?.text).toBe(
      'Bussen er forsinket. Vi kører kl. 10.30.',
    );
    expect(replay((await pullAll(staff)).changes, 'wallnotice').has(id)).toBe(true);
    expect((await pullAll(relative)).changes.filter((c) => c.type === 'wallnotice')).toEqual([]);
    await apply(staff, 'wallnotice.del', { id });
    expect(replay((await pullAll(kiosk)).changes, 'wallnotice').has(id)).toBe(false);
  });

  it('refuses a past or far end, unknown kiosks, empty text, a second delete and wrong roles', async () => {
    const base = { id: randomUUID(), text: 'Hej', pictogram: null, kioskIds: null, until: soon() };
    const bad = async (args: Record<string, unknown>, code: string, socket = staff) =>
      expect(await mutate(socket, 'wallnotice.put', args as never)).toMatchObject({
        status: 'rejected',
        code,
      });
    await bad({ ...base, until: new Date(Date.now() - 60_000).toISOString() }, 'invalid');
    await bad({ ...base, until: new Date(Date.now() + 8 * 86_400_000).toISOString() }, 'invalid');
    await bad({ ...base, kioskIds: ['no-such-kiosk'] }, 'not_found');
    await bad({ ...base, kioskIds: [] }, 'invalid');
    await bad({ ...base, text: '   ' }, 'invalid');
    await bad({ ...base, text: 'x'.repeat(301) }, 'invalid');
    await bad({ ...base, until: 'tomorrow' }, 'invalid');
    await bad(base, 'forbidden', await t.connect(await t.kioskToken()));
    await bad(base, 'forbidden', await t.connect(await t.userToken('relative', [])));
    expect(await mutate(staff, 'wallnotice.del', { id: 'never-made' })).toMatchObject({
      code: 'not_found',
    });
  });

  it('can be for some kiosks only (each kiosk shows only its own: the UI filters)', async () => {
    const { deviceId } = await t.enrolKiosk('Hallen');
    const id = randomUUID();
    await apply(staff, 'wallnotice.put', {
      id,
      text: 'Kun her',
      pictogram: null,
      kioskIds: [deviceId],
      until: soon(),
    });
    expect(replay((await pullAll(staff)).changes, 'wallnotice').get(id)?.kioskIds).toEqual([
      deviceId,
    ]);
  });
});
