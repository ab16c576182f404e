/**
 * The `/sync` namespace: handshake authentication, the client events (`pull`, `mutate`,
 * `resident.unlock`),
 * a guard that answers malformed, unknown and oversize events with `invalid`, rooms per view for
 * pushes, and disconnecting revoked kiosks and expired sessions.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import {
  HandshakeAuth,
  MAX_EVENT_BYTES,
  PROTOCOL_VERSION,
  PULL_DEFAULT_LIMIT,
  PullRequest,
  SYNC_NAMESPACE,
  rejected,
  unlockFailed,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../protocol/index.js';
import { authenticate, type Principal } from '../auth/principal.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { MutationService } from './mutate.js';
import { pullChanges } from './pull.js';
import type { PushTarget, Room } from './publisher.js';
import type { UnlockService } from './unlock.js';
import { viewerOf, viewerRoom, type Viewer, type VisibilityFacts } from './visibility.js';

interface SocketData {
  principal: Principal;
  viewer: Viewer;
  room: string;
}

type SyncSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type SyncNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/**
 * The client events, each with the `invalid` answer in its own ack shape, so a typed client gets
 * a result it understands even when the guard below refuses the event.
 */
const INVALID_ANSWER: Record<keyof ClientToServerEvents, (message: string) => unknown> = {
  pull: (message) => rejected('invalid', message),
  mutate: (message) => rejected('invalid', message),
  'resident.unlock': (message) => unlockFailed('invalid', message),
};
const isKnownEvent = (e: unknown): e is keyof ClientToServerEvents =>
  typeof e === 'string' && Object.hasOwn(INVALID_ANSWER, e);

function connectError(code: 'unauthorized' | 'protocol_mismatch', message: string): Error {
  const err = new Error(message) as Error & { data: { code: string; message: string } };
  err.data = { code, message };
  return err;
}

/** Serialised size of an event's arguments, stopping early once it is clearly too big. */
function tooBig(args: unknown[]): boolean {
  try {
    return JSON.stringify(args.filter((a) => typeof a !== 'function')).length > MAX_EVENT_BYTES;
  } catch {
    return true;
  }
}

export interface SyncDeps {
  io: Server;
  store: Store;
  logger: Logger;
  mutations: MutationService;
  unlock: UnlockService;
  facts: () => VisibilityFacts;
  now: () => Date;
  centreId: () => string;
}

export function attachSync(deps: SyncDeps): { nsp: SyncNamespace; target: PushTarget } {
  const { io, store, logger } = deps;
  const nsp = io.of(SYNC_NAMESPACE) as SyncNamespace;
  const rooms = new Map<string, Room>();

  nsp.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(connectError('unauthorized', 'A token is required.'));
    if (auth.data.protocol !== PROTOCOL_VERSION) {
      return next(
        connectError('protocol_mismatch', `This server speaks protocol ${PROTOCOL_VERSION}.`),
      );
    }
    authenticate(store.db, auth.data.token, deps.now()).then(
      (principal) => {
        if (!principal)
          return next(connectError('unauthorized', 'The token is not valid (revoked or expired).'));
        const viewer = viewerOf(principal);
        socket.data = { principal, viewer, room: viewerRoom(viewer, principal.id) };
        next();
      },
      (err: unknown) => {
        logger.error({ err }, 'authentication failed');
        next(connectError('unauthorized', 'Authentication failed.'));
      },
    );
  });

  nsp.on('connection', (socket: SyncSocket) => {
    const { principal, room, viewer } = socket.data;
    rooms.set(room, { name: room, viewer });
    void socket.join(room);
    void socket.join(`${principal.kind}:${principal.id}`);
    if (principal.kind === 'user') void socket.join(`session:${principal.sessionHash}`);
    logger.debug(
      { who: `${principal.kind}:${principal.id}`, role: principal.role },
      'sync connected',
    );

    // Every incoming event passes here first: unknown names and oversize payloads never reach a
    // handler, and are answered `invalid` when the sender asked for an answer.
    socket.use((packet: unknown[], next) => {
      const [event, ...args] = packet;
      const ack = args[args.length - 1];
      const answer = (message: string): void => {
        if (typeof ack !== 'function') return;
        const shape = isKnownEvent(event) ? INVALID_ANSWER[event] : INVALID_ANSWER.mutate;
        (ack as (r: unknown) => void)(shape(message));
      };
      if (!isKnownEvent(event)) return answer(`Unknown event "${String(event)}".`);
      if (typeof ack !== 'function') return; // protocol v1: every client event carries an ack
      // Exactly one payload before the ack: with none or several, the handler's `ack` parameter
      // would be something else, and the answer would be lost or throw outside any promise.
      if (args.length !== 2)
        return answer(`"${event}" takes exactly one payload and an acknowledgement.`);
      if (tooBig(args)) return answer(`The payload is larger than ${MAX_EVENT_BYTES} bytes.`);
      next();
    });

    socket.on('pull', (req, ack) => {
      const parsed = PullRequest.safeParse(req);
      if (!parsed.success)
        return ack(rejected('invalid', 'pull needs { since: integer >= 0, limit?: 1..1000 }.'));
      pullChanges(
        store.db,
        parsed.data.since,
        parsed.data.limit ?? PULL_DEFAULT_LIMIT,
        viewer,
        deps.facts(),
      ).then(ack, (err: unknown) => {
        logger.error({ err }, 'pull failed');
        ack(rejected('invalid', 'The server could not read the change log.'));
      });
    });

    socket.on('mutate', (req, ack) => {
      deps.mutations.mutate(principal, req).then(ack, (err: unknown) => {
        logger.error({ err }, 'mutate failed');
        ack(rejected('invalid', 'The server could not apply this mutation.'));
      });
    });

    socket.on('resident.unlock', (req, ack) => {
      deps.unlock(principal, req).then(ack, (err: unknown) => {
        logger.error({ err }, 'resident.unlock failed');
        ack(unlockFailed('invalid', 'The server could not check the PIN.'));
      });
    });

    socket.on('disconnect', () => {
      if ((nsp.adapter.rooms.get(room)?.size ?? 0) === 0) rooms.delete(room);
    });

    socket.emit('welcome', {
      protocol: PROTOCOL_VERSION,
      role: principal.role,
      centreId: deps.centreId(),
      serverTime: deps.now().toISOString(),
    });
  });

  const target: PushTarget = {
    rooms: () => [...rooms.values()],
    emit: (name, push) => {
      nsp.to(name).emit('changes', push);
    },
  };
  return { nsp, target };
}

/** Disconnects every socket of a principal (a revoked kiosk, a logged-out session). */
export function disconnectPrincipal(nsp: SyncNamespace, kind: 'device' | 'user', id: string): void {
  nsp.in(`${kind}:${id}`).disconnectSockets(true);
}
