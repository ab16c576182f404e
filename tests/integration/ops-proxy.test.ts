/**
 * The reverse-proxy example for several nodes (src/server/ops/proxy/Caddyfile.example, README
 * "Several server nodes behind a proxy"), run as written with Debian's caddy in front of two
 * server nodes; only the ports, the certificate and the nodes' addresses come from its
 * environment placeholders. Two SQLite nodes are enough for what the proxy does (routing, the
 * upgrade, stickiness, the forwarded headers, a stopped node): a kiosk's device row is copied
 * to both, so its token works on either. PostgreSQL nodes sharing one database are
 * tests/integration/two-node*.test.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/auth/accounts.js';
import { freePort } from '../helpers/child-server.js';
import { makeTestCertificate, type TestCertificate } from '../helpers/tls.js';
import {
  connectSocket,
  pull,
  type ConnectOptions,
  type SyncSocket,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const CADDYFILE = 'src/server/ops/proxy/Caddyfile.example';
/** The client's own address: not the proxy's (127.0.0.1), so the test can tell them apart. */
const CLIENT_ADDRESS = '127.0.0.5';
const PASSWORD = 'correct horse battery';

let cert: TestCertificate;
/** The nodes running now (a test stops one); `started` all of them, for the clean-up. */
let nodes: TestServer[] = [];
let started: TestServer[] = [];
let caddy: ChildProcess | null = null;
let caddyLog = '';
let caddyHome = '';
let proxyUrl = '';
let kioskToken = '';
const sockets: SyncSocket[] = [];

/** setup.sh installs caddy; without it, say how to get it rather than skip. */
function needCaddy(): void {
  if (spawnSync('caddy', ['version']).error)
    throw new Error('caddy is missing: run `bash tests/tools/setup.sh` (Debian’s caddy).');
}

interface Answer {
  status: number;
  cookies: string[];
  body: string;
}

