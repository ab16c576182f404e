/**
 * The socket's input guard (failure cases 13 and 18): prototype keys refused at every depth,
 * the size limit in UTF-8 bytes, reserved event names and non-object auth answered instead of
 * dropped, the protocol checked before the token, and a flooding connection slowed with
 * `rate_limited` while every other kiosk's pushes stay on time.
 */
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES, SYNC_NAMESPACE } from '../../src/protocol/index.js';
import { countRows } from '../../src/server/store/store.js';
import { databaseFingerprint } from '../helpers/db-checks.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import { anyNumber, matching } from '../helpers/matchers.js';
import { rawEventWithAck } from '../helpers/raw-packet.js';
import {
  apply,
  connectSocket,
  mutate,
  nextEvent,
  rawEmitWithAck,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
afterEach(async () => {
  await t.close();
});

const invalid = { status: 'rejected', code: 'invalid' };

/** Connects with any `auth` at all and resolves with the `connect_error` data (or 'connected'). */
function handshake(url: string, auth: unknown): Promise<unknown> {
  const socket = io(url + SYNC_NAMESPACE, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.disconnect();
      resolve(err.data ?? { noData: err.message });
    });
    socket.once('welcome', () => {
      socket.disconnect();
      resolve('connected');
    });
  });
}

describe('prototype keys in payloads', () => {
  it('are refused as invalid at every depth, in the envelope, args, pull and resident.unlock, and nothing is applied', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1'));
    const before = await databaseFingerprint(t.server.store.db);
    const id = (): string => randomUUID();
    const signUp = '"activityId":"a1","residentId":"r1"';
    const packets = [
      `["mutate",{"id":"${id()}","name":"signup.add","args":{${signUp},"__proto__":{"x":1}}}]`,
      `["mutate",{"id":"${id()}","name":"signup.add","args":{${signUp},"constructor":{"x":1}}}]`,
      `["mutate",{"id":"${id()}","name":"signup.add","args":{${signUp},"prototype":1}}]`,
      `["mutate",{"id":"${id()}","name":"signup.add","args":{${signUp}},"__proto__":{}}]`,
      `["mutate",{"id":"${id()}","name":"activity.put","args":${JSON.stringify(activity('a2')).replace('"audience":{', '"audience":{"__proto__":{"kind":"all"},')}}]`,
      `["mutate",{"id":"${id()}","name":"news.put","args":{"id":"n1","title":"x","body":"","media":[{"hash":"${'a'.repeat(64)}","kind":"image","signLanguage":false,"__proto__":{}}],"publishAt":"2026-01-01T00:00:00Z","expiresAt":null,"audience":{"kind":"all"}}}]`,
      `["pull",{"since":0,"__proto__":{"limit":5}}]`,
      `["resident.unlock",{"residentId":"r1","pin":"1234","__proto__":{}}]`,
    ];
    const answers = [];
    for (const p of packets) answers.push(await rawEventWithAck(staff, p));
    for (const answer of answers.slice(0, 7)) expect(answer).toMatchObject(invalid);
    expect(answers[7]).toMatchObject({ ok: false, code: 'invalid' });
    expect(await databaseFingerprint(t.server.store.db)).toEqual(before);
    expect(staff.connected).toBe(true);
  });
});

describe('the size limit', () => {
  it('counts UTF-8 bytes: multi-byte text just under the limit passes the guard, just over is invalid', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    // 'æ' is 1 UTF-16 unit but 2 UTF-8 bytes. The envelope without the text is `overhead` bytes.
    const payload = (n: number): unknown[] => [
      { id: randomUUID(), name: 'group.put', args: { id: 'g1', name: 'æ'.repeat(n) } },
    ];
    const overhead = Buffer.byteLength(JSON.stringify(payload(0)));
    const fits = Math.floor((MAX_EVENT_BYTES - overhead) / 2);
    const under = await rawEmitWithAck(staff, 'mutate', payload(fits));
    const over = await rawEmitWithAck(staff, 'mutate', payload(fits + 1));
    // Under: past the guard, refused by the schema (a title is at most 200 characters).
    expect(under).toMatchObject({ ...invalid, message: matching(/^group\.put: name/) });
    expect(over).toMatchObject({
      ...invalid,
      message: `The payload is larger than ${MAX_EVENT_BYTES} bytes.`,
    });
  });
});

