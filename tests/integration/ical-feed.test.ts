/**
 * Residents' private calendar feeds (issue 10): `feed.create`/`feed.revoke` and
 * `GET /ical/:token.ics`, read by two parsers nobody here wrote (ical.js and Debian's
 * python3-icalendar) across the week clocks go back in Europe/Copenhagen (Sunday 25 October 2026,
 * 03:00 CEST → 02:00 CET). The server runs on a fake clock: Wednesday 21 October 2026.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Feed } from '../../src/domain/model.js';
import { hashToken } from '../../src/server/auth/tokens.js';
import { activity, resident, resource } from '../helpers/fixtures.js';
import { parseWithIcalJs, parseWithPython, type ParsedEvent } from '../helpers/ical-parsers.js';
import { Replica } from '../helpers/replica.js';
import {
  apply,
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

const ZONE = 'Europe/Copenhagen';
const CENTRE = 'centre';
const consent = {
  relatives: { given: true, by: 'guardian' },
  calendar: { given: true, by: 'guardian' },
} as const;

let t: TestServer;
let staff: SyncSocket;
let clock: Date;
/** Relative of Anna (r1) only; `both`: of Anna and Bent (r2). */
let annaRelative: { token: string; socket: SyncSocket; userId: string };
let bothRelative: { token: string; socket: SyncSocket; userId: string };

const newToken = (): string => randomBytes(32).toString('base64url');

async function relative(residentIds: string[]) {
  const token = await t.userToken('relative', residentIds);
  const row = await t.server.store.db
    .selectFrom('session')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirstOrThrow();
  return { token, socket: await t.connect(token), userId: row.user_id };
}

beforeEach(async () => {
  clock = new Date('2026-10-21T10:00:00.000Z');
  t = await startTestServer({ now: () => clock });
  staff = await t.staff();
  const admin = await t.connect(await t.userToken('admin'));
  await apply(admin, 'centre.put', { name: 'Solsikken', timeZone: ZONE });
  await apply(staff, 'group.put', { id: 'g1', name: 'Hus 1' });
  await apply(staff, 'group.put', { id: 'g2', name: 'Hus 2' });
  await apply(staff, 'resident.put', { ...resident('r1', { displayName: 'Anna' }), consent });
  await apply(staff, 'resident.put', {
    ...resident('r2', { displayName: 'Bent', groupIds: ['g2'] }),
    consent,
  });
  await apply(staff, 'resident.put', resident('r3', { displayName: 'Carl' }));
  annaRelative = await relative(['r1']);
  bothRelative = await relative(['r1', 'r2']);
});
afterEach(async () => {
  await t.close();
});

async function createFeed(socket: SyncSocket, residentId: string, token = newToken()) {
  const feedId = randomUUID();
  const res = await mutate(socket, 'feed.create', { feedId, residentId, token });
  return { feedId, token, res };
}

const get = (path: string): Promise<Response> => fetch(`${t.url}${path}`);
const feedUrl = (token: string): string => `/ical/${token}.ics`;

async function readFeed(token: string) {
  const res = await get(feedUrl(token));
  expect(res.status).toBe(200);
  const text = await res.text();
  const js = parseWithIcalJs(text);
  const py = await parseWithPython(text);
  // The two parsers agree on everything they report.
  expect(py).toEqual(js);
  return { res, text, cal: js, byUid: new Map(js.events.map((e) => [e.uid, e])) };
}

const uid = (kind: string, id: string): string => `${kind}-${id}@${CENTRE}`;

