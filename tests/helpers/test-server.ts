/**
 * Integration-test fixtures: a real centre server on a free port with a fresh data directory,
 * real socket.io clients, and helpers to get kiosk/staff/relative tokens through the real REST
 * flows (enrolment code → token, login → session token).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { EntityOf, EntityType } from '../../src/domain/model.js';
import {
  PROTOCOL_VERSION,
  SYNC_NAMESPACE,
  type Change,
  type ClientToServerEvents,
  type MutateResult,
  type MutationArgs,
  type MutationName,
  type PullResult,
  type Rejected,
  type ServerToClientEvents,
  type Welcome,
} from '../../src/protocol/index.js';
import { createEnrolCode, createUser } from '../../src/server/auth/accounts.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import type { Store } from '../../src/server/store/store.js';
import {
  databaseForDataDir,
  dropDatabaseOf,
  keepOnSqlite,
  openTestStore,
} from './test-database.js';

export type SyncSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  /** The running server; replaced by `restart`. */
  server: RunningServer;
  url: string;
  dataDir: string;
  /**
   * The PostgreSQL database the server uses (TEST_DATABASE_URL runs: a fresh one per test
   * server, dropped on close); undefined: SQLite in `dataDir`.
   */
  databaseUrl: string | undefined;
  /** The server's clock (a fake one when the test passed `now`). */
  now: () => Date;
  kioskToken(name?: string): Promise<string>;
  /** Enrols a kiosk through the real REST flow and returns its token and device id. */
  enrolKiosk(name?: string): Promise<{ token: string; deviceId: string }>;
  userToken(role: 'staff' | 'admin' | 'relative', residentIds?: string[]): Promise<string>;
  connect(token: string, opts?: ConnectOptions): Promise<SyncSocket>;
  /** A staff socket, made once and reused (made afresh after a restart). */
  staff(): Promise<SyncSocket>;
  /** Closes the server (clients stay as they are) and starts it again on the same port and data. */
  restart(opts?: Partial<ServerOptions>): Promise<void>;
  close(): Promise<void>;
}

/** socket.io client options a test may change, e.g. reconnection with jitter. */
export type ConnectOptions = Partial<ManagerOptions & SocketOptions>;

export const freshDataDir = (): string => mkdtempSync(join(tmpdir(), 'cg-test-'));

