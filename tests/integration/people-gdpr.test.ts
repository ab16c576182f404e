/**
 * GDPR for one resident (issue 9): the export holds everything stored about them; the erase
 * removes it in one transaction, with tombstones so every cache forgets them (a kiosk online, a
 * kiosk that was offline, staff), frees their places on activities, unlinks their relatives,
 * drops their photo's reference, and leaves an audit without personal data.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mediaDir, mediaFile } from '../../src/server/media/media-store.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheRows } from '../helpers/cache-compare.js';
import { engines } from '../helpers/engines.js';
import { activity, HOUR, resident, resource, wholeHourAhead } from '../helpers/fixtures.js';
import {
  apply,
  disconnected,
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staff: SyncSocket;
const clients = engines();
const PHOTO = 'a'.repeat(64);
const NAME = 'Ingeborg Særlignavn';

beforeEach(async () => {
  t = await startTestServer();
  staff = await t.staff();
  mkdirSync(mediaDir(t.dataDir), { recursive: true });
  writeFileSync(mediaFile(t.dataDir, PHOTO), 'photo bytes');
  await apply(staff, 'group.put', { id: 'g1', name: 'Gruppe 1' });
  const consent = {
    wall: { given: true, by: 'resident' },
    relatives: { given: true, by: 'guardian' },
  } as const;
  await apply(staff, 'resident.put', {
    ...resident('r1', { displayName: NAME, photo: PHOTO }),
    consent,
    pin: '1234',
  });
  await apply(staff, 'resident.put', { ...resident('r2'), consent });
  // r1 confirmed on a full activity with r2 waiting: erasing r1 must move r2 up.
  await apply(staff, 'activity.put', activity('a1', { capacity: 1, waitlist: true }));
  await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r1' });
  await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r2' });
  await apply(staff, 'attendance.set', { activityId: 'a1', residentId: 'r1', present: true });
  await apply(staff, 'resource.put', resource('washer'));
  const start = wholeHourAhead(30);
  await apply(staff, 'booking.add', {
    bookingId: 'b1',
    resourceId: 'washer',
    residentId: 'r1',
    start: start.toISOString(),
    end: new Date(start.getTime() + HOUR).toISOString(),
  });
  await apply(staff, 'meal.put', {
    id: 'm1',
    date: '2099-01-01',
    slot: 'lunch',
    dish: 'Suppe',
    description: '',
    allergens: [],
    photo: null,
    pictogram: null,
  });
  await apply(staff, 'meal.attend', { mealId: 'm1', residentId: 'r1', attending: true });
  await apply(staff, 'dayitem.put', {
    id: 'd1',
    residentId: 'r1',
    groupId: null,
    date: '2099-01-01',
    start: '09:00',
    end: null,
    title: 'Fysioterapi',
    pictogram: null,
    changedOn: null,
  });
});
afterEach(async () => {
  await clients.stopAll();
  await t.close();
});

const until = (fn: () => unknown): Promise<unknown> =>
  vi.waitFor(fn, { timeout: 10_000, interval: 20 });

async function exportOf(id: string, token: string) {
  return fetch(`${t.url}/api/residents/${encodeURIComponent(id)}/export`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

/** Anything of r1's in a cache: their id, their name or their photo. */
const mentionsR1 = (rows: unknown): boolean => {
  const text = JSON.stringify(rows);
  return /"r1"|a1:r1|m1:r1/.test(text) || text.includes(NAME) || text.includes(PHOTO);
};

describe('GET /api/residents/:id/export', () => {
  it('holds everything about the resident, for staff only, and is audited', async () => {
    const staffToken = await t.userToken('staff');
    const res = await exportOf('r1', staffToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const body = (await res.json()) as {
      resident: unknown;
      records: Record<string, unknown[]>;
      consentHistory: { channel: string }[];
      pin: unknown;
      relatives: unknown[];
    };
    expect(body.resident).toMatchObject({ id: 'r1', displayName: NAME, photo: PHOTO });
    expect(Object.keys(body.records).sort()).toEqual(
      ['attendance', 'booking', 'dayitem', 'mealattendance', 'signup'].sort(),
    );
    expect(body.consentHistory.map((c) => c.channel)).toEqual(['wall', 'relatives']);
    expect(body.pin).toEqual({ set: true });
    expect(JSON.stringify(body)).not.toContain('scrypt');
    expect(body.relatives).toEqual([]);

    const audit = await t.server.store.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'resident.export')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: 'r1', detail: null });

    const relative = await t.userToken('relative', ['r1']);
    expect((await exportOf('r1', relative)).status).toBe(403);
    expect((await exportOf('r1', await t.kioskToken())).status).toBe(403);
    expect((await fetch(`${t.url}/api/residents/r1/export`)).status).toBe(401);
    expect((await exportOf('nobody', staffToken)).status).toBe(404);
  });
});

