/**
 * `resident.unlock`: a resident taps their photo on the kiosk and types their PIN; the server,
 * which alone holds the PIN hash, says yes or no. Real server, real sockets, a clock the test
 * moves for the five-minute lock-out.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheDb, SyncEngine } from '../../src/client/index.js';
import type { ResidentUnlockResult } from '../../src/protocol/index.js';
import { resident } from '../helpers/fixtures.js';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';
import {
  apply,
  pull,
  rawEmitWithAck,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

const PIN = '482915';
let t: TestServer;
let log: CapturedLog;
let clock: number;
let kiosk: SyncSocket;

beforeEach(async () => {
  clock = Date.now();
  log = captureLog();
  t = await startTestServer({ now: () => new Date(clock), logger: log.logger });
  const staff = await t.staff();
  await apply(staff, 'group.put', { id: 'g1', name: 'Gruppe 1' });
  await apply(staff, 'resident.put', { ...resident('anna'), pin: PIN });
  await apply(staff, 'resident.put', resident('bo'));
  await apply(staff, 'resident.put', { ...resident('carl', { wallConsent: false }), pin: PIN });
  kiosk = await t.connect(await t.kioskToken('Stuen'));
});
afterEach(async () => {
  await t.close();
});

const unlock = async (
  socket: SyncSocket,
  residentId: string,
  pin: string,
): Promise<ResidentUnlockResult> =>
  (await socket
    .timeout(10_000)
    .emitWithAck('resident.unlock', { residentId, pin })) as ResidentUnlockResult;

describe('opening a resident with a PIN', () => {
  it('opens with the right PIN and not with a wrong one', async () => {
    expect(await unlock(kiosk, 'anna', PIN)).toEqual({ ok: true, items: [] });
    expect(await unlock(kiosk, 'anna', '000000')).toEqual({
      ok: false,
      code: 'wrong_pin',
      message: expect.any(String) as string,
    });
  });

  it('locks one kiosk out for five minutes after five wrong PINs, even for the right PIN', async () => {
    for (let i = 1; i <= 4; i++)
      expect(await unlock(kiosk, 'anna', '1111')).toMatchObject({ code: 'wrong_pin' });
    // The fifth wrong PIN says so at once, so the kiosk need not let the resident type again.
    expect(await unlock(kiosk, 'anna', '1111')).toMatchObject({
      code: 'locked',
      retryAfterSeconds: 300,
    });
    clock += 60_000;
    const locked = await unlock(kiosk, 'anna', PIN);
    expect(locked).toMatchObject({ ok: false, code: 'locked', retryAfterSeconds: 240 });
    expect((locked as { message: string }).message).toMatch(/4 minutes/);

    // Another kiosk is not locked, nor is another resident on this kiosk.
    const other = await t.connect(await t.kioskToken('Gangen'));
    expect(await unlock(other, 'anna', PIN)).toEqual({ ok: true, items: [] });
    expect(await unlock(kiosk, 'bo', '1234')).toMatchObject({ code: 'no_pin' });

    clock += 4 * 60_000;
    expect(await unlock(kiosk, 'anna', PIN)).toEqual({ ok: true, items: [] });
  });

  it('cannot be beaten by many guesses sent at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => unlock(kiosk, 'anna', String(100000 + i))),
    );
    const codes = answers.map((a) => (a.ok ? 'ok' : a.code));
    expect(codes.filter((c) => c === 'wrong_pin')).toHaveLength(4);
    expect(codes.filter((c) => c === 'locked')).toHaveLength(16);
    expect(await unlock(kiosk, 'anna', PIN)).toMatchObject({ code: 'locked' });
  });

  it('says no_pin for a resident without a PIN', async () => {
    expect(await unlock(kiosk, 'bo', '1234')).toMatchObject({ ok: false, code: 'no_pin' });
  });

  it('gives the same not_found for an unknown resident and one hidden from the wall', async () => {
    const unknown = await unlock(kiosk, 'nobody', PIN);
    const hidden = await unlock(kiosk, 'carl', PIN);
    expect(unknown).toMatchObject({ ok: false, code: 'not_found' });
    expect(hidden).toEqual(unknown);
    // Staff see every resident, with or without wall consent.
    expect(await unlock(await t.staff(), 'carl', PIN)).toEqual({ ok: true, items: [] });
  });

  it('is forbidden to relatives, even for their own resident', async () => {
    const relative = await t.connect(await t.userToken('relative', ['anna']));
    expect(await unlock(relative, 'anna', PIN)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('answers malformed requests invalid and keeps serving', async () => {
    const MB = 'x'.repeat(1024 * 1024);
    const bad: unknown[][] = [
      [{ residentId: 42, pin: PIN }],
      [{ residentId: 'anna', pin: 482915 }],
      [{ residentId: 'anna' }],
      [{ pin: PIN }],
      [{}],
      [{ residentId: 'anna', pin: PIN, extra: true }],
      [{ residentId: MB, pin: PIN }],
      [{ residentId: 'anna', pin: MB }],
      [{ residentId: 'anna', pin: '12a4' }],
      [{ residentId: 'anna', pin: '123' }],
      [{ residentId: 'anna', pin: '123456789' }],
      [{ residentId: 'anna', pin: ' 1234' }],
      [{ residentId: '', pin: PIN }],
      [null],
      ['anna'],
      [[]],
      [],
      [{ residentId: 'anna', pin: PIN }, 'extra'],
    ];
    for (const args of bad) {
      const answer = await rawEmitWithAck(kiosk, 'resident.unlock', args);
      expect(answer, JSON.stringify(args).slice(0, 80)).toMatchObject({
        ok: false,
        code: 'invalid',
        message: expect.any(String) as string,
      });
    }
    // None of that counted as a wrong PIN, and the server still answers everyone.
    expect(await unlock(kiosk, 'anna', PIN)).toEqual({ ok: true, items: [] });
    expect(await pull(await t.staff(), 0)).toMatchObject({ more: false });
  });

  it('never logs the PIN', async () => {
    await unlock(kiosk, 'anna', PIN);
    await unlock(kiosk, 'anna', '907318');
    await rawEmitWithAck(kiosk, 'resident.unlock', [{ residentId: 'anna', pin: '5555x' }]);
    expect(log.find(/resident unlocked/)).toHaveLength(1);
    const logged = log.lines.map(({ time: _t, pid: _p, hostname: _h, ...rest }) =>
      JSON.stringify(rest),
    );
    for (const line of logged) {
      expect(line).not.toContain(PIN);
      expect(line).not.toContain('907318');
      expect(line).not.toContain('5555x');
    }
  });
});

describe('SyncEngine.unlockResident', () => {
  it('asks the server when online and answers offline at once without a connection', async () => {
    const engine = new SyncEngine({
      url: t.url,
      token: await t.kioskToken('Engine'),
      db: new CacheDb(`pin-unlock-${Date.now()}`),
      ackTimeoutMs: 5000,
      // Slow reconnects, so the kiosk stays offline once the server drops it below.
      backoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    try {
      expect(await engine.unlockResident('anna', PIN)).toMatchObject({ code: 'offline' });
      await engine.start();
      await expect.poll(() => engine.getStatus().state, { timeout: 10_000 }).toBe('online');
      expect(await engine.unlockResident('anna', PIN)).toEqual({ ok: true, items: [] });
      expect(await engine.unlockResident('anna', '0000')).toMatchObject({ code: 'wrong_pin' });

      t.server.io.of('/sync').disconnectSockets(true);
      await expect.poll(() => engine.getStatus().state, { timeout: 10_000 }).toBe('offline');
      const started = Date.now();
      expect(await engine.unlockResident('anna', PIN)).toEqual({
        ok: false,
        code: 'offline',
        message: expect.any(String) as string,
      });
      expect(Date.now() - started).toBeLessThan(100);
    } finally {
      await engine.stop();
      engine.db.close();
    }
    expect(await engine.unlockResident('anna', PIN)).toMatchObject({ code: 'offline' });
  });
});
