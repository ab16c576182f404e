/**
 * The soak: a kiosk's day in minutes. The real server (a child process serving the built UI,
 * the demo seed) and a kiosk page in Chromium live through `hours` simulated hours on one
 * simulated clock (the server's `now`, the page's Playwright clock), in steps of `stepMs`:
 * live changes from a staff socket every `updateEveryMs` (simulated), a network drop a quarter into
 * every hour (the kiosk's connections cut and Chromium offline for `dropRealMs` of real time,
 * a staff post made meanwhile), a resident's visit to two screens every daytime hour, and the
 * night screen in the night hours. At the end of every simulated hour it samples, on the News
 * screen (see `sample`), the page's JS heap (after forced GCs), DOM nodes and JS event listeners
 * and the server's RSS. Warm-up hours before the day are lived through the same way, unmeasured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UI_DIR } from '../e2e/support/ui-build.js';
import {
  cachedRow,
  expectedWall,
  openSoakKiosk,
  readScreen,
  type Screen,
  type SoakKiosk,
} from './kiosk-page.js';
import type { Locator, Page } from 'playwright-core';
import { heapParts, samplePage, waitIdle } from './page-metrics.js';
import {
  connectStaff,
  LiveUpdates,
  OFFLINE_NEWS_ID,
  SOAK_ACTIVITIES,
  seedSoakCentre,
  type StaffSocket,
} from './soak-centre.js';
import { startNetwork, type Network } from './network.js';
import { startSoakServer, type SoakServer } from './soak-server.js';
import { formatTable, growthOf } from './soak-report.js';

export const HOUR = 3_600_000;

export interface SoakOptions {
  /** The simulated start of the day (ms since the epoch). */
  start: number;
  hours: number;
  /**
   * Simulated hours before `start`, lived through the same way, sampled but not counted in the
   * growth: V8 compiles and optimises the page's code for a while (the first hours' heap growth
   * was compiled code, by heap snapshot), which is no leak.
   */
  warmupHours?: number;
  /** Real time one simulated hour takes, besides the sampling and the drop's own length. */
  realMsPerHour: number;
  /** The same for the warm-up hours (default `realMsPerHour`): their pace is not measured. */
  warmupRealMsPerHour?: number;
  /** Simulated time per clock step. */
  stepMs: number;
  /** Simulated time between live changes. */
  updateEveryMs: number;
  /** The kiosk's night hours, as its address takes them (`22:00-06:30`, `off`). */
  night: string;
  /** How long each drop lasts, in real time. */
  dropRealMs: number;
  /** Also split the heap by a snapshot each hour (page-metrics.ts heapParts; ~2 s a sample). */
  heapSnapshots?: boolean;
  log?: (line: string) => void;
  /** Called after each hour's sample, e.g. to take a heap snapshot while looking for a leak. */
  afterSample?: (hour: number, kiosk: SoakKiosk) => Promise<void>;
  /**
   * Called at the measured moment itself (on the News screen, settled, right after the page's
   * sample), e.g. to list the page's listeners by target while looking for a leak.
   */
  atSample?: (hour: number, kiosk: SoakKiosk) => Promise<void>;
}

export interface HourSample {
  hour: number;
  /** The simulated instant of the sample. */
  at: number;
  heapBytes: number;
  /** With `heapSnapshots`: the heap without V8's compiled code, and the code (NaN without). */
  objectBytes: number;
  nativeBytes: number;
  codeBytes: number;
  domNodes: number;
  listeners: number;
  serverRss: number;
  screen: Screen;
}

export interface DropResult {
  hour: number;
  /** Real ms from the network's return to the kiosk connected and holding the offline post. */
  reconnectMs: number;
  converged: boolean;
  /** The kiosk's socket was gone on the server while cut. */
  sawDrop: boolean;
  /** Why the server saw the kiosk's socket go during this drop (socket.io's reasons). */
  reasons: Record<string, number>;
}

export interface Growth {
  heapPct: number;
  /** The heap's JS objects and its native objects (NaN without `heapSnapshots`). */
  objectsPct: number;
  nativePct: number;
  domNodesPct: number;
  listenersPct: number;
  serverRssPct: number;
}

export interface SoakReport {
  /** The warm-up hours' samples (hour 0, -1, …), not counted in the growth. */
  warmup: HourSample[];
  samples: HourSample[];
  drops: DropResult[];
  growth: Growth;
  /** What the wall showed at the end, and what it should have. */
  end: { screen: Screen; expected: { date: string; clock: string }; kioskConnected: boolean };
  nightSeen: boolean;
  nightLeft: boolean;
  updates: { sent: number; rejected: number };
  /** Times the kiosk's socket went without a drop of ours (a clock-made reconnect, a failure). */
  unplannedReconnects: number;
  /** Why the kiosk's sockets went, as the server saw it (all of the run, warm-up included). */
  disconnects: Record<string, number>;
  /** The same, for the sockets that went while no drop of ours was cutting the network. */
  disconnectsOutsideDrops: Record<string, number>;
  pageErrors: string[];
  wallMs: number;
}

