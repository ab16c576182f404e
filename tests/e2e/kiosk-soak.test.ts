/**
 * The soak's short form (tests/soak/soak.ts; `npm run soak` is the whole day): the real server in
 * a child process and a kiosk in Chromium live through the spring-forward night of 2027 in
 * Copenhagen, Saturday 27 March 22:30 to Sunday 03:30 (a warm-up hour, then three measured ones):
 * midnight, 02:00 that is 03:00, and night hours 01:00-02:15 entered and, at the clock change,
 * left; a staff change every simulated minute; the kiosk's network cut a quarter into every hour,
 * with a staff post made while it is cut.
 *
 * Growth is checked over the three measured hours on the News screen (constant content), by the
 * issue's rule: no more than 10 % from the first measured hour to the last, for the JS heap, DOM
 * nodes and listeners alike. The same screen shows a few nodes more or less with what it shows at
 * the moment (measured 179 to 184 on a fresh clone). Listeners grew by a few here, and by about
 * one an hour in the 24-hour soak, until src/client/aborted-queries.ts: Dexie 4.4.7's cache kept
 * a live query's subscriber, with its abort listener, when the query reached the cache after the
 * live query had ended (a screen unmounted mid-query). A leak tied to anything that repeats here
 * (180 live changes, three reconnects, the clock's render every second) adds dozens to hundreds
 * and fails.
 * The heap is measured after the warm-up hour (with a tour of every screen): before it, V8's
 * compiled code alone grew it by more (heap snapshot).
 */
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium.js';
import { runSoak } from '../soak/soak.js';
import { ensureUiBuilt } from './support/ui-build.js';

/** The bound: growth from the first measured hour to the last. */
const MAX_GROWTH = 0.1;

const START = Date.UTC(2027, 2, 27, 22, 30); // 23:30 CET, Saturday; the warm-up starts at 22:30

describe.runIf(hasChromium())('the kiosk through a night (soak, short form)', () => {
  it('shows the new day after midnight and the clock change, reconnects after every drop, and does not grow', async () => {
    ensureUiBuilt();
    const report = await runSoak({
      start: START,
      hours: 3,
      warmupHours: 1,
      realMsPerHour: 2000,
      stepMs: 60_000,
      updateEveryMs: 60_000,
      night: '01:00-02:15',
      dropRealMs: 800,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const shown = [...report.warmup, ...report.samples].map((s) => s.screen);
    // Saturday before midnight, Sunday after it, the night screen at 01:30, then 03:30: the
    // clock change ended the night (02:15 never came).
    expect(shown.map((s) => [s.date, s.clock])).toEqual([
      ['Lørdag den 27. marts', '23.30'],
      ['Søndag den 28. marts', '00.30'],
      [null, '01.30'],
      ['Søndag den 28. marts', '03.30'],
    ]);
    expect(report).toMatchObject({ nightSeen: true, nightLeft: true });
    // What a resident sees at the end: the day and the time, connected, no error.
    expect(report.end.screen.date).toBe('Søndag den 28. marts');
    expect(report.end.screen.clock).toMatch(/^03\.3[01]$/);
    // The wall time this took, for the report (the test's own limit is vitest's).
    process.stdout.write(
      `short soak: ${report.wallMs} ms, growth ${JSON.stringify(report.growth)}\n`,
    );
    expect(report.end.screen.banner).toBe('');
    expect(report.end.kioskConnected).toBe(true);
    expect(report.pageErrors).toEqual([]);
    // Every drop was seen by the server, and the kiosk came back with the post made meanwhile.
    expect(report.drops).toHaveLength(3);
    for (const d of report.drops) expect(d).toMatchObject({ sawDrop: true, converged: true });
    expect(report.updates.rejected).toBe(0);
    const first = report.samples[0];
    const last = report.samples.at(-1);
    expect(last?.listeners).toBeLessThanOrEqual((first?.listeners ?? 0) * (1 + MAX_GROWTH));
    expect(last?.domNodes).toBeLessThanOrEqual((first?.domNodes ?? 0) * (1 + MAX_GROWTH));
    expect(report.growth.heapPct).toBeLessThanOrEqual(MAX_GROWTH * 100);
  }, 120_000);
});
