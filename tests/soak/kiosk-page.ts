/**
 * The soak's kiosk: Debian's Chromium with a persistent profile (IndexedDB on disk, as on a
 * wall screen), in Copenhagen's time zone, with Playwright's clock installed before the page
 * loads, enrolled through the real `#enrol=CODE` flow over the soak's network.
 *
 * The clock: after `clock.install` the page's timers and `performance.now()` run at real speed
 * and the soak moves the date with `clock.setSystemTime`, which fires no timer (Playwright's own
 * advice for a time shift). `runFor`/`fastForward` would fire socket.io's heartbeat timer: the
 * server's pings come in real time, so an hour run in a few seconds is an hour without a ping, and
 * the client drops a healthy connection. (socket.io-client also compares `Date.now()` with the
 * ping deadline before each emit: a kiosk that emits long after a jump reconnects once; the
 * kiosk emits nothing while it only receives pushes, and the soak counts its reconnects.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';

export const TIME_ZONE = 'Europe/Copenhagen';

export interface SoakKiosk {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  /** Uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

export async function openSoakKiosk(opts: {
  url: string;
  code: string;
  start: number;
  night: string;
}): Promise<SoakKiosk> {
  const profile = mkdtempSync(join(tmpdir(), 'cg-soak-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1080, height: 1920 },
    deviceScaleFactor: 1,
    hasTouch: true,
    locale: 'da-DK',
    timezoneId: TIME_ZONE,
  });
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    await context.clock.install({ time: opts.start });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${opts.url}/kiosk/?night=${opts.night}#enrol=${opts.code}`);
    // Enrolled and drawn from the cache: Home, or the night screen in the night hours.
    await page
      .getByRole('button', { name: 'Hjem', exact: true })
      .or(page.locator('.night'))
      .first()
      .waitFor({ timeout: 30_000 });
    return { context, page, cdp, errors, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** One row of the page's own IndexedDB cache (raw IndexedDB, beside Dexie), or null. */
export function cachedRow(
  page: Page,
  store: string,
  id: string,
): Promise<Record<string, unknown> | null> {
  return page.evaluate(
    ([storeName, key]) =>
      new Promise<Record<string, unknown> | null>((done, fail) => {
        const open = indexedDB.open('citizen-guide-kiosk');
        open.onerror = () => fail(new Error('cannot open the kiosk cache'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(storeName)) {
            db.close();
            done(null);
            return;
          }
          const get = db.transaction(storeName).objectStore(storeName).get(key);
          get.onsuccess = () => {
            db.close();
            done((get.result as Record<string, unknown> | undefined) ?? null);
          };
          get.onerror = () => {
            db.close();
            fail(new Error('cannot read the kiosk cache'));
          };
        };
      }),
    [store, id] as const,
  );
}

/** What a resident sees at the top of the wall, or the night screen. */
export interface Screen {
  night: boolean;
  /** `.frame-date`, e.g. "Søndag den 28. marts" (no-break spaces as plain ones). */
  date: string | null;
  clock: string | null;
  /** The connection line's text; empty when online and up to date. */
  banner: string;
  /** Which screen the frame shows (`data-screen`). */
  screen: string | null;
}

// A string, not a function: tsx names inner functions with a helper the page does not have.
const READ_SCREEN = `(() => {
  const text = (sel) => {
    const el = document.querySelector(sel);
    return el ? (el.textContent || '').replace(/\\s+/g, ' ').trim() : null;
  };
  const night = document.querySelector('.night') !== null;
  const frame = document.querySelector('.frame');
  return {
    night,
    date: night ? null : text('.frame-date'),
    clock: text(night ? '.night-clock' : '.clock'),
    banner: text('.status-banner') || '',
    screen: frame ? frame.dataset.screen || null : null,
  };
})()`;

export function readScreen(page: Page): Promise<Screen> {
  return page.evaluate<Screen>(READ_SCREEN);
}

/** "Søndag den 28. marts" and "12.00" at `at` in the centre's zone, as Danish people write it. */
export function expectedWall(at: number): { date: string; clock: string } {
  const parts = new Intl.DateTimeFormat('da-DK', {
    timeZone: TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = part('weekday');
  return {
    date: `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)} den ${part('day')}. ${part('month')}`,
    clock: `${part('hour')}.${part('minute')}`,
  };
}
