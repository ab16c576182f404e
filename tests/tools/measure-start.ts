/**
 * Start time and idle memory of the centre server, built against the source run through tsx:
 *
 *   npx tsx tests/tools/measure-start.ts [runs=5]
 *
 * built: `node dist/server/cli.js serve` in a production install (production-tree.ts)
 * tsx:   `tsx src/server/cli.ts serve`, as `npm run server -- serve` ran it before the build
 *
 * Each run starts on a fresh data directory (migrations included) and measures the time from
 * spawn to the "listening" log line and to the first 200 from /healthz, then the resident memory
 * of the whole process tree (tsx runs the server in a child process) after 3 s of idling.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/child-server.js';
import { makeProductionTree, ROOT } from './production-tree.js';

const runs = Number(process.argv[2] ?? 5);
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Resident memory in kB of a process and all its descendants. */
function treeRssKb(pid: number): number {
  let kb = 0;
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const c of children ? children.split(/\s+/) : []) kb += treeRssKb(Number(c));
  } catch {
    // the process ended meanwhile
  }
  return kb;
}

interface Sample {
  listenMs: number;
  healthMs: number;
  rssMb: number;
}

async function once(cmd: string, args: string[], cwd: string): Promise<Sample> {
  const data = mkdtempSync(join(tmpdir(), 'cg-measure-'));
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(cmd, [...args, 'serve', '--data', data, '--port', String(port)], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const listening = new Promise<number>((resolve) =>
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('centre server listening')) resolve(performance.now() - t0);
    }),
  );
  let healthMs = 0;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) {
        healthMs = performance.now() - t0;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const listenMs = await listening;
  await new Promise((r) => setTimeout(r, 3000));
  const rssMb = treeRssKb(child.pid ?? 0) / 1024;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  rmSync(data, { recursive: true, force: true });
  return { listenMs, healthMs, rssMb };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function measure(label: string, cmd: string, args: string[], cwd: string): Promise<void> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once(cmd, args, cwd));
  const col = (k: keyof Sample, digits: number): string =>
    `${samples.map((s) => s[k].toFixed(digits)).join(' / ')} (median ${median(samples.map((s) => s[k])).toFixed(digits)})`;
  say(`${label}`);
  say(`  to listening line, ms: ${col('listenMs', 0)}`);
  say(`  to /healthz 200, ms:   ${col('healthMs', 0)}`);
  say(`  idle RSS, MB:          ${col('rssMb', 1)}`);
}

const tree = makeProductionTree();
try {
  say(`Node ${process.version}, ${runs} runs each, fresh data directory each run`);
  await measure(
    'built: node dist/server/cli.js serve',
    process.execPath,
    ['dist/server/cli.js'],
    tree.app,
  );
  await measure(
    'tsx:   tsx src/server/cli.ts serve',
    join(ROOT, 'node_modules/.bin/tsx'),
    ['src/server/cli.ts'],
    ROOT,
  );
} finally {
  tree.remove();
}
