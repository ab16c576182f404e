/**
 * Failure cases 2 and 3: sign-ups that arrive after others filled the activity, and many kiosks
 * racing for the last places or the same booking slot. The server decides; exactly the right
 * number win, and the database, a fresh pull and the live pushes all agree.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity, Booking, SignUp } from '../../src/domain/model.js';
import type { MutateResult } from '../../src/protocol/index.js';
import { invariantViolations } from '../helpers/db-checks.js';
import { activity, HOUR, resource, seedResidents, wholeHourAhead } from '../helpers/fixtures.js';
import { Replica } from '../helpers/replica.js';
import {
  apply,
  freshDataDir,
  mutate,
  networkedStore,
  pullAll,
  replay,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
afterEach(async () => {
  await t.close();
});

/**
 * Each race runs on the embedded store and on one that answers like a networked database: there
 * many mutations queue up during a transaction and are applied together in the next one.
 */
const stores = [
  ['the embedded store', false],
  ['a networked store', true],
] as const;

/** `n` sockets: kiosks (several sockets per kiosk token) and staff sessions, interleaved. */
async function manySockets(n: number): Promise<SyncSocket[]> {
  const tokens = [
    ...(await Promise.all(['k1', 'k2', 'k3', 'k4', 'k5'].map((k) => t.kioskToken(k)))),
    await t.userToken('staff'),
    await t.userToken('admin'),
  ];
  return Promise.all(
    Array.from({ length: n }, (_, i) => t.connect(tokens[i % tokens.length] as string)),
  );
}

async function signupRows(activityId: string): Promise<SignUp[]> {
  const rows = await t.server.store.db
    .selectFrom('signup')
    .select('data')
    .where('activity_id', '=', activityId)
    .execute();
  return rows.map((r) => JSON.parse(r.data) as SignUp);
}

