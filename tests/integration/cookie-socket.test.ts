/**
 * src/protocol/README.md section 3: a person's browser page (staff, relatives) opens its `/sync`
 * socket with the HttpOnly `cg_session` cookie and `auth: { protocol: 1 }`, so the session token
 * never lives in page JavaScript. The handshake must come from the server's own pages (Origin,
 * or Sec-Fetch-Site on a same-origin polling request); kiosks keep their token in `auth`.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_NAMESPACE, type Welcome } from '../../src/protocol/index.js';
import {
  disconnected,
  pull,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let own: string;
beforeAll(async () => {
  t = await startTestServer();
  own = new URL(t.url).origin;
});
afterAll(async () => {
  await t.close();
});

const opened: SyncSocket[] = [];

/** A browser-like handshake: no token in auth, the headers a browser would send. */
function browserSocket(
  headers: Record<string, string>,
  transports: string[] = ['websocket'],
): Promise<{ socket: SyncSocket; welcome: Welcome }> {
  const socket: SyncSocket = io(t.url + SYNC_NAMESPACE, {
    auth: { protocol: 1 },
    transports,
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('welcome', (welcome) => resolve({ socket, welcome }));
    socket.once('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
      socket.disconnect();
      reject(Object.assign(new Error(err.data?.message ?? err.message), { code: err.data?.code }));
    });
  });
}

const refusal = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'connected',
    (err: { code?: string }) => err.code,
  );

afterAll(() => {
  for (const s of opened) s.disconnect();
});

describe('a socket signed in by the session cookie', () => {
  it('connects from the server’s own page, as the person, and pulls', async () => {
    const token = await t.userToken('staff');
    const { socket, welcome } = await browserSocket({ cookie: `cg_session=${token}`, origin: own });
    expect(welcome.role).toBe('staff');
    expect(await pull(socket, 0)).toMatchObject({ more: false });
  });

  it('connects over long-polling too, where Chromium sends Sec-Fetch-Site and no Origin', async () => {
    const token = await t.userToken('relative', ['r1']);
    const { welcome } = await browserSocket(
      { cookie: `cg_session=${token}`, 'sec-fetch-site': 'same-origin' },
      ['polling'],
    );
    expect(welcome.role).toBe('relative');
  });

  it('is refused from another site, or without Origin, as unauthorized', async () => {
    const cookie = `cg_session=${await t.userToken('staff')}`;
    for (const headers of [
      { cookie, origin: 'http://evil.example' },
      { cookie, origin: `${own}.evil.example` },
      { cookie, origin: 'null' },
      { cookie },
      { cookie, 'sec-fetch-site': 'cross-site' },
    ])
      expect(await refusal(browserSocket(headers)), JSON.stringify(headers)).toBe('unauthorized');
  });

  it('is refused without a cookie, with a malformed one, and with a kiosk’s device cookie', async () => {
    const kiosk = await t.kioskToken();
    for (const headers of [
      { origin: own },
      { origin: own, cookie: 'cg_session=%E0%A4%A' },
      { origin: own, cookie: 'cg_session=' },
      { origin: own, cookie: `cg_device=${kiosk}` },
    ])
      expect(await refusal(browserSocket(headers)), JSON.stringify(headers)).toBe('unauthorized');
  });

  it('ends when the session logs out (the page posts logout with its cookie)', async () => {
    const token = await t.userToken('staff');
    const cookie = `cg_session=${token}`;
    const { socket } = await browserSocket({ cookie, origin: own });
    const gone = disconnected(socket, 3000);
    const res = await fetch(`${t.url}/api/logout`, {
      method: 'POST',
      headers: { cookie, origin: own, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(await refusal(browserSocket({ cookie, origin: own }))).toBe('unauthorized');
  });
});

describe('a socket with its token in auth (kiosks, apps)', () => {
  it('still connects, whatever Origin or cookie it sends', async () => {
    const kiosk = await t.kioskToken();
    const socket = await t.connect(kiosk, {
      extraHeaders: { origin: 'http://elsewhere.example', cookie: 'cg_session=nonsense' },
    });
    expect(socket.connected).toBe(true);
    expect(await refusal(t.connect('not-a-token'))).toBe('unauthorized');
  });
});