const UNMEASURED = {
  heapBytes: NaN,
  objectBytes: NaN,
  nativeBytes: NaN,
  codeBytes: NaN,
  domNodes: NaN,
  listeners: NaN,
  serverRss: NaN,
};

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `ok` every 50 ms until it holds; false after `timeoutMs`. */
async function until(ok: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const t0 = performance.now();
  for (;;) {
    if (await ok()) return true;
    if (performance.now() - t0 > timeoutMs) return false;
    await pause(50);
  }
}

interface Running {
  server: SoakServer;
  net: Network;
  kiosk: SoakKiosk;
  staff: StaffSocket;
  updates: LiveUpdates;
  opts: SoakOptions;
  log: (line: string) => void;
}

/** One drop: cut, a staff post meanwhile, back, until the kiosk holds the post. */
async function drop(r: Running, hour: number): Promise<DropResult> {
  const { net, kiosk, server } = r;
  const before = { ...(await server.stats()).kioskDisconnects };
  net.cut();
  await kiosk.context.setOffline(true);
  const sawDrop = await until(async () => (await server.stats()).kiosks === 0, 10_000);
  const reasons: Record<string, number> = {};
  for (const [why, n] of Object.entries((await server.stats()).kioskDisconnects))
    if (n > (before[why] ?? 0)) reasons[why] = n - (before[why] ?? 0);
  const title = `Besked skrevet mens skærmen var uden net ${hour}`;
  await r.updates.news(OFFLINE_NEWS_ID, title);
  // The outage's length is the scenario's, not a condition to wait for.
  await pause(r.opts.dropRealMs);
  net.restore();
  await kiosk.context.setOffline(false);
  const t0 = performance.now();
  const converged = await until(async () => {
    const row = await cachedRow(kiosk.page, 'news', OFFLINE_NEWS_ID);
    return row?.['title'] === title && (await server.stats()).kiosks === 1;
  }, 30_000);
  return { hour, reconnectMs: Math.round(performance.now() - t0), converged, sawDrop, reasons };
}

/**
 * How long a tap or a screen may take in a visit. Playwright retries a tap until the button
 * holds still where it was found; just after a drop, Home is still laying out what the catch-up
 * brought, and on a machine loaded to 9 a 5 s bound ran out on one tap in a CI run (the button
 * moved, then was drawn anew). A tap that lands returns at once.
 */
const VISIT_MS = 20_000;

/** A resident looks at two screens and goes back Home (by day: at night nobody is up). */
async function visit(r: Running): Promise<void> {
  const { page } = r.kiosk;
  const nav = page.getByRole('navigation', { name: 'Gå til' });
  for (const name of ['Aktiviteter', 'Nyheder']) {
    await nav.getByRole('button', { name, exact: true }).tap({ timeout: VISIT_MS });
    await page.locator(`.frame:not([data-screen="home"])`).waitFor({ timeout: VISIT_MS });
    await page.getByRole('button', { name: 'Hjem', exact: true }).tap({ timeout: VISIT_MS });
    await nav.waitFor({ timeout: VISIT_MS });
  }
}

/** Every screen the Home navigation offers, in its order (the kiosk's Danish names). */
const ALL_SCREENS = ['Min dag', 'Mad', 'Aktiviteter', 'Book', 'Nyheder', 'Billeder', 'Personale'];

/**
 * The warm-up's tour: every screen once and back Home, so that the first measured hour finds the
 * page as a kiosk that has run for days has it (each screen's code compiled, its pictograms
 * loaded and their resource-timing entries in the browser's capped buffer), not the first use of
 * a screen counted as growth. By day only; returns the screens it could not open.
 */
async function tour(r: Running): Promise<string[]> {
  const { page } = r.kiosk;
  const nav = page.getByRole('navigation', { name: 'Gå til' });
  const missed: string[] = [];
  for (const name of ALL_SCREENS) {
    const opened = await nav
      .getByRole('button', { name, exact: true })
      .tap({ timeout: VISIT_MS })
      .then(() => page.locator(`.frame:not([data-screen="home"])`).waitFor({ timeout: VISIT_MS }))
      .then(
        () => true,
        () => false,
      );
    if (!opened) missed.push(name);
    await tapUntil(page.getByRole('button', { name: 'Hjem', exact: true }), nav);
  }
  return missed;
}

