/**
 * Consent per channel (issue 9): staff record the wall, relatives' and calendar consent with who
 * gave it; the server records who entered it and when, keeps the one `wallConsent` flag equal to
 * the wall channel (so every reader of the wall rule keeps working), writes the history, and a
 * withdrawn relatives' consent ends the relatives' access to that resident at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Resident } from '../../src/domain/model.js';
import { resident } from '../helpers/fixtures.js';
import { Replica } from '../helpers/replica.js';
import {
  apply,
  disconnected,
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staff: SyncSocket;
beforeEach(async () => {
  t = await startTestServer();
  staff = await t.staff();
  await apply(staff, 'group.put', { id: 'g1', name: 'Gruppe 1' });
});
afterEach(async () => {
  await t.close();
});

const stored = async (id: string): Promise<Resident> => {
  const row = await t.server.store.db
    .selectFrom('resident')
    .select('data')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.data) as Resident;
};

describe('consent per channel', () => {
  it('records who gave each channel, who entered it and when; wallConsent follows the wall', async () => {
    const { wallConsent: _w, ...base } = resident('r1');
    await apply(staff, 'resident.put', {
      ...base,
      consent: {
        wall: { given: true, by: 'resident' },
        relatives: { given: true, by: 'guardian' },
      },
    });
    const r = await stored('r1');
    expect(r.wallConsent).toBe(true);
    expect(r.consent.wall).toMatchObject({ given: true, by: 'resident' });
    expect(r.consent.relatives).toMatchObject({ given: true, by: 'guardian' });
    expect(r.consent.calendar).toEqual({ given: false, by: null, recordedBy: null, at: null });
    expect(r.consent.wall.recordedBy).toEqual(expect.any(String));
    expect(Date.parse(r.consent.wall.at ?? '')).toBeGreaterThan(Date.now() - 60_000);

    // Saving the same answers again moves nothing: "when" stays the first time.
    const at = r.consent.wall.at;
    await apply(staff, 'resident.put', {
      ...base,
      displayName: 'New name',
      consent: { wall: { given: true, by: 'resident' } },
    });
    expect((await stored('r1')).consent.wall.at).toBe(at);
    const history = await t.server.store.db
      .selectFrom('consent_event')
      .selectAll()
      .where('resident_id', '=', 'r1')
      .execute();
    expect(history.map((h) => [h.channel, h.given, h.given_by])).toEqual([
      ['wall', 1, 'resident'],
      ['relatives', 1, 'guardian'],
    ]);
  });

  it('the one-flag input still works and is recorded as a wall answer', async () => {
    await apply(staff, 'resident.put', resident('r1', { wallConsent: true }));
    const r = await stored('r1');
    expect(r.wallConsent).toBe(true);
    expect(r.consent.wall).toMatchObject({ given: true, by: null });
    expect(r.consent.wall.at).not.toBeNull();
    // Withdrawn with the flag: a kiosk starts over without them (the wall rule reads the flag).
    const kiosk = new Replica(await t.connect(await t.kioskToken()));
    await kiosk.sync();
    expect(kiosk.get('resident', 'r1')).toBeDefined();
    await apply(staff, 'resident.put', resident('r1', { wallConsent: false }));
    await kiosk.until((k) => k.get('resident', 'r1') === undefined);
    expect((await stored('r1')).consent.wall.given).toBe(false);
  });

  it('refuses a flag that disagrees with the wall answer, and answers without who', async () => {
    const contradicting = await mutate(staff, 'resident.put', {
      ...resident('r1', { wallConsent: true }),
      consent: { wall: { given: false, by: 'resident' } },
    });
    expect(contradicting).toMatchObject({ status: 'rejected', code: 'invalid' });
    const noWho = await mutate(staff, 'resident.put', {
      ...resident('r1'),
      consent: { relatives: { given: true } },
    } as never);
    expect(noWho).toMatchObject({ status: 'rejected', code: 'invalid' });
    const unknownChannel = await mutate(staff, 'resident.put', {
      ...resident('r1'),
      consent: { sms: { given: true, by: 'resident' } },
    } as never);
    expect(unknownChannel).toMatchObject({ status: 'rejected', code: 'invalid' });
    // The server's own fields are not the client's to send.
    const recordedBy = await mutate(staff, 'resident.put', {
      ...resident('r1'),
      consent: { wall: { given: true, by: 'resident', recordedBy: 'someone-else' } },
    } as never);
    expect(recordedBy).toMatchObject({ status: 'rejected', code: 'invalid' });
  });

  it('a kiosk or a relative may not record consent', async () => {
    await apply(staff, 'resident.put', resident('r1'));
    const kiosk = await t.connect(await t.kioskToken());
    const relative = await t.connect(await t.userToken('relative', ['r1']));
    for (const socket of [kiosk, relative])
      expect(
        await mutate(socket, 'resident.put', {
          ...resident('r1'),
          consent: { wall: { given: true, by: 'resident' } },
        }),
      ).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('withdrawing the relatives’ consent ends their access to that resident at once', async () => {
    const both = { relatives: { given: true, by: 'guardian' } } as const;
    await apply(staff, 'resident.put', { ...resident('r1'), consent: both });
    await apply(staff, 'resident.put', { ...resident('r2'), consent: both });
    const token = await t.userToken('relative', ['r1', 'r2']);
    const socket = await t.connect(token);
    const gone = disconnected(socket, 5_000);
    await apply(staff, 'resident.put', {
      ...resident('r1'),
      consent: { relatives: { given: false, by: 'guardian' } },
    });
    await gone;
    const user = await t.server.store.db
      .selectFrom('app_user')
      .select(['resident_ids', 'disabled'])
      .where('role', '=', 'relative')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(user.resident_ids)).toEqual(['r2']);
    expect(user.disabled).toBe(0);
    // Reconnected, they see r2 and no longer r1.
    const again = new Replica(await t.connect(token));
    await again.sync();
    expect([...again.all('resident').keys()]).toEqual(['r2']);
  });
});
