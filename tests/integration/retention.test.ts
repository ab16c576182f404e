/**
 * The server remembers a mutation id and its first answer for 30 days (protocol v1: "at least
 * 30 days"), then forgets it so the table does not grow for ever.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MUTATION_RETENTION_DAYS } from '../../src/protocol/index.js';
import { purgeProcessedMutations } from '../../src/server/sync/mutate.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import { apply, mutate, startTestServer, type TestServer } from '../helpers/test-server.js';

const DAY = 86_400_000;
let t: TestServer;
afterEach(async () => {
  await t.close();
});

async function remembered(id: string): Promise<boolean> {
  return (
    (await t.server.store.db
      .selectFrom('processed_mutation')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined
  );
}

describe('remembering mutation ids', () => {
  it('keeps an id for 30 days, answering a retry with the first answer, and forgets it after', async () => {
    const t0 = Date.now();
    let clock = t0;
    t = await startTestServer({ now: () => new Date(clock) });
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(
      staff,
      'activity.put',
      activity('a1', {
        start: new Date(t0 + 60 * DAY).toISOString(),
        end: new Date(t0 + 60 * DAY + 3_600_000).toISOString(),
      }),
    );
    const kiosk = await t.connect(await t.kioskToken());
    const id = randomUUID();
    const first = await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' }, id);
    expect(first).toMatchObject({ status: 'applied' });
    await apply(staff, 'group.put', { id: 'g2', name: 'Gruppe 2' }); // the head moves on

    clock = t0 + 29 * DAY;
    expect(
      await purgeProcessedMutations(t.server.store, new Date(clock), MUTATION_RETENTION_DAYS),
    ).toBe(0);
    expect(await remembered(id)).toBe(true);
    expect(await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' }, id)).toEqual(
      first,
    );

    clock = t0 + 31 * DAY;
    expect(
      await purgeProcessedMutations(t.server.store, new Date(clock), MUTATION_RETENTION_DAYS),
    ).toBeGreaterThan(0);
    expect(await remembered(id)).toBe(false);
  });

  it('purges ids older than 30 days when the server starts, and keeps younger ones', async () => {
    const t0 = Date.now();
    let clock = t0 - 31 * DAY;
    t = await startTestServer({ now: () => new Date(clock) });
    const kioskToken = await t.kioskToken();
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(
      staff,
      'activity.put',
      activity('a1', {
        start: new Date(t0 + DAY).toISOString(),
        end: new Date(t0 + DAY + 3_600_000).toISOString(),
      }),
    );
    const kiosk = await t.connect(kioskToken);
    const old = randomUUID();
    await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' }, old);
    clock = t0 - 29 * DAY;
    const young = randomUUID();
    const youngAnswer = await mutate(
      kiosk,
      'signup.add',
      { activityId: 'a1', residentId: 'r2' },
      young,
    );
    kiosk.disconnect();

    clock = t0;
    await t.restart();
    // The purge at start runs beside the start (on PostgreSQL each delete is a round trip).
    await vi.waitFor(async () => expect(await remembered(old)).toBe(false));
    expect(await remembered(young)).toBe(true);
    const again = await t.connect(kioskToken);
    expect(
      await mutate(again, 'signup.add', { activityId: 'a1', residentId: 'r2' }, young),
    ).toEqual(youngAnswer);
  });
});
