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
  const { objectsPct, nativePct: _native, ...rest } = report.growth;
  // The issue's figure is the page's JS heap, as V8 reports it (measured after a warm-up that took
  // the page through everything the day does: a kiosk runs for days). With the heap split by
  // snapshots, its JS objects are judged besides, so that compiled code levelling off cannot
  // cover the app's own objects growing. The native objects are the browser's (heapParts).
  const judged = Number.isNaN(objectsPct) ? rest : { ...rest, objectsPct };
  for (const [what, value] of Object.entries(judged))
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
