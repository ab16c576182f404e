import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangesPush } from '../../src/protocol/index.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import {
  apply,
  mutate,
  pullAll,
  replay,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe('the sync loop', () => {
  it('a sign-up on one kiosk reaches the server once and is pushed to another kiosk', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 3);
    await apply(staff, 'activity.put', activity('a1', { capacity: 2 }));

    const k1 = await t.connect(await t.kioskToken('k1'));
    const k2 = await t.connect(await t.kioskToken('k2'));
    const { cursor } = await pullAll(k2);
    const pushed = new Promise<ChangesPush>((resolve) => k2.once('changes', resolve));

    const res = await mutate(k1, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    expect(res).toMatchObject({
      status: 'applied',
      result: { signup: 'confirmed', position: null },
    });

    const push = await pushed;
    expect(push.after).toBe(cursor);
    const signups = replay(push.changes, 'signup');
    expect(signups.get('a1:r1')?.status).toBe('confirmed');
    expect(replay(push.changes, 'activity').get('a1')?.confirmedCount).toBe(1);
  });

  it('a repeated mutation id gets the first answer and is applied once', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(staff, 'activity.put', activity('a1', { capacity: 1 }));
    const k = await t.connect(await t.kioskToken());
    const id = randomUUID();
    const first = await mutate(k, 'signup.add', { activityId: 'a1', residentId: 'r1' }, id);
    const second = await mutate(k, 'signup.add', { activityId: 'a1', residentId: 'r1' }, id);
    expect(second).toEqual(first);
    const { changes } = await pullAll(k);
    expect(replay(changes, 'activity').get('a1')?.confirmedCount).toBe(1);
  });

  it('a kiosk never sees residents without wall consent, or their sign-ups', async () => {
    const staff = await t.staff();
    await seedResidents(staff, 3, (i) => i !== 2);
    await apply(staff, 'activity.put', activity('a1'));
    await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r2' });
    const k = await t.connect(await t.kioskToken());
    const { changes } = await pullAll(k);
    expect([...replay(changes, 'resident').keys()].sort()).toEqual(['r1', 'r3']);
    expect(replay(changes, 'signup').size).toBe(0);
    // …but the places left still count the hidden sign-up.
    expect(replay(changes, 'activity').get('a1')?.confirmedCount).toBe(1);
  });
});
