/**
 * src/protocol/README.md, section 1: the server accepts Socket.IO's default HTTP long-polling
 * as well as WebSocket. A client that starts on polling (socket.io-client's default transports)
 * connects to /sync, pulls and mutates, and one that may only poll does too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resident } from '../helpers/fixtures.js';
import {
  apply,
  connectSocket,
  pullAll,
  replay,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('HTTP long-polling', () => {
  it.each([
    ['polling only', ['polling']],
    ['polling, then upgrade to WebSocket (the default)', ['polling', 'websocket']],
  ])('a client on %s connects to /sync, pulls and mutates', async (_, transports) => {
    const token = await t.userToken('staff');
    const socket = await connectSocket(t.url, token, 1, {
      transports,
      upgrade: transports.length > 1,
    });
    try {
      const id = `poll-${transports.length}`;
      const cursor = await apply(socket, 'resident.put', resident(id));
      expect(cursor).toBeGreaterThan(0);
      const { changes } = await pullAll(socket, 0);
      expect(replay(changes, 'resident').get(id)?.id).toBe(id);
      if (transports.length === 1) expect(socket.io.engine.transport.name).toBe('polling');
    } finally {
      socket.disconnect();
    }
  });

  it('a kiosk that only polls gets the same welcome and data', async () => {
    const token = await t.kioskToken();
    const socket = await connectSocket(t.url, token, 1, { transports: ['polling'] });
    try {
      const { cursor } = await pullAll(socket, 0);
      expect(cursor).toBeGreaterThanOrEqual(0);
    } finally {
      socket.disconnect();
    }
  });
});
