/**
 * Integration-test fixtures: a real centre server on a free port with a fresh data directory,
 * real socket.io clients, and helpers to get kiosk/staff/relative tokens through the real REST
 * flows (enrolment code → token, login → session token).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
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

export type SyncSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  kioskToken(name?: string): Promise<string>;
  userToken(role: 'staff' | 'admin' | 'relative', residentIds?: string[]): Promise<string>;
  connect(token: string): Promise<SyncSocket>;
  /** A staff socket, made once and reused. */
  staff(): Promise<SyncSocket>;
  close(): Promise<void>;
}

export const freshDataDir = (): string => mkdtempSync(join(tmpdir(), 'cg-test-'));

export async function startTestServer(opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? freshDataDir();
  const server = await startServer({
    dataDir,
    port: 0,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    uiDir: null,
    revocationPollMs: 200,
    ...opts,
  });
  const sockets: SyncSocket[] = [];
  let staffSocket: SyncSocket | null = null;

  const t: TestServer = {
    server,
    url: server.url,
    dataDir,
    async kioskToken(name = 'Test kiosk') {
      const { code } = await createEnrolCode(server.store.db, name);
      const res = await fetch(`${server.url}/api/devices/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      if (!res.ok) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async userToken(role, residentIds = []) {
      const username = `${role}-${randomUUID().slice(0, 8)}`;
      const password = 'correct horse battery';
      await createUser(server.store.db, { username, password, displayName: username, role, residentIds });
      const res = await fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async connect(token) {
      const socket = await connectSocket(server.url, token);
      sockets.push(socket);
      return socket;
    },
    async staff() {
      staffSocket ??= await t.connect(await t.userToken('staff'));
      return staffSocket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Connects and resolves on `welcome`; rejects with the `connect_error` (its `data.code`). */
export function connectSocket(url: string, token: string, protocol: number = PROTOCOL_VERSION): Promise<SyncSocket> {
  const socket: SyncSocket = io(url + SYNC_NAMESPACE, {
    auth: { token, protocol },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('welcome', (_w: Welcome) => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.disconnect();
      reject(Object.assign(new Error(err.message), { code: err.data?.code }));
    });
  });
}

export async function mutate<N extends MutationName>(
  socket: SyncSocket,
  name: N,
  args: MutationArgs<N>,
  id: string = randomUUID(),
): Promise<MutateResult> {
  return socket.timeout(10_000).emitWithAck('mutate', { id, name, args: args as Record<string, unknown> });
}

/** Mutates and throws unless applied. */
export async function apply<N extends MutationName>(socket: SyncSocket, name: N, args: MutationArgs<N>): Promise<number> {
  const res = await mutate(socket, name, args);
  if (res.status !== 'applied') throw new Error(`${name} rejected: ${res.code} ${res.message}`);
  return res.cursor;
}

export async function pull(socket: SyncSocket, since: number, limit?: number): Promise<PullResult> {
  const res: PullResult | Rejected = await socket
    .timeout(10_000)
    .emitWithAck('pull', limit === undefined ? { since } : { since, limit });
  if ('status' in res) throw new Error(`pull rejected: ${res.message}`);
  return res;
}

/** Pulls every page from `since`; returns the changes and the final cursor. */
export async function pullAll(socket: SyncSocket, since = 0, limit?: number): Promise<{ changes: Change[]; cursor: number; pages: number }> {
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
export function replay<T extends EntityType>(changes: readonly Change[], type: T): Map<string, EntityOf<T>> {
  const out = new Map<string, EntityOf<T>>();
  for (const c of changes) {
    if (c.type !== type) continue;
    if (c.op === 'del') out.delete(c.id);
    else out.set(c.id, c.data as EntityOf<T>);
  }
  return out;
}