export async function startTestServer(opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? freshDataDir();
  const now = opts.now ?? (() => new Date());
  // On a PostgreSQL run each data directory has a database of its own (test-database.ts);
  // `databaseUrl: ''` keeps this one on SQLite, its CLI runs included.
  if (opts.databaseUrl === '') keepOnSqlite(dataDir);
  const databaseUrl = opts.store
    ? undefined
    : (opts.databaseUrl ?? (await databaseForDataDir(dataDir)));
  const start = (more: Partial<ServerOptions> = {}): Promise<RunningServer> =>
    startServer({
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      port: 0,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      uiDir: null,
      revocationPollMs: 200,
      ...opts,
      ...more,
    });
  const sockets: SyncSocket[] = [];
  let staffSocket: SyncSocket | null = null;

  const t: TestServer = {
    server: await start(),
    url: '',
    dataDir,
    databaseUrl,
    now,
    async kioskToken(name = 'Test kiosk') {
      return (await t.enrolKiosk(name)).token;
    },
    async enrolKiosk(name = 'Test kiosk') {
      // The code is made on the server's clock, so a test with a fake clock can still enrol.
      const { code } = await createEnrolCode(t.server.store.db, name, '', now());
      const res = await fetch(`${t.url}/api/devices/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      if (!res.ok) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { token: string; deviceId: string };
    },
    async userToken(role, residentIds = []) {
      const username = `${role}-${randomUUID().slice(0, 8)}`;
      const password = 'correct horse battery';
      await createUser(
        t.server.store.db,
        { username, password, displayName: username, role, residentIds },
        now(),
      );
      const res = await fetch(`${t.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async connect(token, connectOpts) {
      const socket = await connectSocket(t.url, token, PROTOCOL_VERSION, connectOpts);
      sockets.push(socket);
      return socket;
    },
    async staff() {
      staffSocket ??= await t.connect(await t.userToken('staff'));
      return staffSocket;
    },
    async restart(more = {}) {
      await t.server.close();
      staffSocket = null;
      t.server = await start({ port: t.server.port, ...more });
      t.url = t.server.url;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await t.server.close();
      // Its own data directory is gone with it, so its database goes too; a directory the
      // test gave may be opened again, and its database goes at the run's end.
      if (!opts.dataDir) await dropDatabaseOf(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  t.url = t.server.url;
  return t;
}

/** Connects and resolves on `welcome`; rejects with the `connect_error` (its `data.code`). */
export function connectSocket(
  url: string,
  token: string,
  protocol: number = PROTOCOL_VERSION,
  opts: ConnectOptions = {},
): Promise<SyncSocket> {
  const socket: SyncSocket = io(url + SYNC_NAMESPACE, {
    auth: { token, protocol },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...opts,
  });
  return new Promise((resolve, reject) => {
    const refused = (err: Error & { data?: { code?: string } }): void => {
      socket.off('welcome', welcomed);
      socket.disconnect();
      reject(Object.assign(new Error(err.message), { code: err.data?.code }));
    };
    // Only the first connection decides; later reconnect errors are the socket's own business.
    const welcomed = (_w: Welcome): void => {
      socket.off('connect_error', refused);
      resolve(socket);
    };
    socket.once('welcome', welcomed);
    socket.once('connect_error', refused);
  });
}

export async function mutate<N extends MutationName>(
  socket: SyncSocket,
  name: N,
  args: MutationArgs<N>,
  id: string = randomUUID(),
): Promise<MutateResult> {
  const res = (await socket
    .timeout(10_000)
    .emitWithAck('mutate', { id, name, args })) as MutateResult;
  return res;
}

/** Mutates and throws unless applied. */
export async function apply<N extends MutationName>(
  socket: SyncSocket,
  name: N,
  args: MutationArgs<N>,
): Promise<number> {
  const res = await mutate(socket, name, args);
  if (res.status !== 'applied') throw new Error(`${name} rejected: ${res.code} ${res.message}`);
  return res.cursor;
}

export async function pull(socket: SyncSocket, since: number, limit?: number): Promise<PullResult> {
  const res = (await socket
    .timeout(10_000)
    .emitWithAck('pull', limit === undefined ? { since } : { since, limit })) as
    PullResult | Rejected;
  if ('status' in res) throw new Error(`pull rejected: ${res.message}`);
  return res;
}

/** Pulls every page from `since`; returns the changes and the final cursor. */
export async function pullAll(
  socket: SyncSocket,
  since = 0,
  limit?: number,
): Promise<{ changes: Change[]; cursor: number; pages: number }> {
  const changes: Change[] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = await pull(socket, cursor, limit);
    pages += 1;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return { changes, cursor, pages };
  }
}

/** The latest state of each entity of a type after replaying changes. */
export function replay<T extends EntityType>(
  changes: readonly Change[],
  type: T,
): Map<string, EntityOf<T>> {
  const out = new Map<string, EntityOf<T>>();
  for (const c of changes) {
    if (c.type !== type) continue;
    if (c.op === 'del') out.delete(c.id);
    else out.set(c.id, c.data as EntityOf<T>);
  }
  return out;
}

/**
 * Emits anything at all, as a misbehaving or hostile peer would, and resolves with the server's
 * acknowledgement (rejects if none comes within `timeoutMs`).
 */
export async function rawEmitWithAck(
  socket: SyncSocket,
  event: unknown,
  args: unknown[],
  timeoutMs = 10_000,
): Promise<unknown> {
  const raw = socket as unknown as Socket;
  return (await raw.timeout(timeoutMs).emitWithAck(event as string, ...args)) as unknown;
}

/** Emits without asking for an answer. */
export function rawEmit(socket: SyncSocket, event: unknown, args: unknown[]): void {
  (socket as unknown as Socket).emit(event as string, ...args);
}

/** Resolves with the next occurrence of a server event on `socket`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: SyncSocket,
  event: E,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${event}" within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const listener = (arg: Parameters<ServerToClientEvents[E]>[0]): void => {
      clearTimeout(timer);
      resolve(arg);
    };
    socket.once(event, listener as never);
  });
}

/** Resolves with the disconnect reason when `socket` disconnects. */
export function disconnected(socket: SyncSocket, timeoutMs = 10_000): Promise<string> {
  if (socket.disconnected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`still connected after ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Connects, returns the server's `welcome`, and disconnects. */
export function welcomeOf(url: string, token: string, opts: ConnectOptions = {}): Promise<Welcome> {
  const socket: SyncSocket = io(url + SYNC_NAMESPACE, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...opts,
  });
  return new Promise((resolve, reject) => {
    socket.once('welcome', (w) => {
      socket.disconnect();
      resolve(w);
    });
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}

/**
 * The embedded SQLite store, but every query answers a turn of the event loop later, as a
 * networked database (PostgreSQL) does. With the synchronous SQLite driver a transaction runs
 * start to end without the server reading any socket; with this one, events from other clients
 * arrive and queue up while it runs, as they do in production on PostgreSQL. On a PostgreSQL
 * run it is PostgreSQL itself (a fresh database, dropped on close).
 */
export async function networkedStore(dataDir: string): Promise<Store> {
  const store = await openTestStore(dataDir);
  if (store.dialect === 'postgres') return store;
  const base = store.db;
  const db = base.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      await new Promise((resolve) => setImmediate(resolve));
      return args.result;
    },
  });
  return { db, dialect: 'sqlite', close: () => base.destroy() };
}