/**
 * Taps `what` until `done` shows. A touch that wakes the wall is swallowed for a moment, and the
 * night screen goes on the touch's pointerdown, so Playwright may see its target vanish mid-tap.
 */
async function tapUntil(what: Locator, done: Locator): Promise<void> {
  for (let i = 0; i < 10; i++) {
    if (await done.isVisible()) return;
    await what.tap({ timeout: 2000 }).catch(() => undefined);
    if (
      await done.waitFor({ timeout: 500 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  await done.waitFor({ timeout: 1 });
}

/** What the wall shows at `at`: its clock renders once a (real) second, so until it shows `at`. */
async function shownAt(page: Page, at: number): Promise<Screen> {
  const minute = expectedWall(at).clock;
  let shown = await readScreen(page);
  await until(async () => {
    shown = await readScreen(page);
    return shown.clock === minute;
  }, 3000);
  return shown;
}

/**
 * The hour's sample. First what the wall shows (the night screen, or the date and the clock),
 * then the measurement, always on the News screen: its content is the soak's constant set, while
 * Home's depends on the time of day (the rest of today's plan, who is on duty, and each picture
 * on it is an <img> with its own load and error listeners), so only News compares hour with hour.
 * At night the resident's touch wakes the wall first. The page must have every change so far and
 * be idle before the forced GCs.
 */
async function sample(r: Running, hour: number, at: number): Promise<HourSample> {
  const { page, cdp } = r.kiosk;
  const shown = await shownAt(page, at);
  if (shown.night) await tapUntil(page.locator('.night'), page.locator('.frame'));
  const nav = page.getByRole('navigation', { name: 'Gå til' });
  await tapUntil(
    nav.getByRole('button', { name: 'Nyheder', exact: true }),
    page.locator('.frame[data-screen="news"]'),
  );
  const title = `${SOAK_ACTIVITIES[0] ?? ''} (time ${hour})`;
  await r.updates.activity(0, title, at);
  const arrived = await until(
    async () => (await cachedRow(page, 'activity', 'soak-a-0'))?.['title'] === title,
    30_000,
  );
  if (!arrived) r.log(`hour ${hour}: the kiosk did not get the last change within 30 s`);
  await waitIdle(cdp);
  const measured = await samplePage(cdp);
  const parts = r.opts.heapSnapshots
    ? await heapParts(cdp)
    : { objectBytes: NaN, nativeBytes: NaN, codeBytes: NaN };
  await r.opts.atSample?.(hour, r.kiosk);
  const server = await r.server.stats(true);
  await tapUntil(page.getByRole('button', { name: 'Hjem', exact: true }), nav);
  return {
    hour,
    at,
    heapBytes: measured.heapBytes,
    ...parts,
    domNodes: measured.domNodes,
    listeners: measured.listeners,
    serverRss: server.rss,
    screen: shown,
  };
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? (() => undefined);
  const t0 = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'cg-soak-'));
  const cleanups: (() => unknown)[] = [() => rmSync(dataDir, { recursive: true, force: true })];
  try {
    const warmup = opts.warmupHours ?? 0;
    const begin = opts.start - warmup * HOUR;
    const centre = await seedSoakCentre(dataDir, begin);
    const server = await startSoakServer(dataDir, resolve(UI_DIR), begin);
    cleanups.push(() => server.stop());
    const net = await startNetwork(server.url);
    cleanups.push(() => net.close());
    const kiosk = await openSoakKiosk({
      url: net.url,
      code: centre.code,
      start: begin,
      night: opts.night,
    });
    cleanups.push(() => kiosk.close());
    const staff = await connectStaff(server.url, centre.staffToken);
    cleanups.push(() => staff.disconnect());
    const updates = new LiveUpdates(staff);
    const r: Running = { server, net, kiosk, staff, updates, opts, log };
    // Synced: the soak's activities are in the page's cache.
    if (
      !(await until(
        async () => (await cachedRow(kiosk.page, 'activity', 'soak-a-0')) !== null,
        30_000,
      ))
    )
      throw new Error('the kiosk never synced the centre');
    log(`kiosk enrolled and synced in ${Math.round(performance.now() - t0)} ms`);

    const samples: HourSample[] = [];
    const warmupSamples: HourSample[] = [];
    const drops: DropResult[] = [];
    let t = begin;
    let steps = 0;
    let nightSeen = false;
    let nightLeft = false;
    let nextUpdate = t + opts.updateEveryMs;
    let toured = false;
    const inDrops: Record<string, number> = {};
    for (let hour = 1 - warmup; hour <= opts.hours; hour++) {
      const perHour =
        hour > 0 ? opts.realMsPerHour : (opts.warmupRealMsPerHour ?? opts.realMsPerHour);
      const realPerStep = (perHour * opts.stepMs) / HOUR;
      const hourEnd = opts.start + hour * HOUR;
      const dropAt = hourEnd - (3 * HOUR) / 4;
      const visitAt = hourEnd - HOUR / 4;
      let dropping: Promise<DropResult> | null = null;
      let visited = false;
      while (t < hourEnd) {
        const s0 = performance.now();
        t = Math.min(hourEnd, t + opts.stepMs);
        await Promise.all([kiosk.context.clock.setSystemTime(t), server.setClock(t)]);
        while (nextUpdate <= t) {
          await updates.next(t);
          nextUpdate += opts.updateEveryMs;
        }
        // Every fifth measured step: is the night screen up? (Entered and left, whenever that
        // falls; a night in the warm-up does not count.)
        if (++steps % 5 === 0 && hour > 0) {
          const night = await kiosk.page
            .locator('.night')
            .count()
            .then((n) => n > 0);
          if (night) nightSeen = true;
          else if (nightSeen) nightLeft = true;
        }
        if (!dropping && t >= dropAt) {
          dropping = drop(r, hour);
        }
        if (!visited && t >= visitAt && dropping) {
          visited = true;
          await dropping;
          const screen = await readScreen(kiosk.page);
          if (!screen.night) {
            await visit(r);
            // Once in the warm-up, by day: every screen.
            if (hour <= 0 && !toured) {
              toured = true;
              const missed = await tour(r);
              if (missed.length > 0) log(`warm-up tour: could not open ${missed.join(', ')}`);
            }
          }
        }
        const spent = performance.now() - s0;
        // The simulated clock's pace (real ms per simulated step), not a wait for a condition.
        if (spent < realPerStep) await pause(realPerStep - spent);
      }
      const dropped = dropping ? await dropping : null;
      if (dropped)
        for (const [why, n] of Object.entries(dropped.reasons))
          inDrops[why] = (inDrops[why] ?? 0) + n;
      if (dropped && hour > 0) drops.push(dropped);
      const s0 = performance.now();
      // The warm-up's hours are lived through, not measured: only what the wall shows.
      const s =
        hour > 0
          ? await sample(r, hour, t)
          : { ...UNMEASURED, hour, at: t, screen: await shownAt(kiosk.page, t) };
      const sampleMs = Math.round(performance.now() - s0);
      (hour > 0 ? samples : warmupSamples).push(s);
      await opts.afterSample?.(hour, kiosk);
      const d = dropped;
      log(
        `${formatTable([s]).at(-1) ?? ''}` +
          (d ? `  drop: back in ${d.reconnectMs} ms${d.converged ? '' : ' NOT CONVERGED'}` : '') +
          `  (sampled in ${sampleMs} ms, at ${Math.round((performance.now() - t0) / 1000)} s)`,
      );
    }
    // The end, as a resident sees it: woken if it is night (a touch wakes the wall).
    let screen = await readScreen(kiosk.page);
    if (screen.night) {
      await kiosk.page.locator('.night').tap();
      await kiosk.page.locator('.frame').waitFor({ timeout: 5000 });
    }
    // The page's clock has flowed on in real time since the last step: this minute or the next.
    const expected = expectedWall(t);
    const next = expectedWall(t + 60_000).clock;
    await until(async () => {
      screen = await readScreen(kiosk.page);
      return screen.date !== null && (screen.clock === expected.clock || screen.clock === next);
    }, 5000);
    const stats = await server.stats();
    const kioskConnected = stats.kiosks === 1;
    return {
      warmup: warmupSamples,
      samples,
      drops,
      growth: growthOf(samples),
      end: { screen, expected, kioskConnected },
      nightSeen,
      nightLeft,
      updates: { sent: updates.sent, rejected: updates.rejected },
      // The first connection and one after each drop are ours; any other is not.
      unplannedReconnects: stats.kioskConnects - 1 - drops.length - warmup,
      disconnects: stats.kioskDisconnects,
      disconnectsOutsideDrops: Object.fromEntries(
        Object.entries(stats.kioskDisconnects)
          .map(([why, n]) => [why, n - (inDrops[why] ?? 0)] as const)
          .filter(([, n]) => n > 0),
      ),
      pageErrors: [...kiosk.errors],
      wallMs: Math.round(performance.now() - t0),
    };
  } finally {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch {
        // Clean-up goes on: one failure must not leave a browser or a server behind.
      }
    }
  }
}