describe('the handshake', () => {
  it('checks the protocol before the token', async () => {
    t = await startTestServer();
    expect(await handshake(t.url, { protocol: 2 })).toMatchObject({ code: 'protocol_mismatch' });
    expect(await handshake(t.url, { protocol: 2, token: 'nonsense' })).toMatchObject({
      code: 'protocol_mismatch',
    });
    expect(await handshake(t.url, { token: 'nonsense', protocol: 1 })).toMatchObject({
      code: 'unauthorized',
    });
  });

  it('answers a non-object auth with unauthorized, and other clients are not disturbed', async () => {
    t = await startTestServer();
    const bystander = await t.connect(await t.kioskToken('bystander'));
    for (const auth of ['a token', ['x', 1], 42]) {
      expect(await handshake(t.url, auth)).toMatchObject({ code: 'unauthorized' });
    }
    // The same by hand, and a garbled auth: a connect_error packet comes back, not a closed socket.
    expect(bystander.connected).toBe(true);
    expect(await handshake(t.url, { token: await t.kioskToken('ok'), protocol: 1 })).toBe(
      'connected',
    );
  });
});

describe('reserved event names', () => {
  it('are answered invalid when they carry an ack, ignored without, and the connection stays', async () => {
    t = await startTestServer();
    const kiosk = await t.connect(await t.kioskToken('k'));
    const bystander = await t.connect(await t.kioskToken('bystander'));
    for (const name of [
      'connect',
      'disconnect',
      'disconnecting',
      'newListener',
      'removeListener',
    ]) {
      expect(await rawEventWithAck(kiosk, `["${name}",{}]`)).toEqual({
        ...invalid,
        message: `Unknown event "${name}".`,
      });
    }
    kiosk.io.engine.write(`2${SYNC_NAMESPACE},["disconnect"]`);
    expect(await rawEmitWithAck(kiosk, 'pull', [{ since: 0 }])).toMatchObject({ more: false });
    expect([kiosk.connected, bystander.connected]).toEqual([true, true]);
  });
});

describe('a flooding connection', () => {
  it('gets rate_limited answers, stores nothing for them, and another kiosk still gets its pushes', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1'));
    const flooder: SyncSocket = await t.connect(await t.kioskToken('flooder'));
    const honest = await t.connect(await t.kioskToken('honest'));
    const processedBefore = await countRows(t.server.store.db, 'processed_mutation');

    // 200 at once: 140 over the kiosk's burst of 60, below the 180 that close the connection
    // (tests/integration/flood-fairness.test.ts has the flood that does).
    const flood = Array.from({ length: 200 }, () =>
      mutate(flooder, 'signup.cancel', { activityId: 'a1', residentId: 'r1' }),
    );
    // While the flood is answered, a staff change reaches the honest kiosk in good time.
    const t0 = performance.now();
    const pushed = nextEvent(honest, 'changes', 2000);
    await apply(staff, 'group.put', { id: 'g2', name: 'Gruppe 2' });
    await pushed;
    expect(performance.now() - t0).toBeLessThan(2000);

    const answers = await Promise.all(flood);
    const limited = answers.filter((a) => a.status === 'retry' && a.code === 'rate_limited');
    const applied = answers.filter((a) => a.status === 'applied');
    expect(applied.length + limited.length).toBe(200);
    expect(limited.length).toBeGreaterThan(130);
    for (const a of limited) expect(a).toMatchObject({ retryAfterMs: anyNumber() });
    expect((limited[0] as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    // Only the events within the budget were looked at, and only they (and staff's group.put)
    // are remembered.
    expect(await countRows(t.server.store.db, 'processed_mutation')).toBe(
      processedBefore + applied.length + 1,
    );
    expect(flooder.connected).toBe(true);
  });

  it('is not limited when the server runs without a budget (as the throughput bench does)', async () => {
    t = await startTestServer({ eventBudget: null });
    const kiosk = await connectSocket(t.url, await t.kioskToken('k'));
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => rawEmitWithAck(kiosk, 'pull', [{ since: 0 }])),
    );
    expect(answers.every((a) => (a as { more?: unknown }).more === false)).toBe(true);
    kiosk.disconnect();
  });
});
