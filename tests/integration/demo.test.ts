import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesPush } from '../../src/protocol/index.js';
import { enrolDevice } from '../../src/client/index.js';
import { freePort, spawnServer, type ChildServer } from '../helpers/child-server.js';
import { connectSocket, freshDataDir, mutate, pullAll, replay } from '../helpers/test-server.js';

let server: ChildServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = freshDataDir();
  server = await spawnServer(dataDir, await freePort(), 60_000, ['--demo'], 'No Electron runtime');
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const printedCode = (): string => {
  const code = /#enrol=([A-Z0-9-]+)/.exec(server.output())?.[1];
  if (!code) throw new Error(`no enrolment code printed:\n${server.output()}`);
  return code;
};

describe('serve --demo', () => {
  it('prints an admin login and a kiosk address with a one-time code', () => {
    expect(server.output()).toMatch(/Admin login: +admin \/ \S+/);
    expect(server.output()).toMatch(/No Electron runtime/);
  });

  it('a kiosk enrolled with the printed code sees the seeded centre, and a sign-up reaches a second kiosk', async () => {
    const first = await enrolDevice(server.url, printedCode());
    if (!first.ok) throw new Error(`enrolment failed: ${first.error} ${first.message}`);
    const kiosk = await connectSocket(server.url, first.token);
    const { changes } = await pullAll(kiosk);
    expect(replay(changes, 'centre').get('centre')?.name).toBe('Bostedet Solsikken');
    const residents = [...replay(changes, 'resident').values()];
    // 12 residents, of whom the 10 with wall consent may appear on the wall.
    expect(residents).toHaveLength(10);
    expect(residents.every((r) => r.wallConsent)).toBe(true);
    expect(replay(changes, 'resource').size).toBe(2);
    expect(replay(changes, 'news').size).toBeGreaterThanOrEqual(3);
    expect(replay(changes, 'shift').size).toBeGreaterThan(0);

    const future = [...replay(changes, 'activity').values()]
      .filter((a) => Date.parse(a.start) > Date.now() + 86_400_000 && a.signupDeadline === null)
      .sort((a, b) => a.start.localeCompare(b.start))[0];
    if (!future) throw new Error('the demo has no activity open for sign-up');

    // The code worked once; a second kiosk needs its own, made with the CLI's enrol-code path.
    const { createEnrolCode } = await import('../../src/server/auth/accounts.js');
    const { openSqlite } = await import('../../src/server/store/sqlite.js');
    const db = await openSqlite(dataDir);
    const { code } = await createEnrolCode(db, 'Second');
    await db.destroy();
    const second = await enrolDevice(server.url, code);
    if (!second.ok) throw new Error(second.message);
    const other = await connectSocket(server.url, second.token);
    const { cursor } = await pullAll(other);
    const pushed = new Promise<ChangesPush>((resolve) => other.once('changes', resolve));

    const res = await mutate(kiosk, 'signup.add', { activityId: future.id, residentId: 'r-anna' });
    expect(res).toMatchObject({ status: 'applied', result: { signup: 'confirmed' } });
    const push = await pushed;
    expect(push.after).toBe(cursor);
    expect(replay(push.changes, 'signup').get(`${future.id}:r-anna`)?.status).toBe('confirmed');
    kiosk.disconnect();
    other.disconnect();
  });
});