/** One HTTPS request to the proxy, from CLIENT_ADDRESS, trusting only the test CA. */
function viaProxy(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      proxyUrl + path,
      {
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        ca: cert.ca,
        localAddress: CLIENT_ADDRESS,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            cookies: res.headers['set-cookie'] ?? [],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${ms} ms (${String(last)})\n${caddyLog.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The node holding this client's socket, by the socket id both ends share. */
function nodeOf(socket: SyncSocket): string[] {
  return nodes
    .filter((n) => n.server.io.of('/sync').sockets.has(socket.id ?? ''))
    .map((n) => n.server.nodeId);
}

/** A kiosk connected through the proxy; `cookies` gives it a cookie jar, as a browser has. */
async function kiosk(opts: ConnectOptions & { cookies?: boolean } = {}): Promise<SyncSocket> {
  const { cookies = true, ...rest } = opts;
  const socket = await connectSocket(proxyUrl, kioskToken, undefined, {
    ca: cert.ca,
    withCredentials: cookies,
    ...rest,
  });
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  needCaddy();
  cert = makeTestCertificate(['127.0.0.1']);
  // Both nodes believe only the proxy (on this machine) about the client's address.
  nodes = [
    await startTestServer({ nodeId: 'node-a', trustProxy: '127.0.0.1' }),
    await startTestServer({ nodeId: 'node-b', trustProxy: '127.0.0.1' }),
  ];
  started = [...nodes];
  const [a, b] = nodes as [TestServer, TestServer];
  const { token, deviceId } = await a.enrolKiosk('Through the proxy');
  kioskToken = token;
  const device = await a.server.store.db
    .selectFrom('device')
    .selectAll()
    .where('id', '=', deviceId)
    .executeTakeFirstOrThrow();
  await b.server.store.db.insertInto('device').values(device).execute();
  for (const n of nodes)
    await createUser(
      n.server.store.db,
      {
        username: 'staff-p',
        password: PASSWORD,
        displayName: 'Staff',
        role: 'staff',
        residentIds: [],
      },
      new Date(),
    );

  const [https, http] = [await freePort(), await freePort()];
  proxyUrl = `https://127.0.0.1:${https}`;
  // Caddy keeps its state under HOME / XDG dirs: a throw-away one, never the machine's.
  caddyHome = mkdtempSync(join(tmpdir(), 'cg-ops-caddy-'));
  caddy = spawn('caddy', ['run', '--config', CADDYFILE, '--adapter', 'caddyfile'], {
    env: {
      ...process.env,
      HOME: caddyHome,
      XDG_DATA_HOME: join(caddyHome, 'data'),
      XDG_CONFIG_HOME: join(caddyHome, 'config'),
      CG_CADDY_ADMIN: 'off',
      CG_HTTP_PORT: String(http),
      CG_HTTPS_PORT: String(https),
      CG_SITE: '127.0.0.1',
      CG_TLS_CERT: cert.files.cert,
      CG_TLS_KEY: cert.files.key,
      CG_NODE_A: `127.0.0.1:${a.server.port}`,
      CG_NODE_B: `127.0.0.1:${b.server.port}`,
      CG_LB_SECRET: 'a-test-secret',
      CG_HEALTH_INTERVAL: '250ms',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  caddy.stdout?.on('data', (c: Buffer) => (caddyLog += c.toString()));
  caddy.stderr?.on('data', (c: Buffer) => (caddyLog += c.toString()));
  await until('caddy answers /healthz', async () =>
    (await viaProxy('/healthz')).status === 200 ? true : undefined,
  );
}, 30_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  caddy?.kill('SIGTERM');
  for (const n of started) await n.close();
  if (caddyHome) rmSync(caddyHome, { recursive: true, force: true });
  if (cert) rmSync(cert.dir, { recursive: true, force: true });
});

describe('two nodes behind the Caddy example', () => {
  it('a socket.io WebSocket through the proxy connects, pulls, and is on one node', async () => {
    const socket = await kiosk({ transports: ['websocket'] });
    expect(socket.io.engine.transport.name).toBe('websocket');
    const page = await pull(socket, 0);
    expect(page.cursor).toBeGreaterThanOrEqual(0);
    expect(nodeOf(socket)).toHaveLength(1);
  });

  it('keeps a long-polling client on one node for its whole session (the cookie)', async () => {
    const clients: SyncSocket[] = [];
    for (let i = 0; i < 6; i++) clients.push(await kiosk({ transports: ['polling'] }));
    for (let round = 0; round < 4; round++) await Promise.all(clients.map((c) => pull(c, 0)));
    for (const c of clients) {
      expect(c.connected).toBe(true);
      expect(c.io.engine.transport.name).toBe('polling');
      expect(nodeOf(c)).toHaveLength(1);
    }
    // Started on polling, upgraded to WebSocket: the upgrade reached the node holding the session.
    const upgrading = await kiosk({ transports: ['polling', 'websocket'] });
    await until('the upgrade', () =>
      upgrading.io.engine.transport.name === 'websocket' ? true : undefined,
    );
    await pull(upgrading, 0);
    expect(nodeOf(upgrading)).toHaveLength(1);
  });

  it("gives the server the client's address and https (X-Forwarded-For/Proto), never a forged one", async () => {
    const before = await Promise.all(nodes.map((n) => auditOf(n, 'login.failed')));
    // A client that claims another address is not believed: Caddy sets the header from the
    // connection, and the server takes only what the proxy it trusts saw.
    const failed = await viaProxy('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.66' },
      body: JSON.stringify({ username: 'staff-p', password: 'wrong password' }),
    });
    expect(failed.status).toBe(401);
    const after = await Promise.all(nodes.map((n) => auditOf(n, 'login.failed')));
    const fresh = after.flatMap((rows, i) => rows.slice(before[i]!.length));
    expect(fresh).toHaveLength(1);
    expect(JSON.parse(fresh[0]!.detail ?? '{}')).toMatchObject({ from: CLIENT_ADDRESS });

    // Over the proxy's HTTPS the session cookie is Secure and __Host- named.
    const ok = await viaProxy('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'staff-p', password: PASSWORD }),
    });
    expect(ok.status).toBe(200);
    const session = ok.cookies.find((c) => /session/.test(c));
    expect(session).toMatch(/^__Host-[^=]*session[^=]*=.*; Secure/i);
    const logins = (await Promise.all(nodes.map((n) => auditOf(n, 'login')))).flat();
    expect(logins.map((r) => JSON.parse(r.detail ?? '{}') as { from?: string })).toContainEqual(
      expect.objectContaining({ from: CLIENT_ADDRESS }),
    );
  });

  it("moves a stopped node's clients to the other node, and sends it no new ones", async () => {
    const clients: SyncSocket[] = [];
    for (let i = 0; i < 6; i++)
      clients.push(
        await kiosk({ transports: ['websocket'], reconnection: true, reconnectionDelay: 100 }),
      );
    const [a, b] = nodes as [TestServer, TestServer];
    // Stop whichever node holds the first client (both may hold some).
    const victim = nodeOf(clients[0]!)[0] === 'node-a' ? a : b;
    const survivor = victim === a ? b : a;
    await victim.server.close();
    // Stopped once: its clean-up (afterAll) removes only its data.
    victim.server.close = () => Promise.resolve();
    nodes = [survivor];
    for (const c of clients)
      await until('reconnected to the other node', () =>
        c.connected && nodeOf(c).length === 1 ? true : undefined,
      );
    const fresh = await kiosk({ transports: ['polling'] });
    await pull(fresh, 0);
    expect(nodeOf(fresh)).toEqual([survivor.server.nodeId]);
  });
});

async function auditOf(n: TestServer, action: string): Promise<{ detail: string | null }[]> {
  return n.server.store.db
    .selectFrom('audit')
    .select('detail')
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}
