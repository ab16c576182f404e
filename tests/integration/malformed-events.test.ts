/**
 * Failure case 13: malformed, oversize and unknown events are answered `invalid` (where they ask
 * for an answer), the server stays up, nothing in the database changes and no other client is
 * disturbed.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_TRANSPORT_BYTES,
  isMutationName,
  mutationCatalogue,
  type ChangesPush,
} from '../../src/protocol/index.js';
import { databaseFingerprint } from '../helpers/db-checks.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import {
  apply,
  disconnected,
  mutate,
  nextEvent,
  rawEmit,
  rawEmitWithAck,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';
import { anyString } from '../helpers/matchers.js';

let t: TestServer;
beforeEach(async () => {
  // 1,000 events go out at once here; the per-connection event budget that would slow them is
  // tested on its own in socket-guard.test.ts.
  t = await startTestServer({ eventBudget: null });
});
afterEach(async () => {
  await t.close();
});

const uuid = (): string => randomUUID();
const MB2 = 'x'.repeat(2 * 1024 * 1024);

/** One malformed event: its name and its arguments before the acknowledgement. */
type Bad = [event: unknown, args: unknown[], what: string];

/** The kinds of garbage a broken or hostile client sends; the test cycles through them to 1,000. */
function malformedEvents(): Bad[] {
  const env = (over: Record<string, unknown>): Record<string, unknown> => ({
    id: uuid(),
    name: 'signup.add',
    args: { activityId: 'a1', residentId: 'r1' },
    ...over,
  });
  const nested: unknown[] = [];
  let cur = nested;
  for (let i = 0; i < 2000; i++) {
    const next: unknown[] = [];
    cur.push(next);
    cur = next;
  }
  return [
    // Not an object at all.
    ['mutate', [42], 'a number payload'],
    ['mutate', ['signup.add'], 'a string payload'],
    ['mutate', [null], 'a null payload'],
    ['mutate', [true], 'a boolean payload'],
    ['mutate', [[]], 'an array payload'],
    ['mutate', [[uuid(), 'signup.add', {}]], 'an array shaped like a mutation'],
    ['mutate', [Buffer.from('{"id":"x"}')], 'a binary payload'],
    ['mutate', [], 'no payload, only the acknowledgement'],
    ['pull', [], 'a pull without payload'],
    // Missing fields.
    ['mutate', [{}], 'an empty object'],
    ['mutate', [{ id: uuid() }], 'only an id'],
    ['mutate', [{ id: uuid(), name: 'signup.add' }], 'no args'],
    ['mutate', [{ name: 'signup.add', args: { activityId: 'a1', residentId: 'r1' } }], 'no id'],
    ['mutate', [{ id: uuid(), args: {} }], 'no name'],
    // Wrong types.
    ['mutate', [env({ id: 12345 })], 'a numeric id'],
    ['mutate', [env({ name: 7 })], 'a numeric name'],
    ['mutate', [env({ args: 'activityId=a1' })], 'string args'],
    ['mutate', [env({ args: ['a1', 'r1'] })], 'array args'],
    ['mutate', [env({ args: null })], 'null args'],
    ['mutate', [env({ extra: 'field' })], 'an unknown envelope field'],
    // Bad UUIDs.
    ['mutate', [env({ id: 'not-a-uuid' })], 'an id that is no UUID'],
    ['mutate', [env({ id: '' })], 'an empty id'],
    ['mutate', [env({ id: `${uuid()}x` })], 'a UUID with a tail'],
    ['mutate', [env({ id: uuid().replace(/-/g, '') })], 'a UUID without dashes'],
    // Unknown mutation names.
    ['mutate', [env({ name: 'signup.delete' })], 'an unknown mutation'],
    ['mutate', [env({ name: '__proto__' })], 'a __proto__ mutation'],
    ['mutate', [env({ name: 'constructor' })], 'a constructor mutation'],
    ['mutate', [env({ name: 'toString' })], 'a toString mutation'],
    ['mutate', [env({ name: "news.put'; drop table news; --" })], 'SQL in the name'],
    ['mutate', [env({ name: 'x'.repeat(61) })], 'a name too long'],
    ['mutate', [env({ name: '' })], 'an empty name'],
    // Arguments failing their schema.
    ['mutate', [env({ args: { activityId: 1, residentId: 'r1' } })], 'a numeric activityId'],
    ['mutate', [env({ args: { activityId: 'a1' } })], 'no residentId'],
    [
      'mutate',
      [env({ args: { activityId: 'a1', residentId: 'r1', sneaky: true } })],
      'an extra argument',
    ],
    ['mutate', [env({ args: { activityId: '', residentId: 'r1' } })], 'an empty activityId'],
    [
      'mutate',
      [env({ args: { activityId: 'a'.repeat(101), residentId: 'r1' } })],
      'an activityId too long',
    ],
    [
      'mutate',
      [
        env({
          name: 'booking.add',
          args: { resourceId: 'x', residentId: 'r1', start: 'tomorrow', end: 'later' },
        }),
      ],
      'dates that are no instants',
    ],
    [
      'mutate',
      [env({ name: 'meal.attend', args: { mealId: 'm1', residentId: 'r1', attending: 'yes' } })],
      'a string boolean',
    ],
    [
      'mutate',
      [env({ name: 'news.put', args: { id: 'n1', title: 'Hi' } })],
      'a news post missing fields',
    ],
    [
      'mutate',
      [env({ name: 'resident.put', args: { id: 'r1', displayName: 'x', wallConsent: 'no' } })],
      'a resident with a string consent',
    ],
    [
      'mutate',
      [env({ name: 'activity.put', args: { ...activity('a9'), capacity: -1 } })],
      'a negative capacity',
    ],
    [
      'mutate',
      [
        env({
          name: 'dayitem.put',
          args: {
            id: 'd1',
            residentId: 'r1',
            groupId: 'g1',
            date: '2026-01-01',
            start: '09:00',
            end: null,
            title: 'x',
            pictogram: null,
            changedOn: null,
          },
        }),
      ],
      'a day item for both a resident and a group',
    ],
    [
      'mutate',
      [
        JSON.parse(
          `{"id":"${uuid()}","name":"signup.add","args":{"activityId":"a1","residentId":"r1"},"__proto__":{"admin":true}}`,
        ) as unknown,
      ],
      'a prototype-polluting envelope',
    ],
    [
      'mutate',
      [env({ args: { activityId: nested, residentId: 'r1' } })],
      'arguments nested 2,000 deep',
    ],
    // Unknown event names.
    ['hello', [{}], 'an unknown event'],
    ['Pull', [{ since: 0 }], 'an event name in the wrong case'],
    [
      'changes',
      [{ after: 0, cursor: 99, changes: [] }],
      'a server-to-client event sent to the server',
    ],
    ['welcome', [{}], 'welcome sent to the server'],
    ['reset', [{ reason: 'visibility_changed' }], 'reset sent to the server'],
    ['constructor', [{}], 'an event called constructor'],
    ['__proto__', [{}], 'an event called __proto__'],
    ['error', [{}], 'an event called error'],
    [42, [{}], 'a numeric event name'],
    // Malformed pulls.
    ['pull', ['0'], 'a string pull'],
    ['pull', [null], 'a null pull'],
    ['pull', [{ since: -1 }], 'a negative cursor'],
    ['pull', [{ since: 1.5 }], 'a fractional cursor'],
    ['pull', [{ since: '0' }], 'a string cursor'],
    ['pull', [{}], 'a pull without a cursor'],
    ['pull', [{ since: 0, limit: 0 }], 'a zero limit'],
    ['pull', [{ since: 0, limit: 1001 }], 'a limit above 1000'],
    ['pull', [{ since: 0, other: 1 }], 'an unknown pull field'],
    // Extra arguments before the acknowledgement: even a valid request is refused, not applied.
    ['mutate', [env({}), 'extra'], 'a valid mutation with an extra argument'],
    ['mutate', [env({}), env({})], 'two mutations in one event'],
    ['pull', [{ since: 0 }, { since: 0 }], 'two pulls in one event'],
  ];
}

