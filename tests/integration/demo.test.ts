import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesPush, ResidentUnlockResult } from '../../src/protocol/index.js';
import { enrolDevice } from '../../src/client/index.js';
import { createEnrolCode } from '../../src/server/auth/accounts.js';
import { openTestDb } from '../helpers/test-database.js';
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

/** A kiosk enrolled with a code of its own (the printed one works once, for the last test). */
async function anotherKiosk(): Promise<Awaited<ReturnType<typeof connectSocket>>> {
  const db = await openTestDb(dataDir);
  const { code } = await createEnrolCode(db, 'Test kiosk');
  await db.destroy();
  const enrolled = await enrolDevice(server.url, code);
  if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.error} ${enrolled.message}`);
  const socket = await connectSocket(server.url, enrolled.token);
  kioskTokens.set(socket, enrolled.token);
  return socket;
}
/** Each kiosk's token: media are served to a kiosk that may see them (its bearer token). */
const kioskTokens = new WeakMap<object, string>();

describe('serve --demo', () => {
  it('prints the staff admin address with a login that works, and the PIN to try', async () => {
    const m = /Staff admin: +(\S+)\/staff\/ +log in as admin \/ (\S+)/.exec(server.output());
    expect(m, server.output()).not.toBeNull();
    const [, base, password] = m as RegExpExecArray;
    const login = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const session = await fetch(`${base}/api/session`, { headers: { cookie } });
    expect(await session.json()).toMatchObject({ role: 'admin' });
    expect(server.output()).toMatch(/Resident PIN: +Bent has the PIN 1234/);
    expect(server.output()).toMatch(/No Electron runtime/);
  });

  it('prints a relative’s login for /family/ that sees Anna and Gitte and nobody else', async () => {
    const m = /Relatives: +(\S+)\/family\/ +log in as hanne \/ (\S+)/.exec(server.output());
    expect(m, server.output()).not.toBeNull();
    const [, base, password] = m as RegExpExecArray;
    const login = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hanne', password }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const socket = await connectSocket(server.url, token);
    const residents = replay((await pullAll(socket)).changes, 'resident');
    expect([...residents.keys()].sort()).toEqual(['r-anna', 'r-gitte']);
    socket.disconnect();
  });

  it('shows that human block first, then readable log lines instead of JSON', async () => {
    await expect.poll(() => server.output()).toMatch(/INFO.*centre server listening/);
    const out = server.output();
    const block = out.indexOf('Citizen Guide demo centre');
    expect(block).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('read-aloud')).toBeGreaterThan(block);
    expect(out.indexOf('centre server listening')).toBeGreaterThan(block);
    expect(out).not.toMatch(/^\{"level"/m);
  });

  it('has a drawn photo for every resident on the wall and every duty, served as PNG', async () => {
    const kiosk = await anotherKiosk();
    const { changes } = await pullAll(kiosk);
    const residents = [...replay(changes, 'resident').values()];
    const shifts = [...replay(changes, 'shift').values()];
    const dinners = [...replay(changes, 'meal').values()].filter((m) => m.slot === 'dinner');
    const news = [...replay(changes, 'news').values()];
    expect(residents.length).toBeGreaterThan(0);
    const hashes = [
      ...residents.map((r) => r.photo),
      ...shifts.map((s) => s.photo),
      ...dinners.map((m) => m.photo),
      ...news.flatMap((n) => n.media.map((m) => m.hash)),
    ];
    expect(hashes.every((h) => h !== null)).toBe(true);
    expect(news.some((n) => n.media.some((m) => m.kind === 'image'))).toBe(true);
    // Every resident and staff member looks different.
    const faces = new Set([...residents.map((r) => r.photo), ...shifts.map((s) => s.photo)]);
    const people = new Set([...residents.map((r) => r.id), ...shifts.map((s) => s.staffName)]);
    expect(faces.size).toBe(people.size);

    for (const hash of new Set(hashes)) {
      const file = join(dataDir, 'media', hash ?? '');
      expect(existsSync(file)).toBe(true);
      const res = await fetch(`${server.url}/media/${hash}`, {
        headers: { authorization: `Bearer ${kioskTokens.get(kiosk)}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(file))).toBe(true);
    }
    kiosk.disconnect();
  });

  it('lets Bent open his day with the printed PIN', async () => {
    const kiosk = await anotherKiosk();
    const { changes } = await pullAll(kiosk);
    expect(replay(changes, 'resident').get('r-bent')?.hasPin).toBe(true);
    const unlock = async (pin: string): Promise<ResidentUnlockResult> =>
      (await kiosk
        .timeout(10_000)
        .emitWithAck('resident.unlock', { residentId: 'r-bent', pin })) as ResidentUnlockResult;
    // His own day items come only with the unlock: the kiosk's pull never had them.
    const pulledOwn = changes.filter(
      (c) =>
        c.type === 'dayitem' &&
        (c.data as { residentId?: unknown } | undefined)?.residentId === 'r-bent',
    );
    expect(pulledOwn).toEqual([]);
    const opened = await unlock('1234');
    expect(opened.ok).toBe(true);
    expect(opened.ok && opened.items.map((i) => i.title)).toContain('Frisør');
    expect(await unlock('4321')).toMatchObject({ ok: false, code: 'wrong_pin' });
    kiosk.disconnect();
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
    const db = await openTestDb(dataDir);
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
