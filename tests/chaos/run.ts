/**
 * `npm run chaos`: the long form of the chaos run by default (50 kiosks, 24 kills), printing its
 * counts and every violation, exiting 1 on any. Knobs: CHAOS_KIOSKS, CHAOS_OPS, CHAOS_KILLS,
 * CHAOS_SEED (replay a run's choices), CHAOS_RATE (operations per second), CHAOS_SETTLE_MS,
 * CHAOS_RESTORE=0 (no backup and restore), CHAOS_KEEP=1 (keep the data directory and backup for a look afterwards).
 * CHAOS_DATABASE_URL=postgres://… (an empty database): two server nodes on it behind a balancer,
 * killed in turn, instead of one on SQLite (no backup and restore then).
 */
import { formatReport, runChaos } from './runner.js';

function knob(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${name} must be a whole number ≥ 0, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

const report = await runChaos({
  kiosks: Math.max(1, knob('CHAOS_KIOSKS', 50)),
  ops: Math.max(1, knob('CHAOS_OPS', 3000)),
  kills: knob('CHAOS_KILLS', 24),
  seed: knob('CHAOS_SEED', Math.floor(Math.random() * 2 ** 31)),
  opsPerSecond: Math.max(1, knob('CHAOS_RATE', 15)),
  settleTimeoutMs: knob('CHAOS_SETTLE_MS', 90_000),
  restore: process.env.CHAOS_RESTORE !== '0',
  ...(process.env.CHAOS_DATABASE_URL ? { databaseUrl: process.env.CHAOS_DATABASE_URL } : {}),
  log: (line) => console.log(line),
});
for (const line of formatReport(report)) console.log(line);
process.exit(report.violations.length === 0 ? 0 : 1);
