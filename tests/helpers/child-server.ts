/**
 * The centre server as its own process, started the way an operator starts it (the CLI's
 * `serve --data DIR --port P`), so a test can kill it with SIGKILL mid-write and start it again on
 * the same data directory and port.
 *
 * It runs `node --import tsx src/server/cli.ts …` rather than `npx tsx …`: npx and the tsx CLI
 * each add a parent process, and SIGKILL on a parent would leave the real server running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serverCommand } from './server-command.js';
import { databaseForDataDir } from './test-database.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown code runs, as in a power-cut of the process. */
  kill9(): Promise<void>;
  /** SIGTERM: the CLI closes the server and the database cleanly. */
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Every server process started, so none outlives the test run (see `killAllServers`). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Kills every server process a test started that is still running. */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export async function spawnServer(
  dataDir: string,
  port: number,
  timeoutMs = 30_000,
  extraArgs: readonly string[] = [],
  /** Resolve once the output contains this. */
  readyText = 'centre server listening',
  /** More environment for the process (e.g. DATABASE_URL for a node on PostgreSQL). */
  env: NodeJS.ProcessEnv = {},
): Promise<ChildServer> {
  // On a PostgreSQL test run the data directory's database (test-database.ts), as for a test
  // server, unless the test names one.
  const databaseUrl = env.DATABASE_URL ?? (await databaseForDataDir(dataDir));
  const child = spawn(
    process.execPath,
    [
      ...serverCommand(),
      'serve',
      '--data',
      dataDir,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      ...extraArgs,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        ...env,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitExit = (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const server: ChildServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output: () => output,
    kill9: () => waitExit('SIGKILL'),
    stop: () => waitExit('SIGTERM'),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void waitExit('SIGKILL');
      reject(new Error(`the server did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve(server);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}