describe('resident.erase', () => {
  it('every cache forgets them, their place goes to the next, and nothing personal is left', async () => {
    const relativeToken = await t.userToken('relative', ['r1']);
    const relativeSocket = await t.connect(relativeToken);
    const kiosk = clients.make(t.url, await t.kioskToken(), 'kiosk');
    const offlineKiosk = clients.make(t.url, await t.kioskToken(), 'offline-kiosk');
    const office = clients.make(t.url, await t.userToken('staff'), 'staff');
    for (const e of [kiosk, offlineKiosk, office]) await e.start();
    await until(async () => expect(mentionsR1(await cacheRows(kiosk.db))).toBe(true));
    await until(async () => expect(mentionsR1(await cacheRows(offlineKiosk.db))).toBe(true));
    await until(async () => expect((await cacheRows(office.db)).attendance).toHaveLength(1));
    await offlineKiosk.stop();

    const closed = disconnected(relativeSocket, 2_000);
    expect(await mutate(staff, 'resident.erase', { residentId: 'r1' })).toMatchObject({
      status: 'applied',
    });
    await closed; // their relative's view changed: the socket closes at once

    for (const e of [kiosk, office])
      await until(async () => expect(mentionsR1(await cacheRows(e.db))).toBe(false));
    await offlineKiosk.start();
    await until(async () => expect(mentionsR1(await cacheRows(offlineKiosk.db))).toBe(false));
    // r2 moved up from the waiting list, and the counts say so.
    const rows = await cacheRows(office.db);
    expect(rows.signup).toEqual([expect.objectContaining({ id: 'a1:r2', status: 'confirmed' })]);
    expect(rows.activity).toEqual([
      expect.objectContaining({ id: 'a1', confirmedCount: 1, waitlistCount: 0 }),
    ]);

    const db = t.server.store.db;
    expect(
      await db.selectFrom('media_ref').selectAll().where('hash', '=', PHOTO).execute(),
    ).toEqual([]);
    await until(() => expect(existsSync(mediaFile(t.dataDir, PHOTO))).toBe(false));
    expect(await db.selectFrom('resident_secret').selectAll().execute()).toHaveLength(0);
    expect(
      await db.selectFrom('consent_event').selectAll().where('resident_id', '=', 'r1').execute(),
    ).toEqual([]);
    const log = JSON.stringify(await db.selectFrom('change_log').selectAll().execute());
    expect(log).not.toContain(NAME);
    expect(log).not.toContain(PHOTO);
    const audit = await db.selectFrom('audit').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(NAME);
    expect(audit.find((a) => a.action === 'resident.erase')).toMatchObject({
      detail: JSON.stringify({ residentId: 'r1' }),
    });
    const user = await db
      .selectFrom('app_user')
      .select(['resident_ids', 'disabled'])
      .where('role', '=', 'relative')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ resident_ids: '[]', disabled: 1 });
    expect((await exportOf('r1', await t.userToken('staff'))).status).toBe(404);
  });

  it('keeps their photo’s file when another record still shows it', async () => {
    await apply(staff, 'news.put', {
      id: 'n1',
      title: 'Sommerfest',
      body: '',
      media: [{ hash: PHOTO, kind: 'image', signLanguage: false }],
      publishAt: new Date().toISOString(),
      expiresAt: null,
      audience: { kind: 'all' },
    });
    await apply(staff, 'resident.erase', { residentId: 'r1' });
    // The erase's after-commit step has run once a later mutation is answered.
    await apply(staff, 'group.put', { id: 'g2', name: 'Gruppe 2' });
    expect(existsSync(mediaFile(t.dataDir, PHOTO))).toBe(true);
  });

  it('refuses unknown residents and every role but staff', async () => {
    expect(await mutate(staff, 'resident.erase', { residentId: 'nobody' })).toMatchObject({
      code: 'not_found',
    });
    expect(await mutate(staff, 'resident.erase', { residentId: '' })).toMatchObject({
      code: 'invalid',
    });
    for (const token of [await t.kioskToken(), await t.userToken('relative', ['r1'])]) {
      const socket = await t.connect(token);
      expect(await mutate(socket, 'resident.erase', { residentId: 'r1' })).toMatchObject({
        code: 'forbidden',
      });
    }
    expect(await t.server.store.db.selectFrom('resident').select('id').execute()).toHaveLength(2);
  });
});

it('export answers an over-long id with a client error, never a server error', async () => {
  const staffToken = await t.userToken('staff');
  // Past fastify's 100-character parameter limit: 414 before anything is read.
  expect((await exportOf(randomBytes(80).toString('hex'), staffToken)).status).toBe(414);
  expect((await exportOf('x'.repeat(100), staffToken)).status).toBe(404);
});
