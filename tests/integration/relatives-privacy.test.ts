/**
 * Relatives' privacy (issue 10, "Privacy"): a relative of resident A never receives anything about
 * resident B, nor what is only for B's house: not in a full pull, not in a live push while staff
 * change B's things (whatever staff do, in any order: a property over random mutation
 * sequences), not as media bytes, not through an error message (acting on B answers exactly, byte
 * for byte, as acting on an id that does not exist, and so does acting on what is only for Y). What a relative gets of their own resident
 * is the record without what is staff's.
 *
 * A lives in house X and B in house Y; RA is A's relative, RB is B's. Everything secret about B or
 * Y carries a marker ("Beata", her id, "HUSY", her photo's hash), so a leak is a string search.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audience, Booking, Resident } from '../../src/domain/model.js';
import type { Change, MutationArgs, MutationName } from '../../src/protocol/index.js';
import { putMedia } from '../../src/server/media/media-store.js';
import { activity, HOUR, relativesConsent, resident, resource } from '../helpers/fixtures.js';
import { Replica } from '../helpers/replica.js';
import {
  apply,
  mutate,
  pullAll,
  rawEmitWithAck,
  replay,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staff: SyncSocket;
let raToken: string;
let ra: SyncSocket;
const gif = (): Buffer => Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]);
const photo: Record<string, string> = {};
const A = 'res-anna';
const B = 'res-beata';
const day = (daysAhead: number): string =>
  new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
/** A fresh suffix per record, across every property run. */
let n = 0;
const slotAt = (hoursAhead: number) => {
  const start = new Date(Date.now() + hoursAhead * HOUR);
  start.setUTCMinutes(0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString() };
};

const onlyY: Audience = { kind: 'groups', groupIds: ['grp-y'] };
const onlyX: Audience = { kind: 'groups', groupIds: ['grp-x'] };
const news = (
  id: string,
  title: string,
  audience: MutationArgs<'news.put'>['audience'],
  hash?: string,
) => ({
  id,
  title,
  body: '',
  media: hash ? [{ hash, kind: 'image' as const, signLanguage: false }] : [],
  publishAt: new Date(Date.now() - 60_000).toISOString(),
  expiresAt: null,
  audience,
});

beforeAll(async () => {
  t = await startTestServer();
  staff = await t.staff();
  for (const name of ['a', 'b', 'b2', 'newsY', 'newsAll', 'albumY'])
    photo[name] = await putMedia(t.dataDir, gif());
  await apply(staff, 'group.put', { id: 'grp-x', name: 'Hus X' });
  await apply(staff, 'group.put', { id: 'grp-y', name: 'Hus Ypsilon' });
  for (const [id, name, group, hash] of [
    [A, 'Anna Andersen', 'grp-x', photo.a!],
    [B, 'Beata Berg', 'grp-y', photo.b!],
  ] as const)
    await apply(staff, 'resident.put', {
      ...resident(id, { displayName: name, groupIds: [group], photo: hash, relativesMayAct: true }),
      consent: {
        ...relativesConsent,
        wall: { given: true, by: 'guardian' },
        calendar: { given: true, by: 'resident' },
      },
      pin: '4321',
    });
  await apply(staff, 'activity.put', activity('act-all'));
  await apply(staff, 'activity.put', activity('act-HUSY', { title: 'HUSY tur', audience: onlyY }));
  await apply(staff, 'resource.put', resource('wash', { maxActivePerResident: 100 }));
  await apply(
    staff,
    'resource.put',
    resource('wash-HUSY', { name: 'HUSY vask', audience: onlyY, maxActivePerResident: 100 }),
  );
  await apply(staff, 'meal.put', {
    id: 'm1',
    date: day(2),
    slot: 'lunch',
    dish: 'Suppe',
    description: '',
    allergens: [],
    photo: null,
    pictogram: null,
  });
  await apply(staff, 'news.put', news('news-all', 'Til alle', { kind: 'all' }, photo.newsAll));
  await apply(staff, 'news.put', news('news-HUSY', 'HUSY nyt', onlyY, photo.newsY));
  await apply(staff, 'album.put', {
    id: 'album-HUSY',
    title: 'HUSY tur',
    photos: [{ hash: photo.albumY!, caption: 'HUSY ved stranden' }],
    audience: onlyY,
    consentConfirmed: true,
  });
  raToken = await t.userToken('relative', [A]);
  ra = await t.connect(raToken);
  await t.userToken('relative', [B]);
});
afterAll(async () => {
  await t.close();
});

