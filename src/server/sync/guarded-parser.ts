/**
 * socket.io's own packet decoder, with two packets it would refuse turned into ones the sync
 * code can answer. The stock decoder throws on them, and socket.io then closes the connection
 * without a word:
 *
 * - an EVENT whose name is reserved (`connect`, `disconnect`, `disconnecting`, `newListener`,
 *   `removeListener`, `connect_error`): renamed to `RESERVED_EVENT_PREFIX + name`, an unknown
 *   event, which the socket guard answers `invalid` when it has an ack;
 * - a CONNECT whose `auth` is not a JSON object (a string, an array, a number): its auth becomes
 *   `{ [NOT_AN_OBJECT]: true }`, which the handshake check answers `unauthorized`.
 *
 * Everything else (garbled JSON, unknown packet types) still closes that one connection, as the
 * protocol says. Built on socket.io-parser 4.2 (the version socket.io 4.8 uses); its decoder
 * parses JSON in `tryParse`, which TypeScript declares private, hence the prototype override.
 */
import * as parser from 'socket.io-parser';

export const RESERVED_EVENT_PREFIX = 'reserved:';

/** The key a non-object handshake `auth` is replaced by. */
export const NOT_AN_OBJECT = '__notAnObject';

const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

const isPlainObject = (v: unknown): boolean =>
  Object.prototype.toString.call(v) === '[object Object]';

interface DecoderInternals {
  decodeString(str: string): unknown;
  tryParse(str: string): unknown;
}

class GuardedDecoder extends parser.Decoder {}

const base = parser.Decoder.prototype as unknown as DecoderInternals;
/** The packet type of the string being decoded (its first character), for `tryParse`. */
let decoding: parser.PacketType | -1 = -1;

Object.assign(GuardedDecoder.prototype, {
  decodeString(this: DecoderInternals, str: string): unknown {
    decoding = Number(str.charAt(0));
    try {
      return base.decodeString.call(this, str);
    } finally {
      decoding = -1;
    }
  },
  tryParse(this: DecoderInternals, str: string): unknown {
    const payload = base.tryParse.call(this, str);
    if (decoding === parser.PacketType.CONNECT && !isPlainObject(payload))
      return { [NOT_AN_OBJECT]: true };
    if (
      (decoding === parser.PacketType.EVENT || decoding === parser.PacketType.BINARY_EVENT) &&
      Array.isArray(payload) &&
      typeof payload[0] === 'string' &&
      RESERVED.has(payload[0])
    )
      payload[0] = RESERVED_EVENT_PREFIX + payload[0];
    return payload;
  },
} satisfies DecoderInternals);

/** The `parser` option of the socket.io Server. */
export const guardedParser = {
  protocol: parser.protocol,
  PacketType: parser.PacketType,
  Encoder: parser.Encoder,
  Decoder: GuardedDecoder,
};
