/**
 * `npm run soak`: a kiosk's 24-hour day, from Saturday 27 March 2027 12:00 in Copenhagen to
 * Sunday 13:00 (midnight, the spring-forward night's 02:00 → 03:00, night hours 22:00-06:30),
 * in half a minute of real time per simulated hour (`--real-seconds-per-hour N`, `--hours N`),
 * after a warm-up from Saturday 05:00 at 5 s an hour (the end of a night, a drop every hour, a
 * tour of every screen): a kiosk on a wall has run for days, and the soak measures its steady
 * state. About 16 minutes in all. Prints a line per hour, the table, the growth from the first
 * hour's sample to the last's, and exits 1 if the page's JS heap (or, by snapshot, its JS
 * objects), DOM nodes, listeners or the server's RSS grew over 10 %, or the wall did not show the
 * right day, connected, at the end, or a drop did not end with the kiosk back and holding the
 * offline post.
 */
import { parseArgs } from 'node:util';
import { ensureUiBuilt } from '../e2e/support/ui-build.js';
import { CHROMIUM, hasChromium } from '../helpers/chromium.js';
import { HOUR, runSoak } from './soak.js';
import { failures, formatTable, LIMIT_PCT } from './soak-report.js';

/** From Saturday 05:00: the last of a night, then the morning (see the header). */
const WARMUP_HOURS = 7;

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      hours: { type: 'string', default: '24' },
      'real-seconds-per-hour': { type: 'string', default: '30' },
    },
  });
  if (!hasChromium()) {
    say(`${CHROMIUM} is missing: apt-get install -y chromium`);
    return 2;
  }
  ensureUiBuilt();
  const hours = Number(values.hours);
  const realMsPerHour = Number(values['real-seconds-per-hour']) * 1000;
  // 2027-03-27 12:00 in Copenhagen (CET, UTC+1).
  const start = Date.UTC(2027, 2, 27, 11, 0);
  say(
    `soak: ${hours} simulated hours from Saturday 27 March 2027 12:00 (Europe/Copenhagen), ` +
      `${realMsPerHour / 1000} s each; night 22:00-06:30; a drop every hour`,
  );
  const report = await runSoak({
    start,
    hours,
    warmupHours: WARMUP_HOURS,
    warmupRealMsPerHour: 5000,
    heapSnapshots: true,
    realMsPerHour,
    stepMs: 30_000,
    updateEveryMs: 15_000,
    night: '22:00-06:30',
    dropRealMs: 1500,
    log: (line) => say(`  ${line}`),
  });
  say('');
  for (const row of formatTable([...report.warmup, ...report.samples])) say(row);
  say(`(hours ${1 - WARMUP_HOURS} to 0: the warm-up before the day, not counted in the growth)`);
  const g = report.growth;
  say('');
  say(
    `growth, first hour → last: JS heap ${g.heapPct} % (by snapshot: its JS objects ` +
      `${g.objectsPct} %, native objects ${g.nativePct} % (not judged), the rest compiled code), ` +
      `DOM nodes ${g.domNodesPct} %, ` +
      `listeners ${g.listenersPct} %, server RSS ${g.serverRssPct} % (limit ${LIMIT_PCT} %)`,
  );
  const back = report.drops.map((d) => d.reconnectMs).sort((a, b) => a - b);
  say(
    `drops: ${report.drops.length}, back (connected, offline post shown) in ` +
      `${back[0] ?? '-'}–${back.at(-1) ?? '-'} ms (median ${back[Math.floor(back.length / 2)] ?? '-'}); ` +
      `other reconnects: ${report.unplannedReconnects}; the server saw the kiosk go by ` +
      `${JSON.stringify(report.disconnects)}, outside our drops by ` +
      JSON.stringify(report.disconnectsOutsideDrops),
  );
  say(
    `updates: ${report.updates.sent} (${report.updates.rejected} refused); night screen ` +
      `${report.nightSeen ? 'entered' : 'NOT entered'} and ${report.nightLeft ? 'left' : 'NOT left'}`,
  );
  const { screen, expected } = report.end;
  say(
    `end (${new Date(start + hours * HOUR).toISOString()}): the wall shows "${screen.date}" ` +
      `${screen.clock} (expected "${expected.date}" ${expected.clock}), connection line ` +
      `"${screen.banner}", kiosk ${report.end.kioskConnected ? 'connected' : 'NOT connected'}`,
  );
  say(`wall time ${(report.wallMs / 1000).toFixed(0)} s`);
  const failed = failures(report);
  if (!report.nightSeen || !report.nightLeft)
    failed.push('the night screen was not entered and left');
  for (const f of failed) say(`FAIL: ${f}`);
  say(failed.length === 0 ? 'soak passed' : 'soak FAILED');
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`soak crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