/** What must never reach RA. */
const secrets = (): string[] => [
  B,
  'Beata',
  'HUSY',
  photo.b!,
  photo.b2!,
  photo.newsY!,
  photo.albumY!,
];

/**
 * The leaks among `changes`: a put that names a secret anywhere, or a delete that carries data or
 * names B (a delete of a record hidden by its audience names only its id, and says nothing).
 */
function leaks(changes: readonly Change[]): string[] {
  const found: string[] = [];
  for (const c of changes) {
    const text = JSON.stringify(c);
    const named = c.op === 'put' ? secrets() : [B, 'Beata'];
    for (const s of named) if (text.includes(s)) found.push(`${s} in ${text}`);
    if (c.op === 'del' && c.data) found.push(`a delete with data: ${text}`);
  }
  return found;
}

/** Staff's changes to B and to house Y, each one thing a relative of B would see. */
const aboutB: Record<string, () => Promise<unknown>> = {
  signUp: () => mutate(staff, 'signup.add', { activityId: 'act-all', residentId: B }),
  signUpY: () => mutate(staff, 'signup.add', { activityId: 'act-HUSY', residentId: B }),
  cancel: () => mutate(staff, 'signup.cancel', { activityId: 'act-all', residentId: B }),
  book: () =>
    apply(staff, 'booking.add', { resourceId: 'wash', residentId: B, ...slotAt(10 + ++n) }),
  bookY: () =>
    apply(staff, 'booking.add', { resourceId: 'wash-HUSY', residentId: B, ...slotAt(10 + ++n) }),
  bookAndCancel: async () => {
    const bookingId = `bk-${++n}`;
    await apply(staff, 'booking.add', {
      bookingId,
      resourceId: 'wash',
      residentId: B,
      ...slotAt(10 + n),
    });
    await apply(staff, 'booking.cancel', { bookingId });
  },
  personalItem: () =>
    apply(staff, 'dayitem.put', {
      id: `day-${++n}`,
      residentId: B,
      groupId: null,
      date: day(1),
      start: '10:00',
      end: null,
      title: 'Beata tandlæge',
      pictogram: null,
      changedOn: null,
    }),
  houseItem: () =>
    apply(staff, 'dayitem.put', {
      id: `day-${++n}`,
      residentId: null,
      groupId: 'grp-y',
      date: day(1),
      start: '08:00',
      end: null,
      title: 'HUSY morgenmad',
      pictogram: null,
      changedOn: null,
    }),
  mealAnswer: () =>
    apply(staff, 'meal.attend', { mealId: 'm1', residentId: B, attending: n++ % 2 === 0 }),
  rename: () =>
    apply(
      staff,
      'resident.put',
      resident(B, { displayName: `Beata B ${++n}`, groupIds: ['grp-y'], photo: photo.b! }),
    ),
  newPhoto: () =>
    apply(
      staff,
      'resident.put',
      resident(B, { displayName: 'Beata Berg', groupIds: ['grp-y'], photo: photo.b2! }),
    ),
  pin: () =>
    apply(staff, 'resident.put', {
      ...resident(B, { displayName: 'Beata Berg', groupIds: ['grp-y'], photo: photo.b! }),
      pin: '9876',
    }),
  newsY: () => apply(staff, 'news.put', news(`news-${++n}`, 'HUSY fest', onlyY, photo.newsY)),
  activityY: () =>
    apply(staff, 'activity.put', activity(`act-${++n}`, { title: 'HUSY kor', audience: onlyY })),
  shiftY: () =>
    apply(staff, 'shift.put', {
      id: `shift-${++n}`,
      staffName: 'Yvonne HUSY',
      photo: null,
      ...slotAt(2),
      groupId: 'grp-y',
    }),
  albumY: () =>
    apply(staff, 'album.put', {
      id: `album-${++n}`,
      title: 'HUSY album',
      photos: [{ hash: photo.albumY!, caption: 'HUSY' }],
      audience: onlyY,
      consentConfirmed: true,
    }),
};

