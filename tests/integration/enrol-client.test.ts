import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolDevice } from '../../src/client/index.js';
import { createEnrolCode } from '../../src/server/auth/accounts.js';
import { connectSocket, startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe('enrolDevice', () => {
  it('exchanges a fresh code for a token that connects, and the code works only once', async () => {
    const { code, deviceId } = await createEnrolCode(t.server.store.db, 'Stuen');
    const first = await enrolDevice(t.url, code);
    expect(first).toMatchObject({ ok: true, deviceId, name: 'Stuen' });
    if (!first.ok) return;
    const socket = await connectSocket(t.url, first.token);
    socket.disconnect();
    expect(await enrolDevice(t.url, code)).toMatchObject({ ok: false, error: 'code_used' });
  });

  it('tells an unknown code and an unreachable server apart', async () => {
    expect(await enrolDevice(t.url, 'AAAAA-BBBBB')).toMatchObject({
      ok: false,
      error: 'code_unknown',
    });
    expect(await enrolDevice('http://127.0.0.1:1', 'AAAAA-BBBBB')).toEqual({
      ok: false,
      error: 'network',
      message: '',
    });
  });
});
