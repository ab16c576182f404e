/**
 * A WebSocket client written by hand on a TCP socket, as a hostile peer might be: it does the
 * Engine.IO handshake and the `/sync` CONNECT, then writes whatever frames it is told to and
 * never answers anything, not even the server's close frame (a real WebSocket library answers
 * that at once, which is why this cannot be socket.io-client).
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { PROTOCOL_VERSION, SYNC_NAMESPACE } from '../../src/protocol/index.js';

export interface RawWebSocket {
  /** Writes text frames; resolves when the kernel has taken them (false: the socket is gone). */
  send(texts: readonly string[]): Promise<boolean>;
  /** Resolves when the server has closed the TCP connection. */
  closed: Promise<void>;
  /** Closed, or a write failed because the server reset the connection. */
  isClosed(): boolean;
  destroy(): void;
}

/** One masked text frame (clients must mask, RFC 6455 5.3). */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i & 3] ?? 0);
  const n = payload.length;
  if (n > 0xffff) throw new Error('frame too long for this helper');
  const header =
    n < 126 ? Buffer.from([0x81, 0x80 | n]) : Buffer.from([0x81, 0x80 | 126, n >> 8, n & 0xff]);
  return Buffer.concat([header, mask, payload]);
}

/** Connects to `/sync` with `token` and resolves once `welcome` has arrived. */
export function openRawWebSocket(url: string, token: string): Promise<RawWebSocket> {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  let closed = false;
  const closedP = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  socket.on('error', () => undefined); // a reset by the server shows as `closed`
  const ws: RawWebSocket = {
    send: (texts) =>
      new Promise((resolve) => {
        if (closed) return resolve(false);
        socket.write(Buffer.concat(texts.map(frame)), (err) => {
          // A write after the server's reset fails before 'close' is emitted.
          if (err) closed = true;
          resolve(!err);
        });
      }),
    closed: closedP,
    isClosed: () => closed,
    destroy: () => socket.destroy(),
  };
  return new Promise((resolve, reject) => {
    let seen = '';
    socket.once('connect', () => {
      socket.write(
        `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
          `Upgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    const onData = (d: Buffer): void => {
      const before = seen;
      seen += d.toString('latin1');
      if (!before.includes('0{"sid"') && seen.includes('0{"sid"'))
        socket.write(
          frame(`40${SYNC_NAMESPACE},${JSON.stringify({ token, protocol: PROTOCOL_VERSION })}`),
        );
      if (seen.includes('"welcome"')) {
        socket.off('data', onData);
        socket.resume(); // read and drop the rest, as a flooder that ignores answers
        resolve(ws);
      } else if (seen.includes(`44${SYNC_NAMESPACE}`)) {
        socket.destroy();
        reject(new Error(`connect refused: ${seen.slice(seen.indexOf('44'))}`));
      }
    };
    socket.on('data', onData);
    void closedP.then(() => reject(new Error('closed before welcome')));
  });
}
