/**
 * `npm run bench` (or `npx tsx tests/bench/run.ts [--only name[,name]]`): runs the benchmarks one
 * after another, each within its own time budget, over loopback only. Prints what it MEASURED
 * beside the machine it ran on, and writes everything as JSON to bench-results/<timestamp>.json
 * and bench-results/latest.json. It asserts nothing: a failed or timed-out bench is reported as
 * such and the others still run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { burst } from './burst.js';
import { catchUp } from './catch-up.js';
import {
  machineInfo,
  round,
  type Bench,
  type BenchContext,
  type BenchResult,
  type Json,
} from './common.js';
import { fanOut, fanOutPg } from './fan-out.js';
import { flood } from './flood.js';
import { kioskUi } from './kiosk-ui.js';
import { memory, memoryPg } from './memory.js';
import { mutations, mutationsPg } from './mutations.js';
import { peer } from './peer/peer.js';
import { summaryLines } from './summary.js';

// Each PostgreSQL bench right after its SQLite one (they skip themselves without PostgreSQL).
const benches: Bench[] = [
  catchUp,
  fanOut,
  fanOutPg,
  mutations,
  mutationsPg,
  flood,
  memory,
  memoryPg,
  kioskUi,
  burst,
];

const RESULTS_DIR = 'bench-results';

async function runOne(bench: Bench): Promise<BenchResult> {
  const cleanups: (() => unknown)[] = [];
  let expired = false;
  const measured: BenchResult = {};
  const ctx: BenchContext = {
    defer: (fn) => cleanups.push(fn),
    get expired() {
      return expired;
    },
    result: measured,
  };
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let result: BenchResult;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        reject(new Error(`time budget of ${bench.budgetMs / 1000} s spent`));
      }, bench.budgetMs);
    });
    await Promise.race([bench.run(ctx), timeout]);
    result = { ok: true, ...measured };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.log(`  FAILED: ${message}`);
    result = { ok: false, error: message, ...measured };
  } finally {
    clearTimeout(timer);
    expired = true;
    for (const fn of cleanups.reverse()) {
      try {
        await Promise.race([fn(), new Promise((r) => setTimeout(r, 5000))]);
      } catch (err) {
        console.log(`  (clean-up failed: ${err instanceof Error ? err.message : String(err)})`);
      }
    }
  }
  result.durationS = round((performance.now() - t0) / 1000, 1);
  return result;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      // The side-by-side comparison with RxDB (a few minutes): run alone, or beside --only's.
      peer: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const names = benches.map((b) => b.name);
  if (values.help) {
    console.log(`usage: tsx tests/bench/run.ts [--only ${names.join('|')}]... [--peer]\n`);
    for (const b of benches) console.log(`  ${b.name.padEnd(12)} ${b.description}`);
    console.log(`  --peer       ${peer.description}`);
    return 0;
  }
  const only = (values.only ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    console.error(`unknown bench ${unknown.join(', ')}; known: ${names.join(', ')}`);
    return 2;
  }
  const selected =
    only.length > 0 ? benches.filter((b) => only.includes(b.name)) : values.peer ? [] : benches;
  if (values.peer) selected.push(peer);

  const startedAt = new Date();
  const machine = machineInfo();
  console.log('Citizen Guide benchmarks');
  console.log(
    `machine: ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, ${machine.platform}, ` +
      `${machine.totalMemoryGiB} GiB RAM (${machine.freeMemoryGiB} free), load average ${machine.loadAverage1m}`,
  );
  console.log(
    'numbers below are measured on this machine, in this run; a shared machine makes them noisy.\n',
  );

  const results: Record<string, Json> = {};
  const t0 = performance.now();
  for (const bench of selected) {
    console.log(`[${bench.name}] ${bench.description}`);
    const t = performance.now();
    results[bench.name] = await runOne(bench);
    console.log(`  (${round((performance.now() - t) / 1000, 1)} s)\n`);
  }
  const totalS = round((performance.now() - t0) / 1000, 1);
  const machineAfter = machineInfo();

  const report = {
    startedAt: startedAt.toISOString(),
    totalS,
    machine,
    loadAverage1mAtEnd: machineAfter.loadAverage1m,
    benches: results,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `${stamp}.json`);
  const json = JSON.stringify(report, null, 2) + '\n';
  writeFileSync(file, json);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  for (const line of summaryLines(results)) console.log(line);
  const failed = selected
    .filter((b) => (results[b.name] as BenchResult).ok !== true)
    .map((b) => b.name);
  console.log(
    `total ${totalS} s; load average ${machineAfter.loadAverage1m} at the end; results in ${file} and ${RESULTS_DIR}/latest.json`,
  );
  if (failed.length > 0) console.log(`did not complete: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
