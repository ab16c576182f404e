/**
 * A municipal deployment in a test (src/server/municipal/): a fresh empty PostgreSQL database,
 * one or more nodes on it, and requests and sockets addressed by Host, as a browser at
 * `<slug>.<base domain>` sends them (the test's names resolve to nowhere; the node listens on
 * 127.0.0.1 and reads the Host header).
 */
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { rmSync } from 'node:fs';
import { createLogger } from '../../src/server/logger.js';
import {
  startMunicipalServer,
  type MunicipalOptions,
  type RunningMunicipal,
} from '../../src/server/municipal/municipal-server.js';
import { PROTOCOL_VERSION, type Welcome } from '../../src/protocol/index.js';
import { serverCommand } from './server-command.js';
import { freshEmptyDatabase } from './test-database.js';
import {
  connectSocket,
  freshDataDir,
  welcomeOf,
  type ConnectOptions,
  type SyncSocket,
} from './test-server.js';

export const BASE_DOMAIN = 'kommune.test';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
}

/** One HTTP request to `port` on 127.0.0.1 for `host`; JSON in and out where there is any. */
export function hostRequest(
  port: number,
  host: string,
  method: string,
  path: string,
  opts: { json?: unknown; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const body = opts.json === undefined ? opts.body : JSON.stringify(opts.json);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        // A connection of its own: a kept-alive one may be closed by the server (its 5 s idle
        // timeout) just as it is reused, while a spawnSync held this process (ECONNRESET).
        agent: false,
        method,
        path,
        headers: {
          host: `${host}:${port}`,
          ...(opts.json === undefined ? {} : { 'content-type': 'application/json' }),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: the text as it is
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The cookie pair (`name=value`) a Set-Cookie answer gave, for the next request. */
export function cookieOf(answer: Answer): string {
  const set = answer.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error(`no cookie in the answer (${answer.status} ${answer.text})`);
  return first.split(';')[0]!;
}

export interface Deployment {
  databaseUrl: string;
  /** The deployment's data directory (each centre's media under `centres/<slug>/`). */
  dataDir: string;
  nodes: RunningMunicipal[];
  /** Starts another node on the same database and data directory. */
  addNode(): Promise<RunningMunicipal>;
  /** A socket to centre `slug` through `node` (default the first), resolved on `welcome`. */
  connect(
    slug: string,
    token: string,
    node?: RunningMunicipal,
    opts?: ConnectOptions,
  ): Promise<SyncSocket>;
  /** The `welcome` a socket to centre `slug` gets (through the first node); then it disconnects. */
  welcome(slug: string, token: string): Promise<Welcome>;
  close(): Promise<void>;
}

export async function startDeployment(more: Partial<MunicipalOptions> = {}): Promise<Deployment> {
  const database = await freshEmptyDatabase();
  const dataDir = freshDataDir();
  const sockets: SyncSocket[] = [];
  const start = (): Promise<RunningMunicipal> =>
    startMunicipalServer({
      databaseUrl: database.url,
      dataDir,
      baseDomain: BASE_DOMAIN,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      centre: { uiDir: null, revocationPollMs: 200, headPollMs: 200 },
      ...more,
    });
  const d: Deployment = {
    databaseUrl: database.url,
    dataDir,
    nodes: [await start()],
    async addNode() {
      const node = await start();
      d.nodes.push(node);
      return node;
    },
    async connect(slug, token, node = d.nodes[0]!, opts = {}) {
      const socket = await connectSocket(`http://127.0.0.1:${node.port}`, token, PROTOCOL_VERSION, {
        extraHeaders: { host: `${slug}.${BASE_DOMAIN}:${node.port}` },
        ...opts,
      });
      sockets.push(socket);
      return socket;
    },
    welcome(slug, token) {
      const node = d.nodes[0]!;
      return welcomeOf(`http://127.0.0.1:${node.port}`, token, {
        extraHeaders: { host: `${slug}.${BASE_DOMAIN}:${node.port}` },
      });
    },
    async close() {
      for (const s of sockets) s.disconnect();
      for (const n of d.nodes) await n.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return d;
}

/** A multipart upload body as a browser's FormData makes it: the bytes and their content type. */
export async function formBody(form: FormData): Promise<{ body: Buffer; type: string }> {
  const r = new Request('http://form.invalid/', { method: 'POST', body: form });
  return { body: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type') ?? '' };
}

/** The server's command line with exactly this DATABASE_URL (none: left out), and stdin. */
export function municipalCli(
  databaseUrl: string | null,
  input: string,
  ...args: string[]
): { status: number | null; out: string } {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const r = spawnSync(process.execPath, [...serverCommand(), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    input,
    env,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
