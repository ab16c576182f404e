/**
 * The `/sync` namespace: handshake authentication, the client events (`pull`, `mutate`,
 * `resident.unlock`),
 * a guard that answers malformed, unknown and oversize events with `invalid`, rooms per view for
 * pushes, and disconnecting revoked kiosks and expired sessions.
 */
import type { IncomingMessage } from 'node:http';
import type { Namespace, Server, Socket } from 'socket.io';
import {
  MAX_EVENT_BYTES,
  PROTOCOL_VERSION,
  PULL_DEFAULT_LIMIT,
  PullRequest,
  SYNC_NAMESPACE,
  findForbiddenKey,
  jsonBytes,
  rejected,
  retryLater,
  unlockFailed,
  type ClientToServerEvents,
  type ConnectErrorCode,
  type MutateResult,
  type ServerToClientEvents,
} from '../../protocol/index.js';
import {
  authenticate,
  authenticateHashes,
  isStaff,
  principalKey,
  sameRights,
  tokenHashOf,
  type Principal,
} from '../auth/principal.js';
import { hashToken } from '../auth/tokens.js';
import { handshakeToken } from '../http/credentials.js';
import { readHead } from '../store/store.js';
import { viewKey } from './view-key.js';
import type { Logger } from '../logger.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import type { Store } from '../store/store.js';
import {
  DEFAULT_COOL_OFF_MS,
  EventBudget,
  FloodCoolOff,
  type EventBudgets,
} from './event-budget.js';
import { closeFlooder } from './close-flooder.js';
import { RESERVED_EVENT_PREFIX } from './guarded-parser.js';
import { INTERNAL_RETRY_MS, type MutationService } from './mutate.js';
import { pullChanges } from './pull.js';
import type { PushTarget, Room } from './publisher.js';
import type { UnlockService } from './unlock.js';
import { viewerOf, viewerRoom, type Viewer, type VisibilityFacts } from './visibility.js';

interface SocketData {
  principal: Principal;
  viewer: Viewer;
  room: string;
  /** The change-log head when the socket connected, for `welcome`. */
  head: number;
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
  'kiosk.health': (message) => ({ status: 'rejected', code: 'invalid', message }),
};
const isKnownEvent = (e: unknown): e is keyof ClientToServerEvents =>
  typeof e === 'string' && Object.hasOwn(INVALID_ANSWER, e);

/** Over its event budget: retryable, in each event's own ack shape (not final, not recorded). */
const RATE_LIMITED_ANSWER: Record<keyof ClientToServerEvents, (ms: number) => unknown> = {
  pull: (ms) => retryLater('rate_limited', 'Too many events; wait and send it again.', ms),
  mutate: (ms) => retryLater('rate_limited', 'Too many events; wait and send it again.', ms),
  'resident.unlock': (ms) =>
    unlockFailed('rate_limited', 'Too many events; wait and try again.', Math.ceil(ms / 1000)),
  'kiosk.health': () => ({
    status: 'rejected',
    code: 'rate_limited',
    message: 'Too many events; wait and send it again.',
  }),
};

/** A reserved name arrives renamed by the guarded parser; say it as the client sent it. */
const eventName = (e: unknown): string =>
  typeof e === 'string' && e.startsWith(RESERVED_EVENT_PREFIX)
    ? e.slice(RESERVED_EVENT_PREFIX.length)
    : String(e);

function connectError(
  code: ConnectErrorCode,
  message: string,
  more: { retryAfterMs?: number } = {},
): Error {
  const err = new Error(message) as Error & { data: { code: string; message: string } };
  err.data = { code, message, ...more };
  return err;
}

/** The `name` a mutate payload claims (checked against the catalogue by the metrics). */
const nameOf = (payload: unknown): unknown =>
  typeof payload === 'object' && payload !== null
    ? (payload as { name?: unknown }).name
    : undefined;

/** Is the JSON of an event's arguments over the limit, counted in UTF-8 bytes as documented? */
function tooBig(args: unknown[]): boolean {
  return jsonBytes(args.filter((a) => typeof a !== 'function')) > MAX_EVENT_BYTES;
}

export interface SyncDeps {
  io: Server;
  store: Store;
  logger: Logger;
  mutations: MutationService;
  unlock: UnlockService;
  facts: () => VisibilityFacts;
  /** The database identity (store/identity.ts), in `welcome` and in every view key. */
  identity: () => string;
  now: () => Date;
  centreId: () => string;
  /** Events per connection (a token bucket) by role; null turns the limit off. */
  eventBudget: EventBudgets | null;
  /**
   * A token was closed for flooding and is refused for `ms` (several nodes: told to the others,
   * which refuse it too, see `refuseFlooder`), so it cannot bring its burst to the next node.
   */
  onFlooder?: (tokenHash: string, ms: number) => void;
  /** Counts every answer to `mutate` and times pulls and mutations (GET /metrics). */
  metrics?: Pick<ServerMetrics, 'mutationAnswered' | 'pullServed'>;
  /**
   * Whether a handshake came over HTTPS (http/transport-security.ts), which names the session
   * cookie a browser page signs in with; default: never (plain HTTP names).
   */
  secureRequest?: (req: IncomingMessage) => boolean;
}

