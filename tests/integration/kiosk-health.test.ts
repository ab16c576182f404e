/**
 * A kiosk's shell health for the staff admin (issue 12): the kiosk page sends `kiosk.health`
 * (version, uptime, last crash, screen) over its sync socket; staff see it in
 * `GET /api/devices/presence`; staff ask a kiosk to reload (`POST /api/devices/:id/reload`) and
 * the kiosk's socket gets `kiosk.reload`. Bad payloads and other roles are refused.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheDb, SyncEngine } from '../../src/client/index.js';
import type { KioskHealth, KioskHealthAck } from '../../src/protocol/index.js';
import type { KioskPresenceRow } from '../../src/protocol/operations.js';
import {
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staffToken: string;
beforeAll(async () => {
  t = await startTestServer();
  staffToken = await t.userToken('staff');
});
afterAll(async () => {
  await t.close();
});

const healthy: KioskHealth = {
  version: '1.4.0',
  uptimeSeconds: 86_400,
  lastCrash: { at: '2026-12-01T03:12:00.000Z', reason: 'oom' },
  screen: 'wall',
};

const report = (socket: SyncSocket, payload: unknown): Promise<KioskHealthAck> =>
  socket.timeout(2000).emitWithAck('kiosk.health', payload as KioskHealth);

async function rowOf(id: string): Promise<KioskPresenceRow | undefined> {
  const res = await fetch(`${t.url}/api/devices/presence`, {
    headers: { authorization: `Bearer ${staffToken}` },
  });
  return ((await res.json()) as { kiosks: KioskPresenceRow[] }).kiosks.find((k) => k.id === id);
}

const reload = (id: string, token = staffToken): Promise<Response> =>
  fetch(`${t.url}/api/devices/${encodeURIComponent(id)}/reload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });

describe('kiosk health and reload', () => {
  it('staff see the health a kiosk reported, and none before it did', async () => {
    const { token, deviceId } = await t.enrolKiosk('Stuen');
    const kiosk = await t.connect(token);
    expect((await rowOf(deviceId))?.health).toBeNull();
    expect(await report(kiosk, healthy)).toEqual({ status: 'ok' });
    const row = await rowOf(deviceId);
    expect(row?.health).toEqual(healthy);
    expect(row?.healthAt).toMatch(/Z$/);
    // A newer report replaces it.
    expect(
      await report(kiosk, { ...healthy, screen: 'crash-loop', uptimeSeconds: 90_000 }),
    ).toEqual({ status: 'ok' });
    expect((await rowOf(deviceId))?.health?.screen).toBe('crash-loop');
  });

  it('refuses a malformed report with invalid, naming the field, and keeps the last good one', async () => {
    const { token, deviceId } = await t.enrolKiosk('Gangen');
    const kiosk = await t.connect(token);
    await report(kiosk, healthy);
    for (const bad of [
      { ...healthy, screen: 'on fire' },
      { ...healthy, uptimeSeconds: -1 },
      { ...healthy, version: 'x'.repeat(41) },
      { ...healthy, lastCrash: { at: 'yesterday', reason: 'oom' } },
      { ...healthy, extra: 1 },
      'not an object',
    ]) {
      const ack = await report(kiosk, bad);
      expect(ack).toMatchObject({ status: 'rejected', code: 'invalid' });
    }
    expect(await report(kiosk, { ...healthy, screen: 'on fire' })).toMatchObject({
      message: expect.stringMatching(/screen/) as unknown,
    });
    expect((await rowOf(deviceId))?.health).toEqual(healthy);
  });

  it('only a kiosk reports health', async () => {
    const staff = await t.staff();
    expect(await report(staff, healthy)).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('staff ask a connected kiosk to reload and its socket is told; an offline or unknown one is refused', async () => {
    const { token, deviceId } = await t.enrolKiosk('Spisestuen');
    const kiosk = await t.connect(token);
    const told = new Promise((resolve) => kiosk.once('kiosk.reload', resolve));
    const res = await reload(deviceId);
    expect(res.status).toBe(202);
    expect(await told).toEqual({ reason: 'staff' });
    kiosk.disconnect();
    await expect.poll(async () => (await rowOf(deviceId))?.online).toBe(false);
    const offline = await reload(deviceId);
    expect(offline.status).toBe(409);
    expect(await offline.json()).toMatchObject({ error: 'offline' });
    expect((await reload('no-such-kiosk')).status).toBe(404);
  });

  it('kiosks and relatives may not ask for a reload', async () => {
    const { token, deviceId } = await t.enrolKiosk('Hallen');
    await t.connect(token);
    expect((await reload(deviceId, token)).status).toBe(403);
    expect((await reload(deviceId, await t.userToken('relative'))).status).toBe(403);
  });
});

describe("the kiosk page's sync engine in the shell", () => {
  it("reports the shell's health when it connects, and reloads when staff ask", async () => {
    const { token, deviceId } = await t.enrolKiosk('Værkstedet');
    let reloads = 0;
    const engine = new SyncEngine({
      url: t.url,
      token,
      db: new CacheDb('kiosk-health-engine'),
      ackTimeoutMs: 2000,
      shell: { health: () => ({ ...healthy, screen: 'night' }), reload: () => (reloads += 1) },
    });
    await engine.start();
    try {
      await expect.poll(async () => (await rowOf(deviceId))?.health?.screen).toBe('night');
      expect((await reload(deviceId)).status).toBe(202);
      await expect.poll(() => reloads).toBe(1);
    } finally {
      await engine.stop();
    }
  });

  it('tells the shell at once when staff remove the kiosk while it is connected', async () => {
    const { token, deviceId } = await t.enrolKiosk('Gangen');
    let told = 0;
    const engine = new SyncEngine({
      url: t.url,
      token,
      db: new CacheDb('kiosk-health-revoked'),
      ackTimeoutMs: 2000,
      backoff: { baseMs: 20, maxMs: 100 },
      shell: { health: () => healthy, reload: () => {}, unauthorized: () => (told += 1) },
    });
    await engine.start();
    try {
      await expect.poll(() => engine.getStatus().state).toBe('online');
      expect(told).toBe(0);
      const staff = await t.connect(staffToken);
      expect(await mutate(staff, 'device.revoke', { deviceId })).toMatchObject({
        status: 'applied',
      });
      // The server closes the kiosk's socket; its reconnect is refused as unauthorized.
      await expect.poll(() => told).toBe(1);
      expect(engine.getStatus().state).toBe('unauthorized');
    } finally {
      await engine.stop();
    }
  });
});
