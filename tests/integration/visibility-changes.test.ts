/**
 * Issue 7, defects 2, 5, 6 and 15: what a client may see changes without a change of its own in
 * the log, or ends. A kiosk offline across consent withdrawn, given back and withdrawn again ends
 * with a cache equal to a fresh full pull each time; PIN-guarded residents' personal day items
 * never reach a kiosk by pull or push; the audience rule holds for news and activities per
 * viewer; an open socket loses its right at once.
 */
import 'fake-indexeddb/auto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncEngine } from '../../src/client/index.js';
import type { DayItem, News } from '../../src/domain/model.js';
import { cacheState, freshPull } from '../helpers/cache-compare.js';
import { engines } from '../helpers/engines.js';
import {
  activity,
  HOUR,
  resident,
  resource,
  relativesConsent,
  seedResidents,
  wholeHourAhead,
} from '../helpers/fixtures.js';
import {
  apply,
  disconnected,
  nextEvent,
  pullAll,
  rawEmitWithAck,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
const clients = engines();

beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await clients.stopAll();
  await t.close();
});

const kioskEngine = (token: string): SyncEngine => clients.make(t.url, token, 'kiosk');

const until = (fn: () => unknown): Promise<unknown> =>
  vi.waitFor(fn, { timeout: 10_000, interval: 20 });

const dayItem = (id: string, residentId: string | null, groupId: string | null): DayItem => ({
  id,
  residentId,
  groupId,
  date: '2026-12-24',
  start: '10:00',
  end: null,
  title: `Item ${id}`,
  pictogram: null,
  changedOn: null,
});

const news = (id: string, audience: News['audience']): News => ({
  id,
  title: `News ${id}`,
  body: '',
  media: [],
  publishAt: '2026-11-01T08:00:00.000Z',
  expiresAt: null,
  audience,
});

describe('a kiosk offline while wall consent changes', () => {
  it('equals a fresh full pull after each withdraw and restore, many times', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 3);
    await apply(staff, 'activity.put', activity('a1'));
    await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r2' });
    await apply(staff, 'dayitem.put', dayItem('d-r2', 'r2', null));
    const token = await t.kioskToken('wall');
    const probe = await t.connect(await t.kioskToken('probe'));
    const k = kioskEngine(token);

    for (let round = 0; round < 6; round++) {
      await k.start();
      const fresh = await freshPull(probe);
      await until(async () => expect(await cacheState(k.db)).toEqual(fresh));
      await k.stop();
      // Offline: consent flips, and other residents' records change meanwhile.
      const consent = round % 2 === 1;
      await apply(staff, 'resident.put', resident('r2', { wallConsent: consent }));
      await apply(staff, 'dayitem.put', { ...dayItem(`d-r2-${round}`, 'r2', null) });
      await apply(staff, 'signup.cancel', { activityId: 'a1', residentId: 'r1' });
      await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    }
    await k.start();
    const fresh = await freshPull(probe);
    await until(async () => expect(await cacheState(k.db)).toEqual(fresh));
    // Withdrawn at the end (round 5 set consent true? rounds alternate): check the last state.
    const r2 = await k.db.resident.get('r2');
    const consentNow = (fresh.rows.resident ?? []).some((r) => r.id === 'r2');
    expect(r2 !== undefined).toBe(consentNow);
  });

  it('an online kiosk is told at once (reset carrying the new view key)', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 2);
    const kiosk = await t.connect(await t.kioskToken());
    const first = await pullAll(kiosk);
    const reset = nextEvent(kiosk, 'reset');
    await apply(staff, 'resident.put', resident('r2', { wallConsent: false }));
    const notice = await reset;
    const page = (await rawEmitWithAck(kiosk, 'pull', [{ since: 0 }])) as { view: string };
    expect(notice).toEqual({ reason: 'visibility_changed', view: page.view });
    expect(page.view).not.toBe((first as unknown as { view?: string }).view ?? '');
  });
});