/** 2 MB payloads: under the transport cap, over the event cap. Few, as each costs time. */
function oversizeEvents(): Bad[] {
  return [
    [
      'mutate',
      [{ id: uuid(), name: 'news.put', args: { id: 'n1', body: MB2 } }],
      'a 2 MB mutation',
    ],
    [
      'mutate',
      [{ id: uuid(), name: 'signup.add', args: { activityId: 'a1', residentId: 'r1' }, pad: MB2 }],
      'a 2 MB envelope',
    ],
    ['pull', [{ since: 0, pad: MB2 }], 'a 2 MB pull'],
    ['hello', [MB2], 'a 2 MB unknown event'],
    ['mutate', [Buffer.alloc(2 * 1024 * 1024, 1)], 'a 2 MB binary payload'],
  ];
}

function isStaffMutation(payload: unknown): boolean {
  const name = (payload as { name?: unknown } | null)?.name;
  return (
    isMutationName(name) && !(mutationCatalogue[name].roles as readonly string[]).includes('kiosk')
  );
}

async function pushCounter(
  socket: SyncSocket,
): Promise<{ pushes: ChangesPush[]; disconnects: string[] }> {
  const pushes: ChangesPush[] = [];
  const disconnects: string[] = [];
  socket.on('changes', (p) => pushes.push(p));
  socket.on('disconnect', (r) => disconnects.push(r));
  return Promise.resolve({ pushes, disconnects });
}

