/**
 * The soak's figures in words: the growth from the first measured hour to the last, the hourly
 * table, and what failed.
 */
import { expectedWall } from './kiosk-page.js';
import type { Growth, HourSample, SoakReport } from './soak.js';

/** The most any of the four may grow from the first hour's sample to the last's. */
export const LIMIT_PCT = 10;

export const pct = (from: number, to: number): number =>
  Math.round(((to - from) / from) * 1000) / 10;

export function growthOf(samples: readonly HourSample[]): Growth {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last)
    return {
      heapPct: NaN,
      objectsPct: NaN,
      nativePct: NaN,
      domNodesPct: NaN,
      listenersPct: NaN,
      serverRssPct: NaN,
    };
  return {
    heapPct: pct(first.heapBytes, last.heapBytes),
    objectsPct: pct(first.objectBytes, last.objectBytes),
    nativePct: pct(first.nativeBytes, last.nativeBytes),
    domNodesPct: pct(first.domNodes, last.domNodes),
    listenersPct: pct(first.listeners, last.listeners),
    serverRssPct: pct(first.serverRss, last.serverRss),
  };
}

const mib = (b: number): string => (Number.isNaN(b) ? '-' : (b / 2 ** 20).toFixed(1));
const num = (n: number): string => (Number.isNaN(n) ? '-' : String(n));

export function formatTable(samples: readonly HourSample[]): string[] {
  const rows = [
    'hour  wall clock                   screen   heap MiB (snapshot: JS, native, code)  DOM nodes  listeners  server RSS MiB',
  ];
  for (const s of samples) {
    const wall = expectedWall(s.at);
    const screen = s.screen.night ? 'night' : (s.screen.screen ?? '?');
    rows.push(
      `${String(s.hour).padStart(4)}  ${`${wall.date} ${wall.clock}`.padEnd(28)} ` +
        `${screen.padEnd(8)} ${mib(s.heapBytes).padStart(8)} ` +
        `${`(${mib(s.objectBytes)}, ${mib(s.nativeBytes)}, ${mib(s.codeBytes)})`.padEnd(30)}  ${num(s.domNodes).padStart(9)}  ` +
        `${num(s.listeners).padStart(9)}  ${mib(s.serverRss).padStart(14)}`,
    );
  }
  return rows;
}

/** What failed in `report`, in words; empty when the day went well. */
export function failures(report: SoakReport, limitPct = LIMIT_PCT): string[] {
  const out: string[] = [];
  const { heapPct, objectsPct, nativePct: _native, ...rest } = report.growth;
  // With the heap split by snapshots its JS objects count: the rest is V8 compiling and the
  // browser's own buffers (heapParts); DOM nodes and listeners are counted on their own.
  const heap = Number.isNaN(objectsPct) ? { heapPct } : { objectsPct };
  for (const [what, value] of Object.entries({ ...heap, ...rest }))
    if (!(value <= limitPct)) out.push(`${what} grew ${value} % (limit ${limitPct} %)`);
  const { screen, expected, kioskConnected } = report.end;
  if (screen.date !== expected.date)
    out.push(`the wall shows "${screen.date}", not "${expected.date}"`);
  if (!kioskConnected) out.push('the kiosk is not connected at the end');
  if (screen.banner !== '') out.push(`the connection line says "${screen.banner}"`);
  for (const d of report.drops)
    if (!d.converged) out.push(`hour ${d.hour}: no reconnect with the offline post within 30 s`);
  if (report.pageErrors.length > 0) out.push(`page errors: ${report.pageErrors.join(' | ')}`);
  return out;
}