describe('a resident with a PIN', () => {
  it('has personal day items that reach a kiosk only through a successful unlock', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(staff, 'resident.put', { ...resident('r2'), pin: '4321' });
    await apply(staff, 'dayitem.put', dayItem('d-r1', 'r1', null));
    await apply(staff, 'dayitem.put', dayItem('d-r2', 'r2', null));
    await apply(staff, 'dayitem.put', dayItem('d-g1', null, 'g1'));
    const kiosk = await t.connect(await t.kioskToken());
    const pulled = await pullAll(kiosk);
    const ids = pulled.changes.filter((c) => c.type === 'dayitem').map((c) => c.id);
    expect(ids.sort()).toEqual(['d-g1', 'd-r1']);

    // A live change to the guarded resident's plan is not pushed to the kiosk either.
    const push = nextEvent(kiosk, 'changes');
    await apply(staff, 'dayitem.put', { ...dayItem('d-r2b', 'r2', null) });
    expect((await push).changes).toEqual([]);

    const wrong = await rawEmitWithAck(kiosk, 'resident.unlock', [
      { residentId: 'r2', pin: '0000' },
    ]);
    expect(wrong).toMatchObject({ ok: false, code: 'wrong_pin' });
    expect(wrong).not.toHaveProperty('items');
    const right = (await rawEmitWithAck(kiosk, 'resident.unlock', [
      { residentId: 'r2', pin: '4321' },
    ])) as { ok: boolean; items: DayItem[] };
    expect(right.ok).toBe(true);
    expect(right.items.map((i) => i.id).sort()).toEqual(['d-r2', 'd-r2b']);

    // Staff still see everything; removing the PIN brings the items to kiosks again.
    await apply(staff, 'resident.put', { ...resident('r2'), pin: null });
    const after = await pullAll(await t.connect(await t.kioskToken('later')));
    expect(
      after.changes
        .filter((c) => c.type === 'dayitem')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['d-g1', 'd-r1', 'd-r2', 'd-r2b']);
  });
});

describe('the audience rule', () => {
  async function seedHouses() {
    const staff = await t.staff();
    await apply(staff, 'group.put', { id: 'ga', name: 'Hus A' });
    await apply(staff, 'group.put', { id: 'gb', name: 'Hus B' });
    await apply(staff, 'resident.put', {
      ...resident('ra', { groupIds: ['ga'] }),
      consent: relativesConsent,
    });
    await apply(staff, 'resident.put', {
      ...resident('rb', { groupIds: ['gb'] }),
      consent: relativesConsent,
    });
    await apply(staff, 'news.put', news('n-all', { kind: 'all' }));
    await apply(staff, 'news.put', news('n-a', { kind: 'groups', groupIds: ['ga'] }));
    await apply(staff, 'news.put', news('n-b', { kind: 'groups', groupIds: ['gb'] }));
    await apply(
      staff,
      'activity.put',
      activity('act-b', { audience: { kind: 'groups', groupIds: ['gb'] } }),
    );
    return staff;
  }
  const visibleNews = async (token: string): Promise<string[]> => {
    const { changes } = await pullAll(await t.connect(token));
    return changes
      .filter((c) => c.type === 'news' && c.op === 'put')
      .map((c) => c.id)
      .sort();
  };

  it('news for a house reaches that house’s kiosk and relatives, not the others', async () => {
    await seedHouses();
    const houseA = await t.enrolKiosk('Hus A');
    await sql`update device set group_ids = ${'["ga"]'} where id = ${houseA.deviceId}`.execute(
      t.server.store.db,
    );
    expect(await visibleNews(houseA.token)).toEqual(['n-a', 'n-all']);
    expect(await visibleNews(await t.kioskToken('whole centre'))).toEqual(['n-a', 'n-all', 'n-b']);
    expect(await visibleNews(await t.userToken('relative', ['rb']))).toEqual(['n-all', 'n-b']);
    expect(await visibleNews(await t.userToken('staff'))).toEqual(['n-a', 'n-all', 'n-b']);
  });

  it('a post moved to another house disappears from the kiosks it no longer reaches', async () => {
    const staff = await seedHouses();
    const houseA = await t.enrolKiosk('Hus A');
    await sql`update device set group_ids = ${'["ga"]'} where id = ${houseA.deviceId}`.execute(
      t.server.store.db,
    );
    const kiosk = await t.connect(houseA.token);
    await pullAll(kiosk);
    const push = nextEvent(kiosk, 'changes');
    await apply(staff, 'news.put', news('n-a', { kind: 'groups', groupIds: ['gb'] }));
    expect((await push).changes).toMatchObject([{ type: 'news', id: 'n-a', op: 'del' }]);
  });

  it('a resource for one house is offered and bookable only there', async () => {
    const staff = await seedHouses();
    await apply(
      staff,
      'resource.put',
      resource('washer-b', { audience: { kind: 'groups', groupIds: ['gb'] } }),
    );
    const houseA = await t.enrolKiosk('Hus A');
    await sql`update device set group_ids = ${'["ga"]'} where id = ${houseA.deviceId}`.execute(
      t.server.store.db,
    );
    const resources = async (token: string) =>
      (await pullAll(await t.connect(token))).changes
        .filter((c) => c.type === 'resource' && c.op === 'put')
        .map((c) => c.id);
    expect(await resources(houseA.token)).toEqual([]);
    expect(await resources(await t.userToken('relative', ['rb']))).toEqual(['washer-b']);
    const start = wholeHourAhead(30);
    const book = (residentId: string) => ({
      id: crypto.randomUUID(),
      name: 'booking.add',
      args: {
        resourceId: 'washer-b',
        residentId,
        start: start.toISOString(),
        end: new Date(start.getTime() + HOUR).toISOString(),
      },
    });
    const kiosk = await t.connect(await t.kioskToken('whole centre'));
    expect(await rawEmitWithAck(kiosk, 'mutate', [book('ra')])).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      reason: 'not_in_audience',
    });
    expect(await rawEmitWithAck(kiosk, 'mutate', [book('rb')])).toMatchObject({
      status: 'applied',
    });
  });

  it('a resident outside the audience cannot be signed up from a kiosk or by a relative', async () => {
    await seedHouses();
    const kiosk = await t.connect(await t.kioskToken());
    const relative = await t.connect(await t.userToken('relative', ['ra']));
    for (const socket of [kiosk, relative]) {
      const res = await rawEmitWithAck(socket, 'mutate', [
        {
          id: crypto.randomUUID(),
          name: 'signup.add',
          args: { activityId: 'act-b', residentId: 'ra' },
        },
      ]);
      expect(res).toMatchObject({ status: 'rejected' });
    }
  });
});

