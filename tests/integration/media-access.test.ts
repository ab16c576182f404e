/**
 * `/media/<hash>` is served only to a principal who may see an entity that refers to the blob
 * (DESIGN.md, "Security and privacy"): a kiosk gets the photo of a resident who consented to the
 * wall screen and not of one who did not, a relative only their own residents' photos, staff
 * everything. A kiosk's browser is known by its HttpOnly device cookie (so `<img src>` works),
 * a person by the session cookie or either by a bearer header. What a caller may not see looks
 * exactly like what does not exist (404).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../src/server/auth/accounts.js';
import { putMedia } from '../../src/server/media/media-store.js';
import { relativesConsent, resident } from '../helpers/fixtures.js';
import {
  apply,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staff: SyncSocket;
const photo: Record<string, string> = {};

/** A small distinct GIF per name. */
const gif = (): Buffer => Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]);

beforeAll(async () => {
  t = await startTestServer();
  staff = await t.staff();
  for (const name of ['yes', 'no', 'other', 'meal', 'news', 'shift', 'loose', 'later'])
    photo[name] = await putMedia(t.dataDir, gif());
  // Every one consents to the relatives' view: which relative sees what is the question here.
  const consent = relativesConsent;
  await apply(staff, 'resident.put', {
    ...resident('r-yes', { photo: photo.yes!, wallConsent: true }),
    consent,
  });
  await apply(staff, 'resident.put', {
    ...resident('r-no', { photo: photo.no!, wallConsent: false }),
    consent,
  });
  await apply(staff, 'resident.put', {
    ...resident('r-other', { photo: photo.other!, wallConsent: false }),
    consent,
  });
  await apply(staff, 'meal.put', {
    id: 'm1',
    date: '2026-12-24',
    slot: 'dinner',
    dish: 'Risalamande',
    description: '',
    allergens: [],
    photo: photo.meal!,
    pictogram: null,
  });
  await apply(staff, 'news.put', {
    id: 'n1',
    title: 'Juletræ',
    body: '',
    media: [{ hash: photo.news!, kind: 'image', signLanguage: false }],
    publishAt: new Date(Date.now() - 60_000).toISOString(),
    expiresAt: null,
    audience: { kind: 'all' },
  });
  await apply(staff, 'shift.put', {
    id: 's1',
    staffName: 'Mette',
    photo: photo.shift!,
    start: new Date().toISOString(),
    end: new Date(Date.now() + 8 * 3600_000).toISOString(),
    groupId: null,
  });
});
afterAll(async () => {
  await t.close();
});

const media = (name: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${t.url}/media/${photo[name]}`, { headers });
const withBearer = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
});

/** The `name=value` of a Set-Cookie answer. */
function cookieOf(res: Response, name: string): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  expect(set, `no ${name} cookie`).toBeDefined();
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Strict/);
  expect(set).toMatch(/Path=\//);
  return set!.split(';')[0]!;
}

async function enrolWithCookie(): Promise<{ token: string; deviceId: string; cookie: string }> {
  const { createEnrolCode } = await import('../../src/server/auth/accounts.js');
  const { code } = await createEnrolCode(t.server.store.db, 'Stuen', '', new Date());
  const res = await fetch(`${t.url}/api/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(res.status).toBe(200);
  const cookie = cookieOf(res, 'cg_device');
  const body = (await res.json()) as { token: string; deviceId: string };
  return { ...body, cookie };
}

