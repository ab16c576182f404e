/**
 * Relatives' privacy, part two (issue 10): consent per channel and removal.
 * - A resident whose consent for the relatives' view is not given: no relative receives anything
 *   personal of them (pull, push, media, their house's news), whatever linked the relative (here
 *   the command line, which asks no consent); acting for them answers as for nobody. Given: the
 *   relative starts over and sees them. Withdrawn: the relative is unlinked and their socket ends.
 *   An invitation needs the consent, and one accepted after a withdrawal links nobody.
 * - Removing a relative (`relative.revoke`) ends their sessions and every open socket within the
 *   same mutation (the periodic sweep is slowed to 10 minutes here, so only the mutation can do it),
 *   a pull afterwards is refused, and a new invitation never brings the old session back.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Resident } from '../../src/domain/model.js';
import { putMedia } from '../../src/server/media/media-store.js';
import { activity, relativesConsent, resident } from '../helpers/fixtures.js';
import { Replica } from '../helpers/replica.js';
import {
  apply,
  connectSocket,
  disconnected,
  mutate,
  pullAll,
  replay,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staff: SyncSocket;
const photo: Record<string, string> = {};
const gif = (): Buffer => Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]);
const C = 'res-cille';
/** Consent for the calendar, not for the relatives' view: the feed must not reach a relative. */
const noRelatives = {
  relatives: { given: false, by: 'resident' },
  calendar: { given: true, by: 'resident' },
} as const;
const withRelatives = { ...noRelatives, ...relativesConsent };

beforeEach(async () => {
  // The sweep that would end revoked sessions' sockets anyway runs every 10 minutes here.
  t = await startTestServer({ revocationPollMs: 600_000 });
  staff = await t.staff();
  for (const name of ['a', 'c']) photo[name] = await putMedia(t.dataDir, gif());
  await apply(staff, 'group.put', { id: 'grp-x', name: 'Hus X' });
  await apply(staff, 'resident.put', {
    ...resident('res-anna', { groupIds: ['grp-x'], photo: photo.a! }),
    consent: withRelatives,
  });
  await apply(staff, 'resident.put', {
    ...resident(C, { displayName: 'Cille', groupIds: ['grp-x'], photo: photo.c! }),
    consent: noRelatives,
  });
  await apply(staff, 'activity.put', activity('act-1'));
  await apply(staff, 'signup.add', { activityId: 'act-1', residentId: C });
  await apply(staff, 'news.put', {
    id: 'news-x',
    title: 'Nyt i hus X',
    body: '',
    media: [],
    publishAt: new Date(Date.now() - 60_000).toISOString(),
    expiresAt: null,
    audience: { kind: 'groups', groupIds: ['grp-x'] },
  });
});
afterEach(async () => {
  await t.close();
});

const media = (name: string, token: string) =>
  fetch(`${t.url}/media/${photo[name]}`, { headers: { authorization: `Bearer ${token}` } });
const session = (token: string) =>
  fetch(`${t.url}/api/session`, { headers: { authorization: `Bearer ${token}` } });
const PASSWORD = 'a long enough password';
const ical = (token: string) => fetch(`${t.url}/ical/${token}.ics`);
/** Makes a calendar address as `socket`; the answer and the address's token. */
async function makeFeed(socket: SyncSocket, residentId: string) {
  const token = randomBytes(32).toString('base64url');
  const res = await mutate(socket, 'feed.create', { feedId: randomUUID(), residentId, token });
  return { token, res };
}