describe('an open socket whose right ends', () => {
  const signUp = (activityId: string, residentId: string) => ({
    id: crypto.randomUUID(),
    name: 'signup.add',
    args: { activityId, residentId },
  });

  async function relativeSetup() {
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(staff, 'activity.put', activity('a1'));
    const token = await t.userToken('relative', ['r1']);
    const socket = await t.connect(token);
    return { staff, socket };
  }
  const signupsOf = async (staff: Awaited<ReturnType<typeof t.staff>>) =>
    (await pullAll(staff)).changes.filter((c) => c.type === 'signup' && c.op === 'put').length;

  it.each([
    ['a disabled user', `update app_user set disabled = 1 where role = 'relative'`],
    [
      'an expired session',
      `update session set expires_at = '2000-01-01T00:00:00.000Z' where user_id in (select id from app_user where role = 'relative')`,
    ],
    [
      'a relative no longer linked to the resident',
      `update app_user set resident_ids = '[]' where role = 'relative'`,
    ],
  ])('%s: the next mutation is not applied and the socket is closed', async (_, change) => {
    const { staff, socket } = await relativeSetup();
    const closed = disconnected(socket);
    await sql.raw(change).execute(t.server.store.db);
    await expect(rawEmitWithAck(socket, 'mutate', [signUp('a1', 'r1')], 1500)).rejects.toThrow();
    await closed;
    expect(await signupsOf(staff)).toBe(0);
  });

  it('is closed within a sweep even when it sends nothing, and cannot reconnect', async () => {
    const { socket } = await relativeSetup();
    const closed = disconnected(socket, 5000);
    await sql`update app_user set disabled = 1 where role = 'relative'`.execute(t.server.store.db);
    expect(await closed).toBe('io server disconnect');
  });

  it('after logout, the socket of that session is closed and its mutation not applied', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1'));
    const token = await t.userToken('relative', ['r1']);
    const socket = await t.connect(token);
    const closed = disconnected(socket);
    await fetch(`${t.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    await closed;
    expect(await signupsOf(staff)).toBe(0);
  });
});
