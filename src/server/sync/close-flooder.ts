/**
 * Closing a flooding socket so that it costs nothing more. `socket.disconnect(true)` alone sends
 * the DISCONNECT packet and a WebSocket close frame, then keeps reading until the peer answers
 * the close frame, up to `ws`'s 30-second close timeout: a hostile peer that ignores it keeps the
 * server parsing (and discarding) its frames all that time. So reading stops at once, and the
 * TCP connection is destroyed after `graceMs`, time enough for the DISCONNECT packet and close
 * frame to go out (writes do not wait for reads).
 *
 * The `ws` WebSocket sits in Engine.IO's websocket transport as its `socket` (not in Engine.IO's
 * types): reached here with a run-time check, so a future Engine.IO without it still gets the
 * plain disconnect (tests/integration/flood-fairness.test.ts would say so). Long-polling needs
 * nothing: Engine.IO answers a closed session's next request `400` (unknown session id).
 */
import type { Socket } from 'socket.io';

interface WsLike {
  pause(): void;
  terminate(): void;
  once(event: 'close', listener: () => void): unknown;
}

const isWs = (v: unknown): v is WsLike =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Partial<WsLike>).pause === 'function' &&
  typeof (v as Partial<WsLike>).terminate === 'function' &&
  typeof (v as Partial<WsLike>).once === 'function';

export function closeFlooder(socket: Socket, graceMs = 1000): void {
  const ws = (socket.conn.transport as unknown as { socket?: unknown }).socket;
  socket.disconnect(true);
  if (!isWs(ws)) return;
  ws.pause();
  const timer = setTimeout(() => ws.terminate(), graceMs);
  timer.unref();
  ws.once('close', () => clearTimeout(timer));
}
