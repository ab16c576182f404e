/**
 * The SQLite and PostgreSQL figures of one run side by side (issue 13's "beside the SQLite
 * figures"), from the results the benches wrote: printed at the end of `npm run bench` when at
 * least one PostgreSQL bench ran. Reads only; a figure a bench did not reach is shown as "–".
 */
import type { Json } from './common.js';

type Obj = { [key: string]: Json };

const obj = (v: Json | undefined): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;

/**
 * `results[path[0]][path[1]]…` as text, or "–". A list on the way (one entry per node) gives
 * each entry's value, `a / b`.
 */
function at(v: Json | undefined, ...path: string[]): string {
  if (Array.isArray(v)) return v.map((x) => at(x, ...path)).join(' / ');
  const [key, ...rest] = path;
  if (key !== undefined) return at(obj(v)?.[key], ...rest);
  return typeof v === 'number' || typeof v === 'string' ? String(v) : '–';
}

export function summaryLines(results: Obj): string[] {
  const pg = ['mutations-pg', 'fan-out-pg', 'memory-pg'].filter((n) => obj(results[n]));
  if (pg.length === 0) return [];
  const skipped = pg.map((n) => obj(results[n])?.skipped).find((s) => typeof s === 'string');
  if (skipped !== undefined) return [`PostgreSQL benches skipped: ${String(skipped)}`];
  const row = (label: string, ...cells: string[]): string =>
    `  ${label.padEnd(34)}${cells.map((c) => c.padEnd(20)).join('')}`.trimEnd();
  return [
    'SQLite beside PostgreSQL (this run; "–": not measured in it):',
    row('', 'SQLite, 1 node', 'PostgreSQL, 1 node', 'PostgreSQL, 2 nodes'),
    row(
      'sign-ups/s (20 kiosks)',
      at(results, 'mutations', 'signupsPerSecond'),
      at(results, 'mutations-pg', 'nodes1', 'signupsPerSecond'),
      at(results, 'mutations-pg', 'nodes2', 'signupsPerSecond'),
    ),
    row(
      'ack latency p99, ms',
      at(results, 'mutations', 'ackLatencyMs', 'p99'),
      at(results, 'mutations-pg', 'nodes1', 'ackLatencyMs', 'p99'),
      at(results, 'mutations-pg', 'nodes2', 'ackLatencyMs', 'p99'),
    ),
    row(
      'fan-out p99, ms (kiosks)',
      `${at(results, 'fan-out', 'latencyMs', 'p99')} (${at(results, 'fan-out', 'clients')})`,
      '',
      `${at(results, 'fan-out-pg', 'latencyMs', 'p99')} (${at(results, 'fan-out-pg', 'clients')}); target < ${at(results, 'fan-out-pg', 'targetP99Ms')}`,
    ),
    row(
      'RSS per node, MiB (kiosks)',
      `${at(results, 'memory', 'connected', 'rssMiB')} (${at(results, 'memory', 'clients')})`,
      '',
      `${at(results, 'memory-pg', 'connected', 'rssMiB')} (${at(results, 'memory-pg', 'clients')} in all)`,
    ),
  ];
}