describe('malformed events', () => {
  it('answers 1,000 malformed events with "invalid", changes nothing, and disturbs no other kiosk', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 3);
    await apply(staff, 'activity.put', activity('a1'));
    const kioskAttacker = await t.connect(await t.kioskToken('attacker'));
    const bystander = await t.connect(await t.kioskToken('bystander'));
    const watch = await pushCounter(bystander);
    const before = await databaseFingerprint(t.server.store.db);

    const kinds = malformedEvents();
    const events: Bad[] = [];
    for (let i = 0; events.length < 995; i++) events.push(kinds[i % kinds.length] as Bad);
    events.push(...oversizeEvents());
    expect(events).toHaveLength(1000);

    const answers = await Promise.all(
      events.map(async ([event, args, what], i) => {
        // Half from a staff session, half from a kiosk; staff mutations always from staff, so
        // their arguments reach the schema instead of being refused for the role.
        const from = i % 2 === 0 || isStaffMutation(args[0]) ? staff : kioskAttacker;
        const answer = await rawEmitWithAck(from, event, args, 30_000).catch((err: unknown) => ({
          noAnswer: String(err),
        }));
        return { what, answer };
      }),
    );
    const wrong = answers.filter(
      ({ answer }) =>
        !(
          typeof answer === 'object' &&
          answer !== null &&
          'status' in answer &&
          answer.status === 'rejected' &&
          'code' in answer &&
          answer.code === 'invalid'
        ),
    );
    expect(wrong.slice(0, 5)).toEqual([]);
    for (const { answer } of answers)
      expect((answer as { message: unknown }).message).toEqual(anyString());

    // Nothing changed: same rows in every table, same change-log head.
    expect(await databaseFingerprint(t.server.store.db)).toEqual(before);
    // The server is up, and every client, the senders too, is still connected.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect([staff.connected, kioskAttacker.connected, bystander.connected]).toEqual([
      true,
      true,
      true,
    ]);
    expect(watch.disconnects).toEqual([]);
    expect(watch.pushes).toEqual([]);

    // …and the bystander still gets live pushes.
    const pushed = nextEvent(bystander, 'changes');
    const res = await mutate(bystander, 'signup.add', { activityId: 'a1', residentId: 'r2' });
    expect(res.status).toBe('applied');
    expect((await pushed).changes.map((c) => c.id)).toContain('a1:r2');
  });

  it('ignores malformed events that ask for no answer, and keeps serving the sender', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 1);
    const before = await databaseFingerprint(t.server.store.db);
    for (const [event, args] of malformedEvents()) rawEmit(staff, event, args);
    // A valid mutation without an acknowledgement is not applied either: protocol v1 needs one.
    rawEmit(staff, 'mutate', [
      { id: uuid(), name: 'group.put', args: { id: 'g2', name: 'Ghost' } },
    ]);
    // Events are handled in order, so once this answer is back the ones before it were seen.
    const res = await rawEmitWithAck(staff, 'pull', [{ since: 0 }]);
    expect(res).toMatchObject({ more: false });
    expect(await databaseFingerprint(t.server.store.db)).toEqual(before);
    expect(staff.connected).toBe(true);
  });

  it('refuses a centre time zone that is no zone, and keeps the days in the one it had', async () => {
    const admin = await t.connect(await t.userToken('admin'));
    await apply(admin, 'centre.put', { name: 'Solhaven', timeZone: 'Europe/Copenhagen' });
    const before = await databaseFingerprint(t.server.store.db);
    for (const timeZone of ['Mars/Olympus', 'Europe/Copenhagen ', '../../etc/localtime', 'UTC+25'])
      expect(
        await mutate(admin, 'centre.put', { name: 'Solhaven', timeZone }),
        timeZone,
      ).toMatchObject({
        status: 'rejected',
        code: 'invalid',
      });
    expect(await databaseFingerprint(t.server.store.db)).toEqual(before);
    // The staff's day views still answer, in the zone the centre has.
    const staffToken = await t.userToken('staff');
    const res = await fetch(`${t.url}/api/audit?day=2026-12-02`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    expect(res.status).toBe(200);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('a __proto__ key in the arguments pollutes nothing on the server', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1'));
    const args = JSON.parse(
      '{"activityId":"a1","residentId":"r1","__proto__":{"isAdmin":true,"role":"admin"}}',
    ) as unknown;
    const res = await rawEmitWithAck(staff, 'mutate', [{ id: uuid(), name: 'signup.add', args }]);
    // Refused like any unknown key (strict payloads), never dropped and applied.
    expect(res).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(await t.server.store.db.selectFrom('signup').select('data').execute()).toEqual([]);
  });

  it('a garbled packet closes only the sender’s connection', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 1);
    const bystander = await t.connect(await t.kioskToken('bystander'));
    const watch = await pushCounter(bystander);
    const attacker = await t.connect(await t.kioskToken('attacker'));
    const gone = disconnected(attacker);
    // A socket.io EVENT packet for /sync whose JSON is cut off. (Reserved event names are
    // answered, not dropped: socket-guard.test.ts.)
    attacker.io.engine.write('2/sync,["mutate",{"id":');
    expect(await gone).toBe('transport close');

    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const pushed = nextEvent(bystander, 'changes');
    await apply(staff, 'group.put', { id: 'g2', name: 'Gruppe 2' });
    await pushed;
    expect(watch.disconnects).toEqual([]);
  });

  it('a payload above the transport cap closes only the sender’s connection', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 1);
    const bystander = await t.connect(await t.kioskToken('bystander'));
    const watch = await pushCounter(bystander);
    const attacker = await t.connect(await t.kioskToken('attacker'));
    const before = await databaseFingerprint(t.server.store.db);
    const gone = disconnected(attacker);
    rawEmit(attacker, 'mutate', [
      {
        id: uuid(),
        name: 'group.put',
        args: { id: 'g9', name: 'x'.repeat(MAX_TRANSPORT_BYTES + 1024) },
      },
      () => undefined,
    ]);
    expect(await gone).toBe('transport close');

    expect(await databaseFingerprint(t.server.store.db)).toEqual(before);
    const pushed = nextEvent(bystander, 'changes');
    await apply(staff, 'group.put', { id: 'g2', name: 'Gruppe 2' });
    await pushed;
    expect(watch.disconnects).toEqual([]);
  });
});
