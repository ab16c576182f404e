/**
 * Socket.IO packets written by hand on an open connection, as a client in another language (or
 * a hostile one) might send them, with the server's acknowledgement read back from the wire.
 */
import { SYNC_NAMESPACE } from '../../src/protocol/index.js';
import type { SyncSocket } from './test-server.js';

let nextId = 90_000; // far above the ids socket.io-client gives its own acks

/**
 * Writes `42/sync,ID<json>` (an EVENT with an ack id) and resolves with the ack's argument.
 * `json` is the event array as text, e.g. `["mutate",{"id":…}]`.
 */
export function rawEventWithAck(
  socket: SyncSocket,
  json: string,
  timeoutMs = 5000,
): Promise<unknown> {
  const id = nextId++;
  const engine = socket.io.engine;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.off('packet', onPacket);
      reject(new Error(`no ack ${id} within ${timeoutMs} ms`));
    }, timeoutMs);
    const prefix = `3${SYNC_NAMESPACE},${id}`;
    const onPacket = (packet: { type: string; data?: unknown }): void => {
      if (packet.type !== 'message' || typeof packet.data !== 'string') return;
      if (!packet.data.startsWith(prefix) || !packet.data.slice(prefix.length).startsWith('['))
        return;
      clearTimeout(timer);
      engine.off('packet', onPacket);
      resolve((JSON.parse(packet.data.slice(prefix.length)) as unknown[])[0]);
    };
    engine.on('packet', onPacket);
    engine.write(`2${SYNC_NAMESPACE},${id}${json}`);
  });
}
