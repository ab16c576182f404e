/**
 * Failure case 7: the server restarts with 200 clients connected. They come back on their own
 * (reconnection with jitter), pull from their cursors, and all reach the same head with the same
 * state a fresh client of their kind would have; nothing committed before the restart is lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/domain/model.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import { Replica, snapshot } from '../helpers/replica.js';
import { apply, startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const RECONNECT = {
  reconnection: true,
  reconnectionDelay: 200,
  reconnectionDelayMax: 2_000,
  randomizationFactor: 0.5,
} as const;

describe('a server restart', () => {
  it(
    '200 connected clients all reconnect and catch up to the same head',
    { timeout: 90_000 },
    async () => {
      t = await startTestServer();
      const server = t;
      const staff = await server.staff();
      await seedResidents(staff, 12, (i) => i % 4 !== 0);
      await apply(staff, 'activity.put', activity('a1', { capacity: 3 }));
      for (const r of ['r1', 'r2', 'r4', 'r5'])
        await apply(staff, 'signup.add', { activityId: 'a1', residentId: r });

      // 8 kiosks, 2 staff sessions and 2 relatives, each with many sockets: 200 in all.
      const kinds: { kind: string; token: string }[] = [];
      for (let i = 0; i < 8; i++)
        kinds.push({ kind: 'kiosk', token: await server.kioskToken(`k${i}`) });
      for (let i = 0; i < 2; i++)
        kinds.push({ kind: 'staff', token: await server.userToken('staff') });
      kinds.push({ kind: 'relative-a', token: await server.userToken('relative', ['r1', 'r4']) });
      kinds.push({ kind: 'relative-b', token: await server.userToken('relative', ['r2']) });
      const clients = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const { kind, token } = kinds[i % kinds.length] as { kind: string; token: string };
          const replica = new Replica(await server.connect(token, RECONNECT));
          await replica.sync();
          return { kind, token, replica };
        }),
      );
      const headBefore = clients[0]?.replica.cursor ?? 0;
      expect(clients.every((c) => c.replica.cursor === headBefore)).toBe(true);

      await server.restart();
      // Staff carry on at once, while the clients are still finding their way back.
      const staffAfter = await server.staff();
      await apply(staffAfter, 'signup.add', { activityId: 'a1', residentId: 'r6' });
      await apply(staffAfter, 'signup.cancel', { activityId: 'a1', residentId: 'r1' });
      await apply(staffAfter, 'news.put', {
        id: 'n1',
        title: 'Vi er tilbage',
        body: '',
        media: [],
        publishAt: new Date().toISOString(),
        expiresAt: null,
        audience: { kind: 'all' },
      });
      const head = await apply(staffAfter, 'activity.put', activity('a2', { title: 'Gåtur' }));
      expect(head).toBeGreaterThan(headBefore);

      await Promise.all(
        clients.map((c) => c.replica.until((r) => r.cursor === head && r.socket.connected, 60_000)),
      );
      expect(clients.every((c) => c.replica.welcomes >= 1)).toBe(true);

      // Each kind of client holds exactly what a fresh client of its kind pulls now.
      for (const { kind, token } of kinds) {
        const fresh = new Replica(await server.connect(token));
        await fresh.sync();
        expect(fresh.cursor).toBe(head);
        const expected = snapshot(fresh.entities);
        for (const c of clients.filter((x) => x.kind === kind))
          expect(snapshot(c.replica.entities)).toEqual(expected);
        fresh.socket.disconnect();
      }
      const kiosk = clients.find((c) => c.kind === 'kiosk')?.replica;
      expect(kiosk?.get<Activity>('activity', 'a1')).toMatchObject({
        confirmedCount: 3,
        waitlistCount: 1,
      });
      expect(kiosk?.get('news', 'n1')).toBeDefined();
      expect(clients.find((c) => c.kind === 'relative-b')?.replica.all('resident').size).toBe(1);
    },
  );
});