async function invite(residentIds: string[]) {
  const token = randomBytes(32).toString('base64url');
  const res = await mutate(staff, 'relative.invite', {
    inviteId: randomUUID(),
    residentIds,
    name: 'Hanne Jensen',
    token,
  });
  return { token, res };
}
async function accept(token: string, username = `hanne-${randomUUID().slice(0, 6)}`) {
  return fetch(`${t.url}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password: PASSWORD, username }),
  });
}
async function relativeOf(residentIds: string[]) {
  const { token } = await invite(residentIds);
  const res = await accept(token);
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; userId: string; username: string };
}

describe('consent for the relatives’ view', () => {
  it('not given: a linked relative receives nothing of the resident, nor acts for them', async () => {
    const token = await t.userToken('relative', [C]);
    const rc = new Replica(await t.connect(token));
    await rc.sync();
    expect(rc.all('resident').size).toBe(0);
    expect(rc.all('signup').size).toBe(0);
    // Not even the news of the resident's house: it would say where they live.
    expect(rc.all('news').size).toBe(0);
    expect(JSON.stringify([...rc.entities.values()])).not.toContain(C);
    expect((await media('c', token)).status).toBe(404);
    const onC = await mutate(rc.socket, 'signup.cancel', { activityId: 'act-1', residentId: C });
    const onNobody = await mutate(rc.socket, 'signup.cancel', {
      activityId: 'act-1',
      residentId: 'res-ghost',
    });
    expect(onC).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect(JSON.stringify(onC)).toBe(JSON.stringify(onNobody));
    // Nor a calendar address, though she consents to the calendar: answered as for nobody.
    const feedC = (await makeFeed(rc.socket, C)).res;
    expect(feedC).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect(JSON.stringify(feedC)).toBe(
      JSON.stringify((await makeFeed(rc.socket, 'res-ghost')).res),
    );

    // Given: the relative starts over (reset) and now has the resident, her sign-up and house.
    await apply(staff, 'resident.put', {
      ...resident(C, { groupIds: ['grp-x'], photo: photo.c! }),
      consent: withRelatives,
    });
    await rc.until((r) => r.all('resident').has(C));
    expect(rc.resets.length).toBeGreaterThan(0);
    expect([...rc.all('signup').keys()]).toEqual([`act-1:${C}`]);
    expect([...rc.all('news').keys()]).toEqual(['news-x']);
    expect((await media('c', token)).status).toBe(200);
  });

  it('withdrawn: the relative is unlinked and their open socket closed in the same mutation', async () => {
    await apply(staff, 'resident.put', {
      ...resident(C, { groupIds: ['grp-x'] }),
      consent: withRelatives,
    });
    const { token, userId } = await relativeOf([C, 'res-anna']);
    const socket = await t.connect(token);
    const feed = await makeFeed(socket, C);
    expect(feed.res).toMatchObject({ status: 'applied' });
    expect((await ical(feed.token)).status).toBe(200);
    const closed = disconnected(socket, 2_000);
    await apply(staff, 'resident.put', {
      ...resident(C, { groupIds: ['grp-x'] }),
      consent: noRelatives,
    });
    await closed;
    // Her calendar address stops with it (the calendar consent alone is not the relative's).
    expect((await ical(feed.token)).status).toBe(404);
    const again = await t.connect(token);
    const { changes } = await pullAll(again);
    expect([...replay(changes, 'resident').keys()]).toEqual(['res-anna']);
    expect(JSON.stringify(changes)).not.toContain(C);
    const users = replay((await pullAll(staff)).changes, 'user');
    expect(users.get(userId)?.residentIds).toEqual(['res-anna']);
  });

  it('an invitation needs it, and one accepted after a withdrawal links nobody', async () => {
    expect((await invite([C])).res).toMatchObject({ code: 'forbidden', reason: 'no_consent' });
    await apply(staff, 'resident.put', {
      ...resident(C, { groupIds: ['grp-x'] }),
      consent: withRelatives,
    });
    const { token, res } = await invite([C]);
    expect(res).toMatchObject({ status: 'applied' });
    await apply(staff, 'resident.put', {
      ...resident(C, { groupIds: ['grp-x'] }),
      consent: noRelatives,
    });
    const late = await accept(token);
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: 'invitation_revoked' });
    const relatives = await t.server.store.db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'relative')
      .execute();
    expect(relatives).toEqual([]);
  });
});

describe('removing a relative', () => {
  it('ends every open socket within the mutation; a pull, the session and media are refused after', async () => {
    const { token, userId } = await relativeOf(['res-anna']);
    const sockets = [await t.connect(token), await t.connect(token)];
    expect((await media('a', token)).status).toBe(200);
    const feed = await makeFeed(sockets[0]!, 'res-anna');
    expect((await ical(feed.token)).status).toBe(200);
    const closedAt: number[] = [];
    const closed = sockets.map((s) => disconnected(s, 3_000).then(() => closedAt.push(Date.now())));
    const res = await mutate(staff, 'relative.revoke', { userId });
    const ackAt = Date.now();
    expect(res).toMatchObject({ status: 'applied', result: { access: false } });
    await Promise.all(closed);
    // Closed by the mutation itself (the sweep is 10 minutes away): at most moments after its answer.
    for (const at of closedAt) expect(at - ackAt).toBeLessThan(500);
    await expect(connectSocket(t.url, token)).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await session(token)).status).toBe(401);
    expect((await media('a', token)).status).not.toBe(200);
    expect((await ical(feed.token)).status).toBe(404);
  });

  it('a new invitation makes a new login; the old session never comes back', async () => {
    const old = await relativeOf(['res-anna']);
    await apply(staff, 'relative.revoke', { userId: old.userId });
    const again = await invite(['res-anna']);
    // The old username stays with the old, closed login: taken.
    expect((await accept(again.token, old.username)).status).toBe(409);
    const res = await accept(again.token);
    expect(res.status).toBe(200);
    const fresh = (await res.json()) as { token: string; userId: string };
    expect(fresh.userId).not.toBe(old.userId);
    expect(fresh.token).not.toBe(old.token);
    const { changes } = await pullAll(await t.connect(fresh.token));
    expect([...replay(changes, 'resident').keys()]).toEqual(['res-anna']);
    await expect(connectSocket(t.url, old.token)).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await session(old.token)).status).toBe(401);
  });

  it('from one resident: the socket closes at once, and the relative comes back without them', async () => {
    await apply(staff, 'resident.put', {
      ...resident(C, { groupIds: ['grp-x'], photo: photo.c! }),
      consent: withRelatives,
    });
    const { token, userId } = await relativeOf(['res-anna', C]);
    const socket = await t.connect(token);
    expect((await media('c', token)).status).toBe(200);
    const closed = disconnected(socket, 500);
    await apply(staff, 'relative.revoke', { userId, residentId: C });
    await closed;
    const { changes } = await pullAll(await t.connect(token));
    const residents = replay(changes, 'resident');
    expect([...residents.keys()]).toEqual(['res-anna']);
    expect((residents.get('res-anna') as Resident).displayName).toBe('res-anna');
    expect(JSON.stringify(changes)).not.toContain(C);
    expect((await media('c', token)).status).toBe(404);
  });
});