/** Anna's week: activities either side of the change, a waiting-list place, a booking, day items. */
async function seedWeek(): Promise<void> {
  // Saturday 24 Oct 10:00 CEST (UTC+2) and Monday 26 Oct 10:00 CET (UTC+1).
  await apply(staff, 'activity.put', {
    ...activity('sat', { title: 'Gåtur' }),
    start: '2026-10-24T08:00:00.000Z',
    end: '2026-10-24T09:30:00.000Z',
  });
  await apply(staff, 'activity.put', {
    ...activity('mon', { title: 'Bagning' }),
    start: '2026-10-26T09:00:00.000Z',
    end: '2026-10-26T11:00:00.000Z',
  });
  await apply(staff, 'activity.put', {
    ...activity('full', { title: 'Biograf', capacity: 1, waitlist: true }),
    start: '2026-10-27T17:00:00.000Z',
    end: '2026-10-27T19:00:00.000Z',
  });
  // Bent's own activity: never in Anna's feed.
  await apply(staff, 'activity.put', {
    ...activity('bents', { title: 'Bents tandlæge' }),
    start: '2026-10-26T12:00:00.000Z',
    end: '2026-10-26T13:00:00.000Z',
  });
  await apply(staff, 'signup.add', { activityId: 'sat', residentId: 'r1' });
  await apply(staff, 'signup.add', { activityId: 'mon', residentId: 'r1' });
  await apply(staff, 'signup.add', { activityId: 'full', residentId: 'r3' });
  await apply(staff, 'signup.add', { activityId: 'full', residentId: 'r1' });
  await apply(staff, 'signup.add', { activityId: 'bents', residentId: 'r2' });
  await apply(staff, 'resource.put', resource('wash', { name: 'Vaskemaskine' }));
  // Sunday 25 Oct 14:00–15:00 CET (after the change).
  await apply(staff, 'booking.add', {
    bookingId: 'b1',
    resourceId: 'wash',
    residentId: 'r1',
    start: '2026-10-25T13:00:00.000Z',
    end: '2026-10-25T14:00:00.000Z',
  });
  const item = { pictogram: null, changedOn: null, end: null };
  await apply(staff, 'dayitem.put', {
    ...item,
    id: 'd-sun',
    residentId: null,
    groupId: 'g1',
    date: '2026-10-25',
    start: '09:00',
    title: 'Morgenmad',
  });
  // The same breakfast on Monday: its own event (not merged with Sunday's).
  await apply(staff, 'dayitem.put', {
    ...item,
    id: 'd-mon',
    residentId: null,
    groupId: 'g1',
    date: '2026-10-26',
    start: '09:00',
    title: 'Morgenmad',
  });
  await apply(staff, 'dayitem.put', {
    ...item,
    id: 'd-sat',
    residentId: 'r1',
    groupId: null,
    date: '2026-10-24',
    start: '18:00',
    end: '19:00',
    title: 'Fysioterapi',
  });
  await apply(staff, 'dayitem.put', {
    ...item,
    id: 'd-bent',
    residentId: 'r2',
    groupId: null,
    date: '2026-10-25',
    start: '10:00',
    title: 'Bents medicin',
  });
  await apply(staff, 'dayitem.put', {
    ...item,
    id: 'd-g2',
    residentId: null,
    groupId: 'g2',
    date: '2026-10-25',
    start: '11:00',
    title: 'Hus 2 møde',
  });
}

const expectAt = (
  e: ParsedEvent | undefined,
  startLocal: string,
  startUtc: string,
  end?: [string, string],
) => {
  expect(e, startLocal).toBeDefined();
  expect(e?.startTzid).toBe(ZONE);
  expect(e?.startLocal).toBe(startLocal);
  expect(e?.startUtc).toBe(startUtc);
  if (end) expect([e?.endLocal, e?.endUtc]).toEqual(end);
};