describe('a relative of A never receives anything of B or of B’s house', () => {
  it('in a full pull, while receiving what is A’s and everyone’s', async () => {
    for (const change of Object.values(aboutB)) await change();
    // The same kinds of things for A, so the pull is known to carry them.
    await apply(staff, 'signup.add', { activityId: 'act-all', residentId: A });
    await apply(staff, 'booking.add', {
      bookingId: 'bk-anna',
      resourceId: 'wash',
      residentId: A,
      ...slotAt(200),
    });
    await apply(staff, 'meal.attend', { mealId: 'm1', residentId: A, attending: true });
    await apply(staff, 'dayitem.put', {
      id: 'day-x',
      residentId: null,
      groupId: 'grp-x',
      date: day(1),
      start: '08:00',
      end: null,
      title: 'Morgenmad i X',
      pictogram: null,
      changedOn: null,
    });
    await apply(staff, 'shift.put', {
      id: 'shift-x',
      staffName: 'Xenia',
      photo: null,
      ...slotAt(2),
      groupId: 'grp-x',
    });
    await apply(staff, 'news.put', news('news-x', 'Nyt i X', onlyX));

    const { changes } = await pullAll(ra);
    expect(leaks(changes)).toEqual([]);
    expect([...replay(changes, 'resident').keys()]).toEqual([A]);
    expect([...replay(changes, 'signup').keys()]).toEqual([`act-all:${A}`]);
    expect([...replay(changes, 'mealattendance').keys()]).toEqual([`m1:${A}`]);
    expect([...replay(changes, 'dayitem').keys()]).toEqual(['day-x']);
    expect([...replay(changes, 'shift').keys()]).toEqual(['shift-x']);
    expect([...replay(changes, 'news').keys()].sort()).toEqual(['news-all', 'news-x']);
    expect([...replay(changes, 'activity').keys()]).toEqual(['act-all']);
    expect([...replay(changes, 'album').keys()]).toEqual([]);
    // Others' bookings of a shared machine arrive without a name: the slot is taken, by nobody.
    const bookings = [...replay(changes, 'booking').values()] as Booking[];
    expect(bookings.filter((b) => b.residentId === A).map((b) => b.id)).toEqual(['bk-anna']);
    expect(bookings.filter((b) => b.residentId !== A).every((b) => b.residentId === null)).toBe(
      true,
    );
  });

  it('in live pushes, whatever staff change of B and in whatever order (property)', async () => {
    const replica = new Replica(ra);
    await replica.sync();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...Object.keys(aboutB)), { minLength: 1, maxLength: 6 }),
        async (ops) => {
          const from = replica.received.length;
          for (const op of ops) await aboutB[op]!();
          // Then something RA does receive: once it is there, every push before it has arrived.
          const marker = `news-marker-${++n}`;
          await apply(staff, 'news.put', news(marker, 'Til alle', { kind: 'all' }));
          await replica.until((r) => r.entities.has(`news:${marker}`));
          expect(leaks(replica.received.slice(from))).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
    expect(replica.pushesApplied).toBeGreaterThan(0);
    // And the replica equals a fresh pull: nothing of B is held from before either.
    const fresh = new Map<string, Change>();
    for (const c of (await pullAll(ra)).changes) {
      if (c.op === 'del') fresh.delete(`${c.type}:${c.id}`);
      else fresh.set(`${c.type}:${c.id}`, c);
    }
    expect(new Set(replica.entities.keys())).toEqual(new Set(fresh.keys()));
  });

  it('not as media: B’s portrait and house Y’s photos answer as a hash that does not exist', async () => {
    const get = (hash: string) =>
      fetch(`${t.url}/media/${hash}`, { headers: { authorization: `Bearer ${raToken}` } });
    expect((await get(photo.a!)).status).toBe(200);
    expect((await get(photo.newsAll!)).status).toBe(200);
    const ghost = '0'.repeat(64);
    const missing = await get(ghost);
    expect(missing.status).toBe(404);
    const missingBody = await missing.text();
    for (const name of ['b', 'b2', 'newsY', 'albumY']) {
      const res = await get(photo[name]!);
      expect(res.status, name).toBe(404);
      expect((await res.text()).replaceAll(photo[name]!, ghost), name).toBe(missingBody);
    }
  });

  it('not through an error: acting on B answers byte for byte as on an id that does not exist', async () => {
    const bBooking = await apply(staff, 'booking.add', {
      bookingId: 'bk-beata',
      resourceId: 'wash',
      residentId: B,
      ...slotAt(300),
    }).then(() => 'bk-beata');
    const pairs: [MutationName, Record<string, unknown>, Record<string, unknown>][] = [
      [
        'signup.add',
        { activityId: 'act-all', residentId: B },
        { activityId: 'act-all', residentId: 'res-ghost' },
      ],
      [
        'signup.cancel',
        { activityId: 'act-all', residentId: B },
        { activityId: 'act-all', residentId: 'res-ghost' },
      ],
      [
        'meal.attend',
        { mealId: 'm1', residentId: B, attending: true },
        { mealId: 'm1', residentId: 'res-ghost', attending: true },
      ],
      [
        'booking.add',
        { resourceId: 'wash', residentId: B, ...slotAt(400) },
        { resourceId: 'wash', residentId: 'res-ghost', ...slotAt(400) },
      ],
      ['booking.cancel', { bookingId: bBooking }, { bookingId: 'bk-ghost' }],
      ['booking.start', { bookingId: bBooking }, { bookingId: 'bk-ghost' }],
      // What is only for house Y, acted on for A: as if it did not exist.
      [
        'signup.add',
        { activityId: 'act-HUSY', residentId: A },
        { activityId: 'act-ghost', residentId: A },
      ],
      [
        'signup.cancel',
        { activityId: 'act-HUSY', residentId: A },
        { activityId: 'act-ghost', residentId: A },
      ],
      [
        'booking.add',
        { resourceId: 'wash-HUSY', residentId: A, ...slotAt(500) },
        { resourceId: 'wash-ghost', residentId: A, ...slotAt(500) },
      ],
    ];
    for (const [name, onB, onGhost] of pairs) {
      const b = await mutate(ra, name, onB as never);
      const ghost = await mutate(ra, name, onGhost as never);
      expect(b, name).toMatchObject({ status: 'rejected', code: 'not_found' });
      expect(JSON.stringify(b), name).toBe(JSON.stringify(ghost));
    }
    // The wall's PIN check is not a relative's: refused alike for B and for nobody.
    const unlock = (residentId: string) =>
      rawEmitWithAck(ra, 'resident.unlock', [{ residentId, pin: '4321' }]);
    expect(JSON.stringify(await unlock(B))).toBe(JSON.stringify(await unlock('res-ghost')));
  });

  it('of their own resident, gets the record without what is staff’s', async () => {
    const { changes } = await pullAll(ra);
    const anna = replay(changes, 'resident').get(A) as Resident;
    expect(anna).toMatchObject({
      displayName: 'Anna Andersen',
      photo: photo.a,
      relativesMayAct: true,
    });
    // Staff's record of who entered each consent, when, and whether a guardian gave it: blanked.
    for (const channel of ['wall', 'relatives', 'calendar'] as const)
      expect(anna.consent[channel], channel).toMatchObject({
        by: null,
        recordedBy: null,
        at: null,
      });
    expect(anna.consent.relatives.given).toBe(true);
    expect(anna.consent.wall.given).toBe(true);
    // A PIN guards the wall view (staff set one): not the family's business.
    expect(anna.hasPin).toBe(false);
    // Staff still see it all.
    const office = replay((await pullAll(staff)).changes, 'resident').get(A) as Resident;
    expect(office.hasPin).toBe(true);
    expect(office.consent.wall).toMatchObject({
      by: 'guardian',
      recordedBy: expect.any(String) as string,
    });
  });
  it('not through the calendar feed: RA’s address of A holds nothing of B; B’s cannot be made', async () => {
    const feed = (residentId: string) =>
      mutate(ra, 'feed.create', {
        feedId: randomUUID(),
        residentId,
        token: randomBytes(32).toString('base64url'),
      });
    const onB = await feed(B);
    expect(onB).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect(JSON.stringify(onB)).toBe(JSON.stringify(await feed('res-ghost')));
    // B is signed up for the same activity as A, and has her own day and bookings.
    await mutate(staff, 'signup.add', { activityId: 'act-all', residentId: A });
    await mutate(staff, 'signup.add', { activityId: 'act-all', residentId: B });
    await aboutB.personalItem!();
    await aboutB.houseItem!();
    await aboutB.book!();
    const token = randomBytes(32).toString('base64url');
    expect(
      await mutate(ra, 'feed.create', { feedId: randomUUID(), residentId: A, token }),
    ).toMatchObject({ status: 'applied' });
    const res = await fetch(`${t.url}/ical/${token}.ics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('Activity act-all');
    for (const s of secrets()) expect(text, s).not.toContain(s);
  });
});