describe.each(stores)('on %s', (_store, networked) => {
  beforeEach(async () => {
    const dataDir = freshDataDir();
    t = await startTestServer(
      networked ? { dataDir, store: await networkedStore(dataDir) } : { dataDir },
    );
  });

  describe('a sign-up that arrives after others filled the activity', () => {
    it('is put on the waiting list at the right place when the activity has one', async () => {
      const staff = await t.staff();
      await seedResidents(staff, 5);
      await apply(staff, 'activity.put', activity('a1', { capacity: 2, waitlist: true }));
      const kiosk = await t.connect(await t.kioskToken());
      // The kiosk was offline; meanwhile staff filled the places and one more joined the list.
      for (const r of ['r1', 'r2', 'r3'])
        await apply(staff, 'signup.add', { activityId: 'a1', residentId: r });

      const res = await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r4' });
      expect(res).toMatchObject({
        status: 'applied',
        result: { signup: 'waitlisted', position: 2 },
      });
      const { changes } = await pullAll(kiosk);
      expect(replay(changes, 'signup').get('a1:r4')).toMatchObject({
        status: 'waitlisted',
        position: 2,
      });
      expect(replay(changes, 'activity').get('a1')).toMatchObject({
        confirmedCount: 2,
        waitlistCount: 2,
      });
    });

    it('is refused as "full" when the activity has no waiting list, and nothing is written', async () => {
      const staff = await t.staff();
      await seedResidents(staff, 3);
      await apply(staff, 'activity.put', activity('a1', { capacity: 2, waitlist: false }));
      const kiosk = await t.connect(await t.kioskToken());
      for (const r of ['r1', 'r2'])
        await apply(staff, 'signup.add', { activityId: 'a1', residentId: r });
      const headBefore = (await pullAll(kiosk)).cursor;

      const res = await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r3' });
      expect(res).toMatchObject({ status: 'rejected', code: 'full' });
      const after = await pullAll(kiosk, headBefore);
      expect(after.cursor).toBe(headBefore);
      expect(after.changes).toEqual([]);
      expect((await signupRows('a1')).map((s) => s.residentId).sort()).toEqual(['r1', 'r2']);
    });
  });

  describe('racing for the last places', () => {
    it('50 residents racing for the last 5 places: exactly 5 confirmed and 45 on the waiting list', async () => {
      const staff = await t.staff();
      const residents = await seedResidents(staff, 55);
      await apply(staff, 'activity.put', activity('a1', { capacity: 10, waitlist: true }));
      // Five places are already taken.
      for (const r of residents.slice(50))
        await apply(staff, 'signup.add', { activityId: 'a1', residentId: r });
      const sockets = await manySockets(50);
      const watcher = new Replica(await t.connect(await t.kioskToken('watcher')));
      await watcher.sync();

      const results = await Promise.all(
        residents
          .slice(0, 50)
          .map((r, i) =>
            mutate(sockets[i] as SyncSocket, 'signup.add', { activityId: 'a1', residentId: r }),
          ),
      );
      const applied = results.filter(
        (r): r is Extract<MutateResult, { status: 'applied' }> => r.status === 'applied',
      );
      expect(applied).toHaveLength(50);
      const confirmed = applied.filter((r) => r.result?.signup === 'confirmed');
      const waitlisted = applied.filter((r) => r.result?.signup === 'waitlisted');
      expect(confirmed).toHaveLength(5);
      expect(waitlisted).toHaveLength(45);
      // "You are number N": each place on the list told to exactly one resident.
      expect(waitlisted.map((r) => r.result?.position as number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 45 }, (_, i) => i + 1),
      );

      // The database agrees…
      const rows = await signupRows('a1');
      expect(rows.filter((s) => s.status === 'confirmed')).toHaveLength(10);
      expect(rows.filter((s) => s.status === 'waitlisted')).toHaveLength(45);
      expect(await invariantViolations(t.server.store.db)).toEqual([]);
      // …and so does a fresh full pull…
      const fresh = replay((await pullAll(staff)).changes, 'signup');
      expect([...fresh.values()].filter((s) => s.status === 'confirmed')).toHaveLength(10);
      const activityNow = replay((await pullAll(staff)).changes, 'activity').get('a1') as Activity;
      expect(activityNow).toMatchObject({ confirmedCount: 10, waitlistCount: 45 });
      // …and a kiosk that only listened to live pushes, which followed on without a gap.
      const head = applied.reduce((m, r) => Math.max(m, r.cursor), 0);
      await watcher.until((w) => w.cursor === head);
      expect(watcher.gaps).toBe(0);
      expect(watcher.get<Activity>('activity', 'a1')).toMatchObject({
        confirmedCount: 10,
        waitlistCount: 45,
      });
      for (const [id, s] of fresh) expect(watcher.get<SignUp>('signup', id)).toEqual(s);
    });

    it('50 residents racing for the last 5 places without a waiting list: exactly 5 applied and 45 told "full"', async () => {
      const staff = await t.staff();
      const residents = await seedResidents(staff, 55);
      await apply(staff, 'activity.put', activity('a1', { capacity: 10, waitlist: false }));
      for (const r of residents.slice(50))
        await apply(staff, 'signup.add', { activityId: 'a1', residentId: r });
      const sockets = await manySockets(50);

      const results = await Promise.all(
        residents
          .slice(0, 50)
          .map((r, i) =>
            mutate(sockets[i] as SyncSocket, 'signup.add', { activityId: 'a1', residentId: r }),
          ),
      );
      const winners = residents.slice(0, 50).filter((_, i) => results[i]?.status === 'applied');
      expect(winners).toHaveLength(5);
      expect(results.filter((r) => r.status === 'rejected' && r.code === 'full')).toHaveLength(45);

      const rows = await signupRows('a1');
      expect(
        rows
          .filter((s) => s.status === 'confirmed')
          .map((s) => s.residentId)
          .sort(),
      ).toEqual([...winners, ...residents.slice(50)].sort());
      expect(rows.filter((s) => s.status !== 'confirmed')).toEqual([]);
      const kiosk = await t.connect(await t.kioskToken('fresh'));
      const pulled = await pullAll(kiosk);
      expect(replay(pulled.changes, 'activity').get('a1')).toMatchObject({
        confirmedCount: 10,
        waitlistCount: 0,
      });
      expect([...replay(pulled.changes, 'signup').keys()].sort()).toEqual(
        rows.map((s) => s.id).sort(),
      );
      expect(await invariantViolations(t.server.store.db)).toEqual([]);
    });

    it('10 kiosks booking the same washing-machine slot: exactly one gets it, the others hear it overlaps', async () => {
      const staff = await t.staff();
      const residents = await seedResidents(staff, 10);
      await apply(staff, 'resource.put', resource('wash'));
      const sockets = await manySockets(10);
      const start = wholeHourAhead(3);
      const slot = {
        resourceId: 'wash',
        start: start.toISOString(),
        end: new Date(start.getTime() + HOUR).toISOString(),
      };

      const results = await Promise.all(
        residents.map((r, i) =>
          mutate(sockets[i] as SyncSocket, 'booking.add', { ...slot, residentId: r }),
        ),
      );
      expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
      const losers = results.filter((r) => r.status === 'rejected');
      expect(losers).toHaveLength(9);
      for (const l of losers) expect(l).toMatchObject({ code: 'conflict', reason: 'overlap' });

      const rows = await t.server.store.db.selectFrom('booking').select('data').execute();
      expect(rows).toHaveLength(1);
      const winner = residents[results.findIndex((r) => r.status === 'applied')];
      expect(JSON.parse(rows[0]?.data ?? '{}')).toMatchObject({
        residentId: winner,
        status: 'active',
      });
      const bookings = replay((await pullAll(staff)).changes, 'booking');
      expect([...bookings.values()].map((b: Booking) => b.residentId)).toEqual([winner]);
    });

    it('the same mutation id sent from 5 sockets of one kiosk at once is applied once, all get the same answer', async () => {
      const staff = await t.staff();
      await seedResidents(staff, 1);
      await apply(staff, 'resource.put', resource('wash'));
      const token = await t.kioskToken();
      const sockets = await Promise.all(Array.from({ length: 5 }, () => t.connect(token)));
      const start = wholeHourAhead(4);
      const args = {
        resourceId: 'wash',
        residentId: 'r1',
        start: start.toISOString(),
        end: new Date(start.getTime() + HOUR).toISOString(),
      };
      const id = randomUUID();
      const answers = await Promise.all(sockets.map((s) => mutate(s, 'booking.add', args, id)));
      expect(answers[0]).toMatchObject({ status: 'applied' });
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(await t.server.store.db.selectFrom('booking').select('id').execute()).toHaveLength(1);
      expect(await invariantViolations(t.server.store.db)).toEqual([]);
    });
  });
});
