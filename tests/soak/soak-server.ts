/**
 * The soak's server, from the driver's side: server-child.ts forked over a data directory, the
 * built UI and a simulated start; its clock moved with `setClock`, its memory read with `stats`.
 * The child runs apart from the driver (and Chromium) so that its RSS is its own.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SoakChildReply, SoakChildRequest, SoakServerStats } from './server-child.js';

export interface SoakServer {
  url: string;
  port: number;
  setClock(at: number): Promise<void>;
  /** With `gc`, after two full GCs (for the RSS); without, cheap enough to poll. */
  stats(gc?: boolean): Promise<SoakServerStats>;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export async function startSoakServer(
  dataDir: string,
  uiDir: string,
  start: number,
): Promise<SoakServer> {
  // A DATABASE_URL of the shell must not turn the soak's SQLite server into a PostgreSQL one.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = fork(CHILD, [dataDir, uiDir, String(start)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...env, LOG_LEVEL: process.env.SOAK_SERVER_LOG_LEVEL ?? 'silent' },
  });
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  let nextId = 1;
  const waiting = new Map<number, (reply: SoakChildReply) => void>();
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (msg: SoakChildReply) => {
      if (msg.type === 'ready') resolve(msg.url);
      else if (msg.type === 'failed') reject(new Error(`soak server failed: ${msg.error}`));
      else waiting.get(msg.id)?.(msg);
    });
    void gone.then(() => reject(new Error('soak server exited before it was ready')));
  });
  const url = await within(ready, 30_000, 'soak server start').catch((err: unknown) => {
    if (!exited) child.kill('SIGKILL');
    throw err;
  });
  const request = <R extends SoakChildReply>(req: WithoutId<SoakChildRequest>): Promise<R> => {
    const id = nextId++;
    return within(
      new Promise<R>((resolve) => {
        waiting.set(id, (reply) => {
          waiting.delete(id);
          resolve(reply as R);
        });
        child.send({ ...req, id });
      }),
      15_000,
      `soak server ${req.type}`,
    );
  };
  return {
    url,
    port: Number(new URL(url).port),
    async setClock(at) {
      await request({ type: 'clock', at });
    },
    async stats(gc = false) {
      return (await request<Extract<SoakChildReply, { type: 'stats' }>>({ type: 'stats', gc }))
        .stats;
    },
    async stop() {
      if (exited) return;
      child.send({ type: 'stop', id: nextId++ } satisfies SoakChildRequest);
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (!exited) child.kill('SIGKILL');
    },
  };
}