describe('the feed, read by ical.js and python3-icalendar', () => {
  it('has every event at its wall-clock time across the DST change, a VTIMEZONE, and only Anna’s', async () => {
    await seedWeek();
    const { token, res: created } = await createFeed(annaRelative.socket, 'r1');
    expect(created).toMatchObject({ status: 'applied' });
    const { res, cal, byUid, text } = await readFeed(token);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    expect(cal.name).toBe('Anna – Solsikken');
    expect(cal.timezones).toEqual([ZONE]);
    expect(text).toMatch(/^BEGIN:VTIMEZONE\r$/m);

    expectAt(byUid.get(uid('activity', 'sat')), '2026-10-24T10:00', '2026-10-24T08:00:00Z', [
      '2026-10-24T11:30',
      '2026-10-24T09:30:00Z',
    ]);
    expectAt(byUid.get(uid('activity', 'mon')), '2026-10-26T10:00', '2026-10-26T09:00:00Z');
    expectAt(byUid.get(uid('booking', 'b1')), '2026-10-25T14:00', '2026-10-25T13:00:00Z');
    expectAt(byUid.get(uid('dayitem', 'd-sun')), '2026-10-25T09:00', '2026-10-25T08:00:00Z');
    expectAt(byUid.get(uid('dayitem', 'd-mon')), '2026-10-26T09:00', '2026-10-26T08:00:00Z');
    expectAt(byUid.get(uid('dayitem', 'd-sat')), '2026-10-24T18:00', '2026-10-24T16:00:00Z', [
      '2026-10-24T19:00',
      '2026-10-24T17:00:00Z',
    ]);
    const waiting = byUid.get(uid('activity', 'full'));
    expect(waiting).toMatchObject({ status: 'TENTATIVE', summary: 'Biograf (venteliste nr. 1)' });
    expect(byUid.get(uid('activity', 'sat'))).toMatchObject({ status: 'CONFIRMED', sequence: 0 });
    expect(byUid.get(uid('booking', 'b1'))?.summary).toBe('Booket: Vaskemaskine');
    // Nothing of Bent's: not his activity, his day item, his house's item, nor his name.
    expect(cal.events).toHaveLength(7);
    expect(text).not.toMatch(/Bent|Hus 2|bents|d-g2/);
  });

  it('says which of the two 02.00–03.00 hours of the night clocks go back', async () => {
    await apply(staff, 'resource.put', resource('wash', { name: 'Vaskemaskine' }));
    // 02:00–03:00 CEST (the first run of the hour), then 02:00 CET (the second) to 03:00 CET.
    for (const [id, start, end] of [
      ['first', '2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['second', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
    ] as const)
      await apply(staff, 'booking.add', {
        bookingId: id,
        resourceId: 'wash',
        residentId: 'r1',
        start,
        end,
      });
    const { token } = await createFeed(annaRelative.socket, 'r1');
    const { byUid } = await readFeed(token);
    // A wall clock in that hour could be either (the parsers both take the second): the times
    // in it are written in UTC and read as the right instants; 03:00 CET happens once.
    const first = byUid.get(uid('booking', 'first'));
    expect(first).toMatchObject({ startTzid: null, startUtc: '2026-10-25T00:00:00Z' });
    expect(first?.endUtc).toBe('2026-10-25T01:00:00Z');
    const second = byUid.get(uid('booking', 'second'));
    expect(second).toMatchObject({ startTzid: null, startUtc: '2026-10-25T01:00:00Z' });
    expect([second?.endLocal, second?.endUtc]).toEqual([
      '2026-10-25T03:00',
      '2026-10-25T02:00:00Z',
    ]);
  });

  it('raises SEQUENCE and DTSTAMP on an edit, and sends what was cancelled as CANCELLED', async () => {
    await seedWeek();
    const { token } = await createFeed(annaRelative.socket, 'r1');
    const before = (await readFeed(token)).byUid;
    const mon = before.get(uid('activity', 'mon'));
    expect(mon?.stamp).toBe('2026-10-21T10:00:00Z');

    clock = new Date('2026-10-22T07:15:00.000Z');
    // Staff move Monday's baking an hour later; delete Saturday's walk; Anna leaves the cinema's
    // waiting list; her washing is cancelled.
    await apply(staff, 'activity.put', {
      ...activity('mon', { title: 'Bagning' }),
      start: '2026-10-26T10:00:00.000Z',
      end: '2026-10-26T12:00:00.000Z',
    });
    await apply(staff, 'activity.del', { id: 'sat' });
    await apply(staff, 'signup.cancel', { activityId: 'full', residentId: 'r1' });
    await apply(staff, 'booking.cancel', { bookingId: 'b1' });
    clock = new Date('2026-10-22T08:00:00.000Z');

    const after = (await readFeed(token)).byUid;
    const moved = after.get(uid('activity', 'mon'));
    expectAt(moved, '2026-10-26T11:00', '2026-10-26T10:00:00Z');
    expect(moved?.sequence).toBeGreaterThan(mon?.sequence ?? Infinity);
    expect(moved?.status).toBe('CONFIRMED');
    // DTSTAMP: when staff changed it, not when the feed was read.
    expect(moved?.stamp).toBe('2026-10-22T07:15:00Z');
    for (const [kind, id] of [
      ['activity', 'sat'],
      ['activity', 'full'],
      ['booking', 'b1'],
    ] as const) {
      const e = after.get(uid(kind, id));
      expect(e?.status, id).toBe('CANCELLED');
      expect(e?.sequence, id).toBeGreaterThan(before.get(uid(kind, id))?.sequence ?? Infinity);
    }
    // The deleted walk keeps its time and name.
    expectAt(after.get(uid('activity', 'sat')), '2026-10-24T10:00', '2026-10-24T08:00:00Z');
    expect(after.get(uid('activity', 'sat'))?.summary).toBe('Gåtur');
    // Unchanged things keep their SEQUENCE.
    expect(after.get(uid('dayitem', 'd-sun'))?.sequence).toBe(
      before.get(uid('dayitem', 'd-sun'))?.sequence,
    );

    // A read again changes nothing; 31 days later the cancelled ones are gone.
    const again = (await readFeed(token)).byUid;
    expect(again.get(uid('activity', 'sat'))?.sequence).toBe(
      after.get(uid('activity', 'sat'))?.sequence,
    );
    clock = new Date('2026-11-23T08:00:00.000Z');
    const later = (await readFeed(token)).byUid;
    expect(later.has(uid('activity', 'sat'))).toBe(false);
    expect(later.has(uid('activity', 'full'))).toBe(false);
  });
});

describe('the spring change (Sunday 28 March 2027, 02:00 CET → 03:00 CEST)', () => {
  it('keeps wall-clock times either side, and a time in the gap moves forward', async () => {
    await apply(staff, 'activity.put', {
      ...activity('sat27', { title: 'Marked' }),
      start: '2027-03-27T09:00:00.000Z',
      end: '2027-03-27T10:00:00.000Z',
    });
    await apply(staff, 'activity.put', {
      ...activity('mon29', { title: 'Svømning' }),
      start: '2027-03-29T08:00:00.000Z',
      end: '2027-03-29T09:00:00.000Z',
    });
    await apply(staff, 'signup.add', { activityId: 'sat27', residentId: 'r1' });
    await apply(staff, 'signup.add', { activityId: 'mon29', residentId: 'r1' });
    await apply(staff, 'dayitem.put', {
      id: 'd-gap',
      residentId: 'r1',
      groupId: null,
      date: '2027-03-28',
      start: '02:30',
      end: null,
      title: 'Medicin',
      pictogram: null,
      changedOn: null,
    });
    const { token } = await createFeed(annaRelative.socket, 'r1');
    const { byUid } = await readFeed(token);
    expectAt(byUid.get(uid('activity', 'sat27')), '2027-03-27T10:00', '2027-03-27T09:00:00Z');
    expectAt(byUid.get(uid('activity', 'mon29')), '2027-03-29T10:00', '2027-03-29T08:00:00Z');
    // 02:30 does not exist that night: the item is at 03:30 CEST, as on the wall (days.ts).
    expectAt(byUid.get(uid('dayitem', 'd-gap')), '2027-03-28T03:30', '2027-03-28T01:30:00Z');
    expect(byUid.get(uid('dayitem', 'd-gap'))?.endLocal).toBeNull();
  });
});

describe('addresses that stop', () => {
  it('revoked by the relative who made it: 404 with no detail', async () => {
    const { token, feedId } = await createFeed(annaRelative.socket, 'r1');
    expect((await get(feedUrl(token))).status).toBe(200);
    expect(await mutate(annaRelative.socket, 'feed.revoke', { feedId })).toMatchObject({
      status: 'applied',
    });
    const res = await get(feedUrl(token));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('Not found');
  });

  it('a new address kills the old one (the same relative and resident only)', async () => {
    const first = await createFeed(annaRelative.socket, 'r1');
    const other = await createFeed(bothRelative.socket, 'r1');
    const bents = await createFeed(bothRelative.socket, 'r2');
    const second = await createFeed(annaRelative.socket, 'r1');
    expect(second.res).toMatchObject({ status: 'applied' });
    expect((await get(feedUrl(first.token))).status).toBe(404);
    expect((await get(feedUrl(second.token))).status).toBe(200);
    expect((await get(feedUrl(other.token))).status).toBe(200);
    expect((await get(feedUrl(bents.token))).status).toBe(200);
  });

  it('staff stop any address', async () => {
    const { token, feedId } = await createFeed(annaRelative.socket, 'r1');
    expect(await mutate(staff, 'feed.revoke', { feedId })).toMatchObject({ status: 'applied' });
    expect((await get(feedUrl(token))).status).toBe(404);
    // Staff may make one too (for a relative without the app).
    const made = await createFeed(staff, 'r1');
    expect(made.res).toMatchObject({ status: 'applied' });
    expect((await get(feedUrl(made.token))).status).toBe(200);
  });

  it('a relative removed from the resident: their addresses for that resident stop', async () => {
    const anna = await createFeed(bothRelative.socket, 'r1');
    const bent = await createFeed(bothRelative.socket, 'r2');
    await apply(staff, 'relative.revoke', { userId: bothRelative.userId, residentId: 'r1' });
    expect((await get(feedUrl(anna.token))).status).toBe(404);
    expect((await get(feedUrl(bent.token))).status).toBe(200);
    await apply(staff, 'relative.revoke', { userId: bothRelative.userId });
    expect((await get(feedUrl(bent.token))).status).toBe(404);
    const office = new Replica(staff);
    await office.sync();
    expect(office.get<Feed>('feed', anna.feedId)?.revokedAt).toBe(clock.toISOString());
    expect(office.get<Feed>('feed', bent.feedId)?.revokedAt).toBe(clock.toISOString());
  });

  it('relatives’ consent withdrawn: the relatives’ addresses stop (a staff-made one stays)', async () => {
    const relatives = await createFeed(annaRelative.socket, 'r1');
    const staffs = await createFeed(staff, 'r1');
    await apply(staff, 'resident.put', {
      ...resident('r1', { displayName: 'Anna' }),
      consent: { ...consent, relatives: { given: false, by: 'guardian' } },
    });
    expect((await get(feedUrl(relatives.token))).status).toBe(404);
    expect((await get(feedUrl(staffs.token))).status).toBe(200);
    const office = new Replica(staff);
    await office.sync();
    expect(office.get<Feed>('feed', relatives.feedId)?.revokedAt).toBe(clock.toISOString());
  });

  it('the resident erased: 404, and nothing of their feeds is left', async () => {
    await seedWeek();
    const relatives = await createFeed(annaRelative.socket, 'r1');
    const staffs = await createFeed(staff, 'r1');
    await readFeed(relatives.token);
    await apply(staff, 'resident.erase', { residentId: 'r1' });
    expect((await get(feedUrl(relatives.token))).status).toBe(404);
    expect((await get(feedUrl(staffs.token))).status).toBe(404);
    const db = t.server.store.db;
    expect(await db.selectFrom('feed_token').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('feed_event').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('feed').selectAll().execute()).toEqual([]);
  });

  it('calendar consent withdrawn: 404, and the addresses are stopped for good', async () => {
    const relatives = await createFeed(annaRelative.socket, 'r1');
    const staffs = await createFeed(staff, 'r1');
    expect((await get(feedUrl(relatives.token))).status).toBe(200);
    expect((await get(feedUrl(staffs.token))).status).toBe(200);
    const calendarOff = { ...consent, calendar: { given: false, by: 'guardian' } } as const;
    await apply(staff, 'resident.put', {
      ...resident('r1', { displayName: 'Anna' }),
      consent: calendarOff,
    });
    expect((await get(feedUrl(relatives.token))).status).toBe(404);
    expect((await get(feedUrl(staffs.token))).status).toBe(404);
    // Given again: the old addresses stay stopped; a new one is needed.
    await apply(staff, 'resident.put', { ...resident('r1', { displayName: 'Anna' }), consent });
    expect((await get(feedUrl(relatives.token))).status).toBe(404);
    const office = new Replica(staff);
    await office.sync();
    expect(office.get<Feed>('feed', relatives.feedId)?.revokedAt).toBe(clock.toISOString());
    expect(office.get<Feed>('feed', staffs.feedId)?.revokedAt).toBe(clock.toISOString());
  });

  it('bad addresses answer 404 and the server stays up', async () => {
    const { token } = await createFeed(annaRelative.socket, 'r1');
    const bad = [
      '/ical/abc.ics',
      `/ical/${token.slice(0, 42)}.ics`,
      `/ical/${token}x.ics`,
      `/ical/${token}`,
      `/ical/${token}.ics.ics`,
      `/ical/${'%2e%2e%2f'.repeat(5)}etc%2fpasswd.ics`,
      '/ical/../../etc/passwd',
      `/ical/${token.slice(0, 40)}%00%00%00.ics`,
      `/ical/${'!'.repeat(43)}.ics`,
      `/ical/${'A'.repeat(43)}.ics`,
      `/ical/${'A'.repeat(5000)}.ics`,
      `/ical/${token.toUpperCase()}.ics`,
    ];
    for (const path of bad) {
      const res = await get(path);
      // 5,000 characters are refused by the router itself as too long (414), also without detail.
      expect(res.status, path.slice(0, 80)).toBe(path.length > 1000 ? 414 : 404);
      expect(await res.text(), path.slice(0, 80)).not.toMatch(/resident|feed|token|stack/i);
    }
    expect((await get(feedUrl(token))).status).toBe(200);
  });

  it('the token is stored only as its hash', async () => {
    const { token } = await createFeed(annaRelative.socket, 'r1');
    const db = t.server.store.db;
    const everything = JSON.stringify([
      await db.selectFrom('feed_token').selectAll().execute(),
      await db.selectFrom('feed').selectAll().execute(),
      await db.selectFrom('change_log').selectAll().execute(),
      await db.selectFrom('audit').selectAll().execute(),
      await db.selectFrom('processed_mutation').selectAll().execute(),
    ]);
    expect(everything).not.toContain(token);
    expect(everything).toContain(hashToken(token));
  });

  it('is rate limited per address', async () => {
    const { token } = await createFeed(annaRelative.socket, 'r1');
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) statuses.push((await get(feedUrl(token))).status);
    expect(statuses.slice(0, 50).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('feed.create and feed.revoke refuse', () => {
  it('a kiosk, another relative’s resident, another relative’s address, no consent, bad input', async () => {
    const kiosk = await t.connect(await t.kioskToken());
    expect((await createFeed(kiosk, 'r1')).res).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
    });
    // Bent is not Anna's relative's: answered exactly as a resident that does not exist.
    const notTheirs = (await createFeed(annaRelative.socket, 'r2')).res;
    const missing = (await createFeed(annaRelative.socket, 'nobody')).res;
    expect(notTheirs).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect(notTheirs).toEqual(missing);
    // Another relative's address (of the same resident) cannot be stopped by them.
    const { feedId, token } = await createFeed(bothRelative.socket, 'r1');
    const foreign = await mutate(annaRelative.socket, 'feed.revoke', { feedId });
    expect(foreign).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect(foreign).toEqual(await mutate(annaRelative.socket, 'feed.revoke', { feedId: 'x' }));
    expect((await get(feedUrl(token))).status).toBe(200);
    expect(await mutate(kiosk, 'feed.revoke', { feedId })).toMatchObject({ code: 'forbidden' });
    // Carl has not consented to a calendar.
    await apply(staff, 'resident.put', {
      ...resident('r3', { displayName: 'Carl' }),
      consent: { relatives: consent.relatives },
    });
    expect((await createFeed(staff, 'r3')).res).toMatchObject({
      code: 'forbidden',
      reason: 'no_consent',
    });
    // Wrong shapes: a short, a long, a non-base64url token, a reused token, extra fields.
    for (const bad of ['short', 'x'.repeat(44), `${'+'.repeat(42)}/`, 42, null]) {
      const res = await mutate(staff, 'feed.create', {
        feedId: randomUUID(),
        residentId: 'r1',
        token: bad as string,
      });
      expect(res, String(bad)).toMatchObject({ status: 'rejected', code: 'invalid' });
    }
    expect((await createFeed(staff, 'r1', token)).res).toMatchObject({ code: 'conflict' });
    const extra = await mutate(staff, 'feed.create', {
      feedId: randomUUID(),
      residentId: 'r1',
      token: newToken(),
      userId: annaRelative.userId,
    } as never);
    expect(extra).toMatchObject({ code: 'invalid' });
  });
});

describe('who receives a feed record', () => {
  it('staff and the relative who made it; never another relative of the same resident or a kiosk', async () => {
    const { feedId } = await createFeed(annaRelative.socket, 'r1');
    const kiosk = new Replica(await t.connect(await t.kioskToken()));
    const mine = new Replica(annaRelative.socket);
    const theirs = new Replica(bothRelative.socket);
    const office = new Replica(staff);
    await Promise.all([kiosk.sync(), mine.sync(), theirs.sync(), office.sync()]);
    expect(mine.get<Feed>('feed', feedId)).toMatchObject({ residentId: 'r1', revokedAt: null });
    expect(office.get<Feed>('feed', feedId)).toMatchObject({ userId: annaRelative.userId });
    expect(theirs.all('feed').size).toBe(0);
    expect(kiosk.all('feed').size).toBe(0);
    // Live too: a revoke is pushed to its owner and to nobody else.
    await mutate(staff, 'feed.revoke', { feedId });
    await mine.until((r) => r.get<Feed>('feed', feedId)?.revokedAt !== null);
    await office.until((r) => r.get<Feed>('feed', feedId)?.revokedAt !== null);
    await theirs.sync();
    expect(theirs.received.filter((c) => c.type === 'feed')).toEqual([]);
    expect(JSON.stringify(office.get('feed', feedId))).not.toMatch(/hash|token/i);
  });
});
