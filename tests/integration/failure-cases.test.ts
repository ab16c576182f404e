/**
 * DESIGN.md "Failure cases every build must survive", the server's side of cases 1, 4, 5 and 12,
 * plus the waiting list moving up after a cancellation.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity, Booking, SignUp } from '../../src/domain/model.js';
import type { MutateResult } from '../../src/protocol/index.js';
import { invariantViolations } from '../helpers/db-checks.js';
import {
  activity,
  HOUR,
  resident,
  resource,
  seedResidents,
  wholeHourAhead,
} from '../helpers/fixtures.js';
import { Replica, snapshot } from '../helpers/replica.js';
import {
  apply,
  mutate,
  nextEvent,
  pullAll,
  rawEmit,
  replay,
  startTestServer,
  type TestServer,
  welcomeOf,
} from '../helpers/test-server.js';
import { anyString } from '../helpers/matchers.js';

let t: TestServer;
afterEach(async () => {
  await t.close();
});

async function bookingRows(): Promise<Booking[]> {
  const rows = await t.server.store.db.selectFrom('booking').select('data').execute();
  return rows.map((r) => JSON.parse(r.data) as Booking);
}

async function processed(id: string): Promise<MutateResult | undefined> {
  const row = await t.server.store.db
    .selectFrom('processed_mutation')
    .select('outcome')
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (JSON.parse(row.outcome) as MutateResult) : undefined;
}

describe('failure case 1: the acknowledgement is lost', () => {
  it('the retry with the same id gets the first answer and nothing is applied twice', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(staff, 'resource.put', resource('wash'));
    const token = await t.kioskToken();
    const kiosk = await t.connect(token);
    const start = wholeHourAhead(2);
    const args = {
      resourceId: 'wash',
      residentId: 'r1',
      start: start.toISOString(),
      end: new Date(start.getTime() + HOUR).toISOString(),
    };
    const id = randomUUID();

    // The kiosk sends; the server commits (staff sees the push); the kiosk drops the connection
    // and never reads the answer, as when the answer is lost on the way.
    const committed = nextEvent(staff, 'changes');
    rawEmit(kiosk, 'mutate', [{ id, name: 'booking.add', args }, () => undefined]);
    const push = await committed;
    kiosk.disconnect();
    // Staff changes something else meanwhile, so the head moves on.
    await apply(staff, 'group.put', { id: 'g2', name: 'Gruppe 2' });

    const again = await t.connect(token);
    const retry = await mutate(again, 'booking.add', args, id);
    expect(retry).toEqual(await processed(id));
    expect(retry).toMatchObject({
      status: 'applied',
      cursor: push.cursor,
      result: { bookingId: anyString() },
    });
    // Evaluated afresh, the same booking would have been refused as overlapping: it was not re-run.
    const rows = await bookingRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(retry.status === 'applied' ? retry.result?.bookingId : 'not applied');
  });

  it('a kiosk that drops its connection right after sending gets one booking, whether or not the first send arrived', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'resource.put', resource('wash', { maxActivePerResident: 10 }));
    const token = await t.kioskToken();
    for (let i = 0; i < 5; i++) {
      const kiosk = await t.connect(token);
      const start = new Date(wholeHourAhead(2).getTime() + i * HOUR);
      const args = {
        resourceId: 'wash',
        residentId: 'r1',
        start: start.toISOString(),
        end: new Date(start.getTime() + HOUR).toISOString(),
      };
      const id = randomUUID();
      rawEmit(kiosk, 'mutate', [{ id, name: 'booking.add', args }, () => undefined]);
      kiosk.disconnect();
      const again = await t.connect(token);
      const retry = await mutate(again, 'booking.add', args, id);
      const second = await mutate(again, 'booking.add', args, id);
      expect(second).toEqual(retry);
      // Never refused as overlapping with itself.
      expect(retry).toMatchObject({ status: 'applied' });
      const mine = (await bookingRows()).filter((b) => b.start === args.start);
      expect(mine).toHaveLength(1);
      again.disconnect();
    }
    expect(await invariantViolations(t.server.store.db)).toEqual([]);
  });

  it('the same id sent twice at once is applied once and both get the same answer', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'resource.put', resource('wash'));
    const token = await t.kioskToken();
    const [a, b] = await Promise.all([t.connect(token), t.connect(token)]);
    const start = wholeHourAhead(2);
    const args = {
      resourceId: 'wash',
      residentId: 'r1',
      start: start.toISOString(),
      end: new Date(start.getTime() + HOUR).toISOString(),
    };
    const id = randomUUID();
    const [ra, rb] = await Promise.all([
      mutate(a, 'booking.add', args, id),
      mutate(b, 'booking.add', args, id),
    ]);
    expect(ra).toMatchObject({ status: 'applied' });
    expect(rb).toEqual(ra);
    expect(await bookingRows()).toHaveLength(1);
  });

  it('a mutation id reused by another client is refused and does not leak the first answer', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(staff, 'activity.put', activity('a1'));
    const k1 = await t.connect(await t.kioskToken('k1'));
    const k2 = await t.connect(await t.kioskToken('k2'));
    const id = randomUUID();
    expect(
      await mutate(k1, 'signup.add', { activityId: 'a1', residentId: 'r1' }, id),
    ).toMatchObject({ status: 'applied' });
    const stolen = await mutate(k2, 'signup.add', { activityId: 'a1', residentId: 'r2' }, id);
    expect(stolen).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(replay((await pullAll(staff)).changes, 'signup').has('a1:r2')).toBe(false);
  });
});

describe('the waiting list', () => {
  it('a cancellation promotes the first on the waiting list, and both kiosks see it pushed', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 5);
    await apply(staff, 'activity.put', activity('a1', { capacity: 2, waitlist: true }));
    const k1 = new Replica(await t.connect(await t.kioskToken('k1')));
    const k2 = new Replica(await t.connect(await t.kioskToken('k2')));
    await Promise.all([k1.sync(), k2.sync()]);
    const answers = [];
    for (const r of ['r1', 'r2', 'r3', 'r4', 'r5'])
      answers.push(await mutate(k1.socket, 'signup.add', { activityId: 'a1', residentId: r }));
    expect(answers.map((a) => (a as { result: unknown }).result)).toEqual([
      { signup: 'confirmed', position: null },
      { signup: 'confirmed', position: null },
      { signup: 'waitlisted', position: 1 },
      { signup: 'waitlisted', position: 2 },
      { signup: 'waitlisted', position: 3 },
    ]);

    const lastSignUp = (answers[4] as { cursor: number }).cursor;
    await k2.until((r) => r.cursor === lastSignUp);
    const pushedToK2 = nextEvent(k2.socket, 'changes');
    const cancelled = await mutate(k1.socket, 'signup.cancel', {
      activityId: 'a1',
      residentId: 'r1',
    });
    expect(cancelled).toMatchObject({
      status: 'applied',
      result: { signup: 'cancelled', promoted: 1 },
    });
    const push = await pushedToK2;
    const pushed = replay(push.changes, 'signup');
    expect(pushed.get('a1:r1')).toMatchObject({ status: 'cancelled', position: null });
    expect(pushed.get('a1:r3')).toMatchObject({ status: 'confirmed', position: null });
    expect(pushed.get('a1:r4')).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(pushed.get('a1:r5')).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(replay(push.changes, 'activity').get('a1')).toMatchObject({
      confirmedCount: 2,
      waitlistCount: 2,
    });

    const head = (cancelled as { cursor: number }).cursor;
    for (const k of [k1, k2]) {
      await k.until((r) => r.cursor === head);
      expect(k.gaps).toBe(0);
      expect(k.get<SignUp>('signup', 'a1:r4')?.position).toBe(1);
    }
    // The resident who moved up is told on a kiosk too: asking again says "confirmed".
    expect(
      await mutate(k2.socket, 'signup.add', { activityId: 'a1', residentId: 'r3' }),
    ).toMatchObject({ result: { signup: 'confirmed' } });
  });
});

describe('failure case 4: sign-up then cancel', () => {
  it('sent one after the other, ends cancelled, and the change log follows the order', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1'));
    const watcher = new Replica(staff);
    await watcher.sync();
    const kiosk = await t.connect(await t.kioskToken());
    const up = await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    const down = await mutate(kiosk, 'signup.cancel', { activityId: 'a1', residentId: 'r1' });
    expect([up.status, down.status]).toEqual(['applied', 'applied']);
    const [c1, c2] = [(up as { cursor: number }).cursor, (down as { cursor: number }).cursor];
    expect(c2).toBeGreaterThan(c1);

    await watcher.until((w) => w.cursor === c2);
    const history = watcher.received.filter((c) => c.id === 'a1:r1');
    expect(
      history.map((c) => [(c.data as SignUp).status, c.seq <= c1 ? 'first' : 'second']),
    ).toEqual([
      ['confirmed', 'first'],
      ['cancelled', 'second'],
    ]);
    const row = await t.server.store.db
      .selectFrom('change_log')
      .selectAll()
      .where('entity_id', '=', 'a1:r1')
      .executeTakeFirstOrThrow();
    expect(Number(row.seq)).toBeLessThanOrEqual(c2);
    expect(Number(row.seq)).toBeGreaterThan(c1);
    expect(JSON.parse(row.data ?? '{}')).toMatchObject({ status: 'cancelled' });
    expect(replay((await pullAll(kiosk)).changes, 'activity').get('a1')?.confirmedCount).toBe(0);
  });

  it('flushed back to back from an offline outbox, without waiting for answers, are still applied in order', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 10);
    for (let i = 1; i <= 10; i++) await apply(staff, 'activity.put', activity(`a${i}`));
    const kiosk = await t.connect(await t.kioskToken());
    const pairs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const args = { activityId: `a${i + 1}`, residentId: `r${i + 1}` };
        return Promise.all([
          mutate(kiosk, 'signup.add', args),
          mutate(kiosk, 'signup.cancel', args),
        ]);
      }),
    );
    for (const [up, down] of pairs) {
      expect(up).toMatchObject({ status: 'applied', result: { signup: 'confirmed' } });
      expect(down).toMatchObject({ status: 'applied', result: { signup: 'cancelled' } });
    }
    const signups = replay((await pullAll(staff)).changes, 'signup');
    for (let i = 1; i <= 10; i++) expect(signups.get(`a${i}:r${i}`)?.status).toBe('cancelled');
  });
});

describe('failure case 5: a push missed while disconnected', () => {
  it('the pull from the cursor fills the gap, to the same state as a fresh full pull', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 3);
    await apply(staff, 'activity.put', activity('a1', { capacity: 1 }));
    await apply(staff, 'news.put', {
      id: 'n1',
      title: 'Old news',
      body: 'x',
      media: [],
      publishAt: new Date().toISOString(),
      expiresAt: null,
      audience: { kind: 'all' },
    });
    const kiosk = new Replica(await t.connect(await t.kioskToken(), { reconnection: false }));
    await kiosk.sync();
    const cursorBefore = kiosk.cursor;

    kiosk.socket.disconnect();
    await apply(staff, 'news.put', {
      id: 'n2',
      title: 'Fresh news',
      body: 'y',
      media: [],
      publishAt: new Date().toISOString(),
      expiresAt: null,
      audience: { kind: 'all' },
    });
    await apply(staff, 'news.del', { id: 'n1' });
    await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r2' });
    await apply(staff, 'activity.put', activity('a2', { title: 'Bowling' }));
    const head = await apply(staff, 'resident.put', resident('r3', { displayName: 'Renamed' }));
    expect(kiosk.pushes.filter((p) => p.cursor > cursorBefore)).toEqual([]);

    kiosk.socket.connect(); // `welcome` makes it pull from its cursor
    await kiosk.until((k) => k.cursor === head);
    const fresh = new Replica(await t.connect(await t.kioskToken('fresh')));
    await fresh.sync();
    expect(snapshot(kiosk.entities)).toEqual(snapshot(fresh.entities));
    expect(kiosk.get('news', 'n1')).toBeUndefined();
    expect(kiosk.get<Activity>('activity', 'a1')).toMatchObject({
      confirmedCount: 1,
      waitlistCount: 1,
    });
    expect(kiosk.get('resident', 'r3')).toMatchObject({ displayName: 'Renamed' });
  });
});

describe('failure case 12: clock skew', () => {
  it('the server’s clock decides that a sign-up deadline has passed, whatever the kiosk’s clock says', async () => {
    let skew = 0;
    t = await startTestServer({ now: () => new Date(Date.now() + skew) });
    const staff = await t.staff();
    await seedResidents(staff, 2);
    // The kiosk's clock (this process's) says the deadline is an hour away…
    await apply(
      staff,
      'activity.put',
      activity('a1', { signupDeadline: new Date(Date.now() + HOUR).toISOString() }),
    );
    const kiosk = await t.connect(await t.kioskToken());
    // …but on the server's clock it passed an hour ago.
    skew = 2 * HOUR;
    const res = await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    expect(res).toMatchObject({ status: 'rejected', code: 'closed', reason: 'deadline_passed' });
    // A booking the kiosk thinks is in the future is in the past for the server.
    await apply(staff, 'resource.put', resource('wash'));
    const start = wholeHourAhead(1);
    const booking = await mutate(kiosk, 'booking.add', {
      resourceId: 'wash',
      residentId: 'r1',
      start: start.toISOString(),
      end: new Date(start.getTime() + HOUR).toISOString(),
    });
    expect(booking).toMatchObject({ status: 'rejected', code: 'closed', reason: 'in_the_past' });
  });

  it('a deadline the kiosk’s clock thinks has passed is still open on the server’s clock', async () => {
    let skew = 0;
    t = await startTestServer({ now: () => new Date(Date.now() + skew) });
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(
      staff,
      'activity.put',
      activity('a1', { signupDeadline: new Date(Date.now() - HOUR).toISOString() }),
    );
    skew = -2 * HOUR; // the server is two hours behind the kiosk
    // The welcome tells a client the server's time, so it can show it instead of its own.
    const welcome = await welcomeOf(t.url, await t.kioskToken('w'));
    expect(Math.abs(Date.parse(welcome.serverTime) - (Date.now() - 2 * HOUR))).toBeLessThan(60_000);
    const kiosk = await t.connect(await t.kioskToken());
    const res = await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    expect(res).toMatchObject({ status: 'applied', result: { signup: 'confirmed' } });
  });
});