describe('media for a kiosk', () => {
  it('gets a consenting resident’s photo with its device cookie, privately cached', async () => {
    const { cookie } = await enrolWithCookie();
    const res = await media('yes', { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('image/gif');
  });

  it('does not get the photo of a resident without wall consent: 404, as if missing', async () => {
    const { token, cookie } = await enrolWithCookie();
    for (const headers of [{ cookie }, withBearer(token)]) {
      const res = await media('no', headers);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    }
    const missing = await fetch(`${t.url}/media/${'0'.repeat(64)}`, { headers: { cookie } });
    expect(missing.status).toBe(404);
  });

  it('gets meal, news and duty-roster photos', async () => {
    const { cookie } = await enrolWithCookie();
    for (const name of ['meal', 'news', 'shift'])
      expect((await media(name, { cookie })).status).toBe(200);
    // A blob nothing refers to is for staff only.
    expect((await media('loose', { cookie })).status).toBe(404);
  });

  it('gets a photo once consent is given, and loses it when consent is withdrawn', async () => {
    const { cookie } = await enrolWithCookie();
    await apply(
      staff,
      'resident.put',
      resident('r-later', { photo: photo.later!, wallConsent: false }),
    );
    expect((await media('later', { cookie })).status).toBe(404);
    await apply(
      staff,
      'resident.put',
      resident('r-later', { photo: photo.later!, wallConsent: true }),
    );
    expect((await media('later', { cookie })).status).toBe(200);
    await apply(
      staff,
      'resident.put',
      resident('r-later', { photo: photo.later!, wallConsent: false }),
    );
    expect((await media('later', { cookie })).status).toBe(404);
  });

  it('gets its cookie anew from POST /api/devices/cookie with its token', async () => {
    const token = await t.kioskToken();
    const res = await fetch(`${t.url}/api/devices/cookie`, {
      method: 'POST',
      headers: withBearer(token),
    });
    expect(res.status).toBe(200);
    const cookie = cookieOf(res, 'cg_device');
    expect((await media('yes', { cookie })).status).toBe(200);
  });

  it('is refused a device cookie without a kiosk token', async () => {
    const post = (headers: Record<string, string>): Promise<Response> =>
      fetch(`${t.url}/api/devices/cookie`, { method: 'POST', headers });
    expect((await post({})).status).toBe(401);
    expect((await post(withBearer('not-a-token'))).status).toBe(401);
    const staffRes = await post(withBearer(await t.userToken('staff')));
    expect(staffRes.status).toBe(403);
    expect(staffRes.headers.getSetCookie()).toEqual([]);
  });

  it('once revoked, its cookie gets 401', async () => {
    const { deviceId, cookie } = await enrolWithCookie();
    expect((await media('yes', { cookie })).status).toBe(200);
    await revokeDevice(t.server.store.db, deviceId);
    expect((await media('yes', { cookie })).status).toBe(401);
  });
});

describe('media for people', () => {
  it('anonymous callers get 401, whatever the blob', async () => {
    for (const name of ['yes', 'no', 'meal', 'loose']) expect((await media(name)).status).toBe(401);
    for (const headers of [
      withBearer('nonsense'),
      { cookie: 'cg_session=nonsense' },
      { cookie: 'cg_device=%E0%A4%A' },
    ])
      expect((await media('yes', headers)).status).toBe(401);
  });

  it('a relative gets only their own residents’ photos (and the shared ones)', async () => {
    const token = await t.userToken('relative', ['r-no']);
    expect((await media('no', withBearer(token))).status).toBe(200);
    expect((await media('no', { cookie: `cg_session=${token}` })).status).toBe(200);
    expect((await media('other', withBearer(token))).status).toBe(404);
    expect((await media('yes', withBearer(token))).status).toBe(404);
    expect((await media('meal', withBearer(token))).status).toBe(200);
  });

  it('staff get every photo, even one nothing refers to yet', async () => {
    const token = await t.userToken('staff');
    for (const name of ['yes', 'no', 'other', 'meal', 'news', 'shift', 'loose'])
      expect((await media(name, withBearer(token))).status, name).toBe(200);
  });

  it('a logged-out session gets 401', async () => {
    const token = await t.userToken('staff');
    await fetch(`${t.url}/api/logout`, { method: 'POST', headers: withBearer(token) });
    expect((await media('loose', withBearer(token))).status).toBe(401);
  });

  it('a photo replaced on its resident is no longer served through them', async () => {
    const token = await t.userToken('relative', ['r-other']);
    expect((await media('other', withBearer(token))).status).toBe(200);
    await apply(staff, 'resident.put', resident('r-other', { photo: null, wallConsent: false }));
    expect((await media('other', withBearer(token))).status).toBe(404);
  });
});
