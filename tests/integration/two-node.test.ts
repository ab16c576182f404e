/**
 * Two server nodes on one PostgreSQL database (issue 13), in this process: each a real server on
 * its own port, joined by the socket.io PostgreSQL adapter. A post made on node A reaches a kiosk
 * on node B live; a PIN lock-out and a login rate limit counted on A hold on B; a kiosk revoked
 * on A is disconnected on B at once (not at the next sweep: the sweep is set to a minute here).
 *
 * PostgreSQL only: run with TEST_DATABASE_URL (CI's Node 24 pass). On SQLite there is one process
 * and nothing to join; the SQLite pass lists this file as PostgreSQL-only (tests/tools).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChangesPush, ResidentUnlockResult } from '../../src/protocol/index.js';
import type { KioskHealth } from '../../src/protocol/kiosk-health.js';
import type { KioskPresenceRow } from '../../src/protocol/operations.js';
import { dayOf } from '../../src/domain/rules/days.js';
import { relativesConsent, resident } from '../helpers/fixtures.js';
import { freshTestDatabase, testDatabaseUrl } from '../helpers/test-database.js';
import {
  apply,
  connectSocket,
  disconnected,
  nextEvent,
  pullAll,
  rawEmit,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

const PIN = '482915';

/** The next push on `socket` that holds a change of `id`. */
function pushOf(socket: SyncSocket, id: string, timeoutMs = 5000): Promise<ChangesPush> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('changes', listener);
      reject(new Error(`no push of ${id} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (push: ChangesPush): void => {
      if (!push.changes.some((c) => c.id === id)) return;
      clearTimeout(timer);
      socket.off('changes', listener);
      resolve(push);
    };
    socket.on('changes', listener);
  });
}

const unlock = async (socket: SyncSocket, residentId: string, pin: string) =>
  (await socket
    .timeout(10_000)
    .emitWithAck('resident.unlock', { residentId, pin })) as ResidentUnlockResult;

const login = (url: string, username: string, password: string): Promise<Response> =>
  fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe.runIf(testDatabaseUrl())('two nodes on one PostgreSQL database', () => {
  let drop: () => Promise<void>;
  let a: TestServer;
  let b: TestServer;

  // One pair of nodes for the file (each test uses its own kiosks and residents): a node costs
  // about 0.3 s to start on PostgreSQL.
  beforeAll(async () => {
    const database = await freshTestDatabase();
    drop = database.drop;
    // The sweep that would find a revoked kiosk by itself is a minute away: only the adapter
    // can disconnect it on the other node in time.
    const opts = { databaseUrl: database.url, revocationPollMs: 60_000, headPollMs: 60_000 };
    a = await startTestServer(opts);
    b = await startTestServer(opts);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await drop();
  });

  it('pushes a staff post made on node A to a kiosk on node B at once', async () => {
    const kiosk = await b.connect(await b.kioskToken('Stuen'));
    const staff = await a.staff();
    for (let i = 0; i < 5; i++) {
      const id = `news-${i}`;
      const pushed = pushOf(kiosk, id);
      const started = performance.now();
      const cursor = await apply(staff, 'news.put', {
        id,
        title: `Nyhed ${i}`,
        body: 'Kaffe i haven',
        media: [],
        publishAt: new Date(Date.now() - 60_000).toISOString(),
        expiresAt: null,
        audience: { kind: 'all' },
      });
      const push = await pushed;
      const ms = performance.now() - started;
      expect(push.cursor).toBe(cursor);
      // Through the adapter, not the minute-long head poll.
      expect(ms).toBeLessThan(2000);
      console.info(`post on A to kiosk on B: ${ms.toFixed(0)} ms`);
    }
  });

  it('follows wall consent changed on node A on a kiosk on node B (the visibility facts)', async () => {
    const kiosk = await b.connect(await b.kioskToken('Stuen'));
    const staff = await a.staff();
    await apply(staff, 'group.put', { id: 'g1', name: 'Gruppe 1' });
    // Consent given on A changes what B's kiosk may see as a whole: B's facts must follow, and
    // its kiosk starts over (a reset with the new view key) and then has her.
    let reset = nextEvent(kiosk, 'reset', 5000);
    await apply(staff, 'resident.put', resident('bea'));
    expect(await reset).toMatchObject({ reason: 'visibility_changed' });
    expect((await pullAll(kiosk)).changes.some((c) => c.id === 'bea')).toBe(true);
    // Withdrawn on A: again, and without her.
    reset = nextEvent(kiosk, 'reset', 5000);
    await apply(staff, 'resident.put', resident('bea', { wallConsent: false }));
    expect(await reset).toMatchObject({ reason: 'visibility_changed' });
    expect((await pullAll(kiosk)).changes.some((c) => c.id === 'bea')).toBe(false);
  });

  it('follows the centre’s time zone changed on node A on another node (the centre settings)', async () => {
    const admin = await a.connect(await a.userToken('admin'));
    const centre = { name: 'Solhaven', timeZone: 'Pacific/Pago_Pago' };
    await apply(admin, 'centre.put', centre);
    // A node started now reads UTC-11; then the centre moves to UTC+14 on A. The two zones are
    // 25 hours apart, so today's audit in the new zone holds the move only on a node that uses
    // the new zone, whatever the time of day.
    const c = await startTestServer({ databaseUrl: a.databaseUrl!, headPollMs: 60_000 });
    try {
      await apply(admin, 'centre.put', { ...centre, timeZone: 'Pacific/Kiritimati' });
      const staffOnC = await c.userToken('staff');
      const day = dayOf(new Date(), 'Pacific/Kiritimati');
      await vi.waitFor(async () => {
        const res = await fetch(`${c.url}/api/audit?day=${day}&kind=centre`, {
          headers: { authorization: `Bearer ${staffOnC}` },
        });
        expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(2);
      }, 5000);
    } finally {
      await c.close();
    }
  });

  it('counts wrong PINs on A against the same kiosk on B', async () => {
    const staff = await a.staff();
    await apply(staff, 'resident.put', { ...resident('anna'), pin: PIN });
    const token = await a.kioskToken('Stuen');
    const onA = await a.connect(token);
    const onB = await b.connect(token);
    // B knows her (the facts) before any try: what follows is about the count alone.
    await vi.waitFor(async () =>
      expect((await pullAll(onB)).changes.some((c) => c.id === 'anna')).toBe(true),
    );
    for (let i = 0; i < 4; i++)
      expect(await unlock(onA, 'anna', '000000')).toMatchObject({ code: 'wrong_pin' });
    // The same kiosk on the other node has one try left, not five.
    expect(await unlock(onB, 'anna', '000000')).toMatchObject({ code: 'locked' });
    expect(await unlock(onA, 'anna', PIN)).toMatchObject({ code: 'locked' });
  });

  it('counts login attempts on A against the same address on B', async () => {
    await a.userToken('staff'); // makes sure the users exist; the guess is for a name nobody has
    // The per-username limit is 10 per 15 minutes (auth-routes.ts): 6 on A and 4 on B use it up.
    for (let i = 0; i < 6; i++)
      expect((await login(a.url, 'nobody', 'wrong password')).status).toBe(401);
    for (let i = 0; i < 4; i++)
      expect((await login(b.url, 'nobody', 'wrong password')).status).toBe(401);
    const refused = await login(b.url, 'nobody', 'wrong password');
    expect(refused.status).toBe(429);
    expect((await login(a.url, 'nobody', 'wrong password')).status).toBe(429);
  });

  it('disconnects a relative on node B at once when staff on node A remove them', async () => {
    const staff = await a.staff();
    await apply(staff, 'group.put', { id: 'g1', name: 'Gruppe 1' });
    await apply(staff, 'resident.put', { ...resident('carl'), consent: relativesConsent });
    const token = await a.userToken('relative', ['carl']);
    const session = (await (
      await fetch(`${a.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { userId: string };
    const relative = await b.connect(token);
    const gone = disconnected(relative, 3000);
    await apply(staff, 'relative.revoke', { userId: session.userId });
    expect(await gone).toBe('io server disconnect');
  });

  it('shows staff on node A a kiosk on node B as on, with its health, and reloads it', async () => {
    const staffToken = await a.userToken('staff');
    const get = (path: string, method = 'GET'): Promise<Response> =>
      fetch(`${a.url}/api${path}`, { method, headers: { authorization: `Bearer ${staffToken}` } });
    const rowOf = async (id: string): Promise<KioskPresenceRow | undefined> =>
      (
        (await (await get('/devices/presence')).json()) as { kiosks: KioskPresenceRow[] }
      ).kiosks.find((k) => k.id === id);
    const { token, deviceId } = await b.enrolKiosk('Stuen');
    const kiosk = await b.connect(token);
    const health: KioskHealth = {
      version: '1.4.0',
      uptimeSeconds: 60,
      lastCrash: null,
      screen: 'wall',
    };
    expect(await kiosk.timeout(2000).emitWithAck('kiosk.health', health)).toEqual({ status: 'ok' });
    expect(await rowOf(deviceId)).toMatchObject({ online: true, health });
    const told = nextEvent(kiosk, 'kiosk.reload', 3000);
    expect((await get(`/devices/${deviceId}/reload`, 'POST')).status).toBe(202);
    expect(await told).toEqual({ reason: 'staff' });
    kiosk.disconnect();
    await vi.waitFor(async () => expect((await rowOf(deviceId))?.online).toBe(false));
    expect((await get(`/devices/${deviceId}/reload`, 'POST')).status).toBe(409);
  });

  it('refuses on node B a kiosk token node A closed for flooding', async () => {
    const budget = { eventsPerSecond: 1, burst: 2, disconnectAfter: 5, coolOffMs: 60_000 };
    const opts = {
      databaseUrl: a.databaseUrl!,
      eventBudget: { kiosk: budget, staff: budget },
    };
    const [strictA, strictB] = [await startTestServer(opts), await startTestServer(opts)];
    try {
      const token = await strictA.kioskToken('Flooder');
      const flooder = await strictA.connect(token);
      const closed = disconnected(flooder, 3000);
      for (let i = 0; i < 30 && flooder.connected; i++) rawEmit(flooder, 'pull', [{ since: 0 }]);
      await closed;
      // Refused on A, and told to B: the burst cannot start again there either.
      await expect(connectSocket(strictA.url, token)).rejects.toMatchObject({
        code: 'rate_limited',
      });
      await vi.waitFor(
        async () => {
          const attempt = await connectSocket(strictB.url, token).then(
            (s) => {
              s.disconnect();
              return 'connected';
            },
            (err: { code?: string }) => err.code,
          );
          expect(attempt).toBe('rate_limited');
        },
        { timeout: 3000, interval: 50 },
      );
      // Another kiosk is not touched.
      (await strictB.connect(await strictB.kioskToken('Honest'))).disconnect();
    } finally {
      await strictA.close();
      await strictB.close();
    }
  });

  it('disconnects a kiosk on node B at once when staff on node A revoke it', async () => {
    const { token, deviceId } = await b.enrolKiosk('Stuen');
    const kiosk = await b.connect(token);
    const gone = disconnected(kiosk, 3000);
    await apply(await a.staff(), 'device.revoke', { deviceId });
    expect(await gone).toBe('io server disconnect');
  });
});