export function attachSync(deps: SyncDeps): {
  nsp: SyncNamespace;
  target: PushTarget;
  /** Refuses a token another node closed for flooding, for `ms`. */
  refuseFlooder(tokenHash: string, ms: number): void;
} {
  const { io, store, logger } = deps;
  const nsp = io.of(SYNC_NAMESPACE) as SyncNamespace;
  const rooms = new Map<string, Room>();
  const coolOff = new FloodCoolOff();

  nsp.use((socket, next) => {
    // The protocol first, before the token (README section 3): a client of another version
    // learns that it must be updated, whatever else its auth holds or lacks.
    const { protocol } = socket.handshake.auth as { protocol?: unknown };
    if (Number.isInteger(protocol) && protocol !== PROTOCOL_VERSION) {
      return next(
        connectError('protocol_mismatch', `This server speaks protocol ${PROTOCOL_VERSION}.`),
      );
    }
    // A non-object auth reaches here as { __notAnObject: true } (guarded-parser.ts). A browser
    // page of a person may send { protocol } alone: its session cookie, from its own Origin.
    const auth = handshakeToken(
      socket.handshake.auth,
      socket.request,
      deps.secureRequest?.(socket.request) ?? false,
    );
    if ('refused' in auth) return next(connectError('unauthorized', auth.refused));
    // A token just closed for flooding is refused before any database read (event-budget.ts).
    const coolingMs = coolOff.remaining(hashToken(auth.token));
    if (coolingMs > 0)
      return next(
        connectError('rate_limited', 'Too many events; connect again later.', {
          retryAfterMs: coolingMs,
        }),
      );
    Promise.all([authenticate(store.db, auth.token, deps.now()), readHead(store.db)]).then(
      ([principal, head]) => {
        if (!principal)
          return next(connectError('unauthorized', 'The token is not valid (revoked or expired).'));
        const viewer = viewerOf(principal);
        socket.data = { principal, viewer, room: viewerRoom(viewer, principal.id), head };
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
    const budgetOpts = deps.eventBudget
      ? isStaff(principal)
        ? deps.eventBudget.staff
        : deps.eventBudget.kiosk
      : null;
    const budget = budgetOpts ? new EventBudget(budgetOpts) : null;
    // A socket far past its budget is closed: answering each event `rate_limited` would still
    // cost a decode, an encode and a write, and what is left of its TCP read is then dropped
    // unread by Engine.IO. Its event gets no answer, so a real kiosk keeps it in its outbox. Its
    // token is refused for a while, or reconnecting at once would bring a fresh burst.
    const dropFlooder = (): void => {
      if (!socket.connected) return;
      const ms = budgetOpts?.coolOffMs ?? DEFAULT_COOL_OFF_MS;
      coolOff.start(tokenHashOf(principal), ms);
      deps.onFlooder?.(tokenHashOf(principal), ms);
      logger.warn(
        { who: principalKey(principal), role: principal.role, refusedForMs: ms },
        'event flood: socket far past its event budget disconnected',
      );
      closeFlooder(socket);
    };
    socket.use((packet: unknown[], next) => {
      const [event, ...args] = packet;
      const ack = args[args.length - 1];
      const reply = (r: unknown): void => {
        if (event === 'mutate') deps.metrics?.mutationAnswered(nameOf(args[0]), r as MutateResult);
        if (typeof ack === 'function') (ack as (r: unknown) => void)(r);
      };
      const answer = (message: string): void =>
        reply((isKnownEvent(event) ? INVALID_ANSWER[event] : INVALID_ANSWER.mutate)(message));
      // Every event costs a token, garbage too, before anything else is looked at: a flood is
      // answered cheaply and stores nothing, and far past its budget the socket is closed.
      const wait = budget?.take() ?? 0;
      if (budget?.flooding) return dropFlooder();
      if (wait > 0)
        return reply(
          (isKnownEvent(event) ? RATE_LIMITED_ANSWER[event] : RATE_LIMITED_ANSWER.mutate)(wait),
        );
      if (!isKnownEvent(event)) return answer(`Unknown event "${eventName(event)}".`);
      if (typeof ack !== 'function') return; // protocol v1: every client event carries an ack
      // Exactly one payload before the ack: with none or several, the handler's `ack` parameter
      // would be something else, and the answer would be lost or throw outside any promise.
      if (args.length !== 2)
        return answer(`"${event}" takes exactly one payload and an acknowledgement.`);
      if (tooBig(args)) return answer(`The payload is larger than ${MAX_EVENT_BYTES} bytes.`);
      // Strict payloads refuse unknown keys at every depth; these would touch a prototype, and
      // `__proto__` can vanish in a copy before a schema sees it, so they are refused here.
      const key = findForbiddenKey(args[0]);
      if (key !== null) return answer(`The payload may not hold the key "${key}".`);
      next();
    });

    /**
     * Is the socket's principal still allowed, with the same rights as when it connected? Checked
     * before every event (and every second for all sockets, see `sweepSockets`): a logout, an
     * expired session, a disabled user, a revoked kiosk or a relative whose residents changed
     * loses the socket at once. No answer is sent, so a mutation stays in the client's outbox.
     */
    const stillAllowed = async (): Promise<boolean> => {
      const hash = tokenHashOf(principal);
      const current = (await authenticateHashes(store.db, [hash], deps.now())).get(hash);
      if (current && sameRights(current, principal)) return true;
      logger.info({ who: principalKey(principal) }, 'right ended: socket disconnected');
      socket.disconnect(true);
      return false;
    };

    socket.on('pull', (req, ack) => {
      const parsed = PullRequest.safeParse(req);
      if (!parsed.success)
        return ack(rejected('invalid', 'pull needs { since: integer >= 0, limit?: 1..1000 }.'));
      const { since, limit } = parsed.data;
      const started = performance.now();
      stillAllowed()
        .then((allowed) => {
          if (!allowed) return;
          // One facts snapshot for the projection and the key the page carries.
          const facts = deps.facts();
          const view = viewKey(deps.identity(), viewer, facts);
          return pullChanges(
            store.db,
            since,
            limit ?? PULL_DEFAULT_LIMIT,
            viewer,
            facts,
            view,
          ).then((page) => {
            deps.metrics?.pullServed((performance.now() - started) / 1000);
            ack(page);
          });
        })
        .catch((err: unknown) => {
          logger.error({ err }, 'pull failed');
          ack(
            retryLater('internal', 'The server could not read the change log.', INTERNAL_RETRY_MS),
          );
        });
    });

    // A socket's mutations reach the writer queue in the order they arrived (an offline outbox
    // flushes a sign-up and its cancel back to back). The rights checks run at once, but on a
    // networked store (PostgreSQL) they may finish in any order, so each mutation waits for the
    // one before it to be queued (not applied) first.
    let queued: Promise<unknown> = Promise.resolve();
    socket.on('mutate', (req, ack) => {
      const started = performance.now();
      const answer = (r: MutateResult): void => {
        deps.metrics?.mutationAnswered(nameOf(req), r, (performance.now() - started) / 1000);
        ack(r);
      };
      const allowed = stillAllowed();
      // It may fail while an earlier mutation's check is still awaited (the store closing at
      // shutdown): handled here, answered below through `turn`, never an unhandled rejection.
      allowed.catch(() => undefined);
      const turn = queued.then(() => allowed);
      queued = turn.catch(() => undefined);
      turn
        .then((ok) => (ok ? deps.mutations.mutate(principal, req).then(answer) : undefined))
        .catch((err: unknown) => {
          // Never final: the kiosk keeps the mutation and sends it again (failure case 16).
          logger.error({ err }, 'mutate failed');
          answer(
            retryLater('internal', 'The server could not apply this mutation.', INTERNAL_RETRY_MS),
          );
        });
    });

    socket.on('resident.unlock', (req, ack) => {
      stillAllowed()
        .then((allowed) => (allowed ? deps.unlock(principal, req).then(ack) : undefined))
        .catch((err: unknown) => {
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
      identity: deps.identity(),
      head: socket.data.head,
    });
  });

  // This node's sockets only (`local`): with several nodes each pushes to its own sockets from
  // the change log (cluster/change-feed.ts); through the adapter every push would arrive twice.
  const target: PushTarget = {
    rooms: () => [...rooms.values()],
    emit: (name, push) => {
      nsp.local.to(name).emit('changes', push);
    },
    reset: (name, notice) => {
      nsp.local.to(name).emit('reset', notice);
    },
  };
  return { nsp, target, refuseFlooder: (hash, ms) => coolOff.start(hash, ms) };
}

/**
 * Disconnects every open socket whose right has ended (kiosk revoked, session logged out or
 * expired, user disabled) or changed (role, a relative's residents, a kiosk's houses), also when
 * the change was made by another process (the CLI) or by the passing of time. One query per kind
 * for all sockets.
 */
export async function sweepSockets(nsp: SyncNamespace, store: Store, now: Date): Promise<number> {
  const sockets = [...nsp.sockets.values()];
  const hashes = [...new Set(sockets.map((s) => tokenHashOf(s.data.principal)))];
  if (hashes.length === 0) return 0;
  const valid = await authenticateHashes(store.db, hashes, now);
  let dropped = 0;
  for (const s of sockets) {
    const current = valid.get(tokenHashOf(s.data.principal));
    if (current && sameRights(current, s.data.principal)) continue;
    s.disconnect(true);
    dropped++;
  }
  return dropped;
}

/**
 * Disconnects every socket of a principal (a revoked kiosk, a logged-out session), on every node:
 * with several nodes the adapter carries it to the others at once (each node's sweep is the
 * fallback while the adapter is down).
 */
export function disconnectPrincipal(nsp: SyncNamespace, kind: 'device' | 'user', id: string): void {
  nsp.in(`${kind}:${id}`).disconnectSockets(true);
}
