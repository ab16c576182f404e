/**
 * Everything fits the wall screen (issue 11; KIOSK-UX: swiping is never required). A walker taps
 * through every kiosk screen state on the demo centre with a long day — Home (with an "Ændret"
 * mark, and offline), My day, Activities (with a full activity and its waiting list), Meals,
 * Book, News, Staff, Photos, the idle question, a wall notice and night — at 1080×1920 and
 * 1920×1080 × text scale 1, 1.25 and 1.5, in both themes, and fails when any
 * visible element lies outside the viewport or is cut off, or anything can scroll, naming the
 * state, size, scale and element. A list longer than the screen is walked page by page through
 * its "Næste" button. One browser context per size × scale, two at a time; screenshots at scale 1
 * and 1.5 (FIT_SHOTS=all: every scale, both themes) in test-output/screenshots/fit/; the failures
 * also in test-output/fit-report.md.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../src/domain/rules/days.js';
import type { DayItem } from '../../src/domain/model.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { activity, HOUR, resource } from '../helpers/fixtures.js';
import { apply, type TestServer } from '../helpers/test-server.js';
import { LANDSCAPE, launchChromium, newKioskContext, PORTRAIT } from './support/browser.js';
import { daytimeZone, enrolCode, inHours, startKioskServer } from './support/centre.js';
import {
  describeFailures,
  measureFit,
  writeReport,
  type StateResult,
  type Unreached,
} from './support/fit.js';
import { KioskPage, turnPage } from './support/kiosk-page.js';
import { ensureUiBuilt } from './support/ui-build.js';

const SHOTS = 'test-output/screenshots/fit';
/**
 * `FIT_SHOTS=all`: a screenshot of every state at every scale in both themes (`…-hc.png`), the
 * whole set the issue asks to look at; a normal run shoots the standard theme at 1 and 1.5.
 */
const ALL_SHOTS = process.env['FIT_SHOTS'] === 'all';

/** The same state in the high-contrast theme, then back to the page's own theme. */
async function shootHighContrast(page: Page, name: string): Promise<void> {
  const own = await page.evaluate(() => {
    const root = document.documentElement;
    const was = root.dataset['theme'] ?? 'standard';
    root.dataset['theme'] = 'high-contrast';
    return was;
  });
  await page.screenshot({ path: `${SHOTS}/${name}-hc.png` });
  await page.evaluate((theme) => {
    document.documentElement.dataset['theme'] = theme;
  }, own);
}
const REPORT = 'test-output/fit-report.md';
/** The states issue 11 has still to make fit (see the end of the walk). */
const SIZES = [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const;
const SCALES = [1, 1.25, 1.5] as const;
/** A full activity with a waiting list, first in the day's list. */
const FULL = 'Udflugt til skoven';
/** A resource of ten-minute slots with Anna's booking about to begin (the start bar). */
const DRYER = 'Tørretumbler';
const OVERLAY = '.overlay';

let browser: Browser;
let t: TestServer;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  // A zone where it is daytime now: the day's meals, activities and free slots lie ahead.
  const timeZone = daytimeZone();
  await seedDemo(t.server.store.db, new Date(), { dataDir: t.dataDir, timeZone });
  await t.restart(); // the server reads wall consent when it starts
  const admin = await t.connect(await t.userToken('admin'));
  const start = inHours(1);
  await apply(
    admin,
    'activity.put',
    activity('a-fit-full', {
      title: FULL,
      pictogram: 'walk',
      place: 'Parken',
      start,
      end: new Date(Date.parse(start) + HOUR).toISOString(),
      capacity: 2,
      waitlist: true,
    }),
  );
  for (const residentId of ['r-carla', 'r-eva', 'r-frank'])
    await apply(admin, 'signup.add', { activityId: 'a-fit-full', residentId });
  // Staff change today's coffee in both houses: Home marks it "Ændret".
  const today = dayOf(new Date(), timeZone);
  for (const group of ['g-birk', 'g-eg']) {
    const item: DayItem = {
      id: `di-${group}-${today}-2`,
      residentId: null,
      groupId: group,
      date: today,
      start: '10:30',
      end: '12:00',
      title: 'Kaffe og kage',
      pictogram: 'coffee',
      changedOn: null,
    };
    await apply(admin, 'dayitem.put', item);
  }
  // Anna's dryer slot begins within ten minutes: Book shows her blue "Jeg bruger den nu" bar
  // over the slots (a booking may be started from ten minutes before it begins) for the whole
  // walk. Ten-minute slots given back after nine: the sweep cannot take it back meanwhile.
  await apply(
    admin,
    'resource.put',
    resource('res-dryer', { name: DRYER, slotMinutes: 10, releaseAfterMinutes: 9 }),
  );
  const tens = 10 * 60_000;
  const slotStart = Math.ceil((Date.now() + 1000) / tens) * tens;
  await apply(admin, 'booking.add', {
    bookingId: 'b-fit-anna-now',
    resourceId: 'res-dryer',
    residentId: 'r-anna',
    start: new Date(slotStart).toISOString(),
    end: new Date(slotStart + tens).toISOString(),
  });
  admin.disconnect();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser.close();
  await t.close();
});

interface Walk {
  results: StateResult[];
  unreached: Unreached[];
  ms: number;
}

/** A file name for a state: "Book: today's slots" is book-today-s-slots. */
const slug = (state: string): string =>
  state
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The first of `locator`'s matches that is visible, after paging to it if need be: forward, then
 * from the first page (a screen may open on the page of what was chosen last).
 */
async function reveal(page: Page, locator: Locator): Promise<Locator> {
  const shown = locator.filter({ visible: true }).first();
  // A list that has just opened may still be measuring its pages: a few tries before "Næste".
  for (let turns = 0, tries = 0; turns < 8 && tries < 15; tries++) {
    if ((await shown.count()) > 0) return shown;
    if (await turnPage(page, 'Næste')) turns++;
    else await page.waitForTimeout(100);
  }
  while (await turnPage(page, 'Forrige'));
  for (let turns = 0; turns < 8; turns++) {
    if ((await shown.count()) > 0) return shown;
    if (!(await turnPage(page, 'Næste'))) break;
  }
  // Not on any page: tap where it is (Playwright scrolls to it), as a resident could not.
  return locator.first();
}

async function walk(orientation: string, size: { width: number; height: number }, scale: number) {
  const started = Date.now();
  const w: Walk = { results: [], unreached: [], ms: 0 };
  const where = `${size.width}×${size.height}`;
  const context: BrowserContext = await newKioskContext(browser, size);
  // A state that cannot be reached fails soon; 3 s was too little on a busy machine (News).
  context.setDefaultTimeout(6000);
  // The idle timer reads Date.now: the walker moves it on for the idle question instead of
  // waiting 90 s. (Playwright's fake clock is no use here: its Date breaks @date-fns/tz's
  // TZDate, and every time on the page comes out in UTC.)
  await context.addInitScript(() => {
    const real = Date.now.bind(Date);
    let skew = 0;
    Object.defineProperty(window, 'fitSkew', { set: (ms: number) => void (skew = ms) });
    Date.now = () => real() + skew;
  });
  const page = await context.newPage();
  const kiosk = new KioskPage(page);
  const { code, deviceId } = await enrolCode(t, `Fit ${orientation} ${scale}`);
  const query = `?night=off&textScale=${scale}`;
  // Both themes are measured at every scale (a theme switch and a second scan, no new walk).
  const themes = ['standard', 'high-contrast'];
  const shoot = ALL_SHOTS || scale === 1 || scale === 1.5;
  const dialog = page.getByRole('dialog');
  const inDialog = (name: string | RegExp) =>
    dialog.getByRole('button', { name, exact: typeof name === 'string' });

  const record = async (state: string, scope?: string) => {
    const t0 = Date.now();
    w.results.push(...(await measureFit(page, { state, size: where, scale }, { scope, themes })));
    // Reach (KIOSK-UX: the lower 40 % of a portrait screen holds the sign-up buttons): every
    // card's Tilmeld / Afmeld on the page starts there (they were at 55 % with two cards a page).
    if (orientation === 'portrait' && state.startsWith('Activities') && !scope) {
      const high = await page.evaluate(() =>
        [...document.querySelectorAll('.activity-card .activity-actions button')]
          .map((b) => ({ text: (b.textContent ?? '').trim(), top: b.getBoundingClientRect().top }))
          .filter((b) => b.top < 0.6 * window.innerHeight),
      );
      if (high.length > 0)
        w.results.push({
          state,
          size: where,
          scale,
          theme: 'standard',
          offenders: high.map((b) => ({
            selector: '.activity-actions > button',
            text: b.text,
            problem: `above the lower 40 % of the screen: top at ${Math.round(b.top)} px`,
          })),
          more: 0,
        });
    }
    const t1 = Date.now();
    // Screenshots of the first page of a list only: enough to look at, and they cost time.
    if (shoot && !state.includes('(side ')) {
      await page.screenshot({ path: `${SHOTS}/${slug(state)}-${orientation}-${scale}.png` });
      if (ALL_SHOTS) await shootHighContrast(page, `${slug(state)}-${orientation}-${scale}`);
    }
    if (process.env['FIT_DEBUG'])
      process.stderr.write(`  measure ${t1 - t0} ms, screenshot ${Date.now() - t1} ms\n`);
  };
  /** Back to a known place after a state could not be reached: close dialogs, go Home. */
  const recover = async () => {
    for (let i = 0; i < 3 && (await dialog.count()) > 0; i++) {
      const back = dialog
        .getByRole('button', { name: /^(Nej|Tilbage|OK|Ja, jeg er færdig)$/ })
        .last();
      if ((await back.count()) === 0) break;
      await back.tap({ force: true, timeout: 2000 }).catch(() => undefined);
    }
    await kiosk.home.tap({ force: true, timeout: 2000 }).catch(() => undefined);
  };
  const state = async (
    name: string,
    reach: () => Promise<void>,
    opts: { scope?: string; pages?: boolean } = {},
  ): Promise<boolean> => {
    if (process.env['FIT_DEBUG'])
      process.stderr.write(`${orientation} ${scale} ${name} at ${Date.now() - started} ms\n`);
    try {
      await reach();
    } catch (err) {
      await unreachable(name, err);
      return false;
    }
    await record(name, opts.scope);
    if (opts.pages) {
      let back = 0;
      try {
        for (let p = 2; p <= 8 && (await turnPage(page, 'Næste')); p++) {
          back++;
          await record(`${name} (side ${p})`, opts.scope);
        }
        while (back-- > 0) await turnPage(page, 'Forrige');
      } catch (err) {
        await unreachable(`${name} (side ${back + 2})`, err);
      }
    }
    return true;
  };
  async function unreachable(name: string, err: unknown): Promise<void> {
    {
      // The error's first line and Playwright's call log: what it waited for, and why in vain.
      const log = (err instanceof Error ? err.message : String(err))
        // eslint-disable-next-line no-control-regex
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .map((l) => l.trim().replace(/^- /, ''))
        .filter((l) => l !== '' && l !== 'Call log:');
      const why = log.find((l) =>
        /intercepts pointer events|not visible|not enabled|outside of the viewport/.test(l),
      );
      const reason = [log[0], log[1], why].filter(Boolean).join(' / ');
      // What was on the screen instead, for whoever fixes it.
      const shown = await page
        .evaluate(() => (document.body.innerText || '').replace(/\s+/g, ' ').slice(0, 160))
        .catch(() => '');
      w.unreached.push({ state: name, size: where, scale, reason: `${reason} (screen: ${shown})` });
      await page.screenshot({
        path: `${SHOTS}/unreached-${slug(name)}-${orientation}-${scale}.png`,
      });
      await recover();
    }
  }
  const goTo = async (tile: string) => {
    await kiosk.home.tap();
    await page
      .getByRole('navigation', { name: 'Gå til' })
      .getByRole('button', { name: tile, exact: true })
      .tap();
  };

  await kiosk.open(t.url, code, query);
  await state('Home', async () => {
    await page.getByRole('navigation', { name: 'Gå til' }).waitFor();
    await kiosk.waitForText(page.locator('.now-next'), /Nu|Bagefter/);
    await page.getByText('Ændret').first().waitFor({ timeout: 15_000 });
  });

  // The picker pages itself where its faces do not fit: each of its pages is walked.
  await state(
    'My day: who',
    async () => {
      await goTo('Min dag');
      await page.getByRole('button', { name: 'Anna', exact: true }).waitFor();
    },
    { pages: true },
  );
  await state(
    'My day: Anna',
    async () => {
      await (await reveal(page, page.getByRole('button', { name: 'Anna', exact: true }))).tap();
      await page.getByRole('heading', { name: 'Annas dag' }).waitFor();
      await page.getByText('Morgenmad').first().waitFor();
    },
    { pages: true },
  );
  await state(
    'My day: PIN pad',
    async () => {
      await goTo('Min dag');
      await (await reveal(page, page.getByRole('button', { name: 'Bent', exact: true }))).tap();
      await page.getByRole('dialog', { name: 'Skriv din kode' }).waitFor();
    },
    { scope: OVERLAY },
  );
  await recover();

  const card = (title: string) => page.getByRole('article', { name: title, exact: true });
  const signUp = (title: string) =>
    card(title).getByRole('button', { name: 'Tilmeld', exact: true });
  await state(
    'Activities',
    async () => {
      await goTo('Aktiviteter');
      // A paged list holds only the page shown: the cards are found (and paged to) when tapped.
      await page.getByRole('article').first().waitFor();
    },
    { pages: true },
  );
  await state(
    'Activities: who',
    async () => {
      await (await reveal(page, signUp('Bankospil'))).tap();
      await dialog.waitFor();
    },
    { scope: OVERLAY, pages: true },
  );
  await state(
    'Activities: confirm',
    async () => {
      await (await reveal(page, inDialog(/^Anna/))).tap();
      await page.getByRole('dialog', { name: 'Vil du tilmelde dig Bankospil?' }).waitFor();
    },
    { scope: OVERLAY },
  );
  await recover();
  await state(
    'Activities: waiting list confirm',
    async () => {
      await goTo('Aktiviteter');
      await (await reveal(page, signUp(FULL))).tap();
      await (await reveal(page, inDialog(/^Anna/))).tap();
      await page.getByRole('dialog', { name: `Vil du på ventelisten til ${FULL}?` }).waitFor();
    },
    { scope: OVERLAY },
  );
  await recover();

  await state(
    'Meals',
    async () => {
      await goTo('Mad');
      await page.locator('.meal-list').waitFor();
    },
    { pages: true },
  );
  await state(
    'Meals: who',
    async () => {
      const ask = page.getByRole('button', { name: 'Skal du spise med?', exact: true });
      await (await reveal(page, ask)).tap();
      await page.getByRole('dialog', { name: 'Skal du spise med?' }).waitFor();
    },
    { scope: OVERLAY, pages: true },
  );
  await state(
    'Meals: answer',
    async () => {
      await (await reveal(page, inDialog(/^Anna/))).tap();
      await page.getByRole('dialog', { name: /^Spiser du med til/ }).waitFor();
    },
    { scope: OVERLAY },
  );
  await recover();

  await state('Book', async () => {
    await goTo('Book');
    await page.getByRole('button', { name: 'Vaskemaskine' }).first().waitFor();
  });
  const slots = page.getByRole('list', { name: 'Tider' });
  await state(
    "Book: today's slots",
    async () => {
      await page.getByRole('button', { name: 'Vaskemaskine' }).first().tap();
      await slots.waitFor();
    },
    { pages: true },
  );
  await state(
    'Book: confirm',
    async () => {
      const free = slots.getByRole('listitem').filter({ hasText: 'Ledig' }).getByRole('button');
      await (await reveal(page, free)).tap();
      await (await reveal(page, inDialog(/^Anna/))).tap();
      await page.getByRole('dialog', { name: /^Vil du booke Vaskemaskine/ }).waitFor();
    },
    { scope: OVERLAY },
  );
  await recover();
  await state('Book: in use now', async () => {
    await goTo('Book');
    await page.getByRole('button', { name: DRYER }).first().tap();
    await page.getByRole('button', { name: /Anna: Jeg bruger den nu/ }).waitFor();
  });

  await state(
    'News',
    async () => {
      await goTo('Nyheder');
      await page.locator('.news-list').waitFor();
    },
    { pages: true },
  );
  await state('News: one item', async () => {
    const open = page.getByRole('button', { name: /^(Læs|Åbn) nyheden$/ });
    await (await reveal(page, open)).tap();
    // The item opens where it is: its text is on the page (whether it fits is measured).
    await page.locator('.news-body').first().waitFor({ state: 'attached' });
  });

  await state(
    'Staff',
    async () => {
      await goTo('Personale');
      await page.locator('.roster-screen .shift-list').first().waitFor();
    },
    { pages: true },
  );

  await state('Photos', async () => {
    await goTo('Billeder');
    await page.getByRole('list', { name: 'Fotoalbum' }).waitFor();
  });
  await state('Photos: one photo', async () => {
    const open = page.getByRole('button', { name: 'Se billederne: Tur til stranden' });
    await (await reveal(page, open)).tap();
    await page.getByText('Billede 1 af 3').first().waitFor();
  });

  await state(
    'Wall notice',
    async () => {
      const staff = await t.staff();
      await apply(staff, 'wallnotice.put', {
        id: `wn-${deviceId}`,
        text: 'Bussen er forsinket. Vi kører kl. 10.30 i stedet.',
        pictogram: 'bus',
        kioskIds: [deviceId],
        until: new Date(Date.now() + HOUR).toISOString(),
      });
      await page.locator('.wall-notice').waitFor({ timeout: 15_000 });
    },
    { scope: '.wall-notice-layer' },
  );
  await page
    .getByRole('button', { name: 'Luk', exact: true })
    .tap({ timeout: 2000 })
    .catch(() => undefined);

  await state(
    'Idle question',
    async () => {
      await goTo('Aktiviteter');
      await (await reveal(page, signUp('Bankospil'))).tap();
      await (await reveal(page, inDialog(/^Anna/))).tap();
      await page.getByRole('dialog', { name: 'Vil du tilmelde dig Bankospil?' }).waitFor();
      // The default idle time is 90 s: the half-done sign-up is asked about, not closed.
      await page.evaluate(() => Object.assign(window, { fitSkew: 95_000 }));
      await page.getByRole('dialog', { name: 'Er du færdig?' }).waitFor();
    },
    { scope: '.overlay:has(.idle-question)' },
  );
  await recover();

  await state('Home: offline', async () => {
    await kiosk.home.tap();
    await context.setOffline(true);
    await kiosk.waitForText(kiosk.banner, /ikke opdateret siden/, 20_000);
  });
  await context.setOffline(false);

  await state('Night', async () => {
    await page.goto(`${t.url}/kiosk/?night=00:00-23:59&textScale=${scale}`);
    await page.getByRole('button', { name: 'Rør skærmen for at vække den.' }).waitFor();
  });

  await context.close();
  w.ms = Date.now() - started;
  return w;
}

/** Runs `tasks` at most `n` at a time (2 cores: two pages render while the server answers). */
async function pool<T>(tasks: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = [];
  let i = 0;
  const worker = async () => {
    while (i < tasks.length) {
      const k = i++;
      const task = tasks[k];
      if (task) out[k] = await task();
    }
  };
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}

describe('the fit check itself', () => {
  it('names a scroll area, a box below the screen, a box cut off by its parent, two controls one over the other and a blank band', async () => {
    const context = await newKioskContext(browser, PORTRAIT);
    const page = await context.newPage();
    // A staff list 4,151 px tall in a scroll area, as the issue found it, and two cut-off boxes.
    await page.setContent(`<body style="margin:0;overflow:hidden">
      <main class="screen" style="height:1500px;overflow-y:auto">
        <ul class="shift-list" style="height:4151px;margin:0">Ole</ul>
        <section class="glance" style="position:fixed;top:1000px;left:0;width:1080px;height:300px"><div class="fit-box"></div></section>
      </main>
      <nav class="tiles" style="position:absolute;top:1900px;height:200px">Personale</nav>
      <div class="card" style="height:100px;overflow:hidden">
        <button style="height:300px">Tilmeld</button>
      </div>
      <p style="position:fixed;top:0;width:1px;height:1px;overflow:hidden">skjult</p>
      <ul class="pager-list" style="transform:scale(0.1);width:500px">Bankospil</ul>
      <button class="start-button" style="position:fixed;top:600px;left:0;width:600px;height:100px">Jeg bruger den nu</button>
      <button class="pager-next" style="position:fixed;top:650px;left:500px;width:200px;height:100px">Næste</button>
      <button style="position:fixed;top:800px;left:0;width:100px;height:100px">Ja</button>
      <button style="position:fixed;top:800px;left:100px;width:100px;height:100px">Nej</button>
    </body>`);
    const [r] = await measureFit(page, { state: 'self-check', size: '1080×1920', scale: 1 });
    expect(
      r?.offenders.map((o) => `${o.selector} "${o.text}": ${o.problem.split(':')[0]}`),
    ).toEqual([
      'main.screen "Ole": can scroll',
      'main.screen > ul.shift-list "Ole": outside the 1080×1920 viewport',
      'nav.tiles "Personale": outside the 1080×1920 viewport',
      'div.card > button "Tilmeld": cut off by div.card',
      'ul.pager-list "Bankospil": shrunk to 10 % of its size by a transform',
      // Two buttons one over the other; two that only touch (Ja, Nej) are not named.
      'button.start-button "Jeg bruger den nu": overlaps button.pager-next "Næste" by 100×50 px',
      // Room the layout gives with nothing in it (Home's glance with no item that fits).
      'main.screen > section.glance "": blank',
    ]);
    await context.close();
  });
});

describe('the wall screen fits', () => {
  it('shows every screen state without scrolling, at both orientations and three text scales', async () => {
    const started = Date.now();
    const walks = await pool(
      SIZES.flatMap(([orientation, size]) =>
        SCALES.map((scale) => () => walk(orientation, size, scale)),
      ),
      2,
    );
    const results = walks.flatMap((x) => x.results);
    const unreached = walks.flatMap((x) => x.unreached);
    const failing = results.filter((r) => r.offenders.length > 0);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const summary =
      `Walked ${results.length} screen states (${SIZES.length} sizes × ${SCALES.length} scales, ` +
      `both themes) in ${seconds} s ` +
      `(walks: ${walks.map((x) => (x.ms / 1000).toFixed(1)).join(', ')} s); ` +
      `${failing.length} states do not fit, ${unreached.length} could not be reached.`;
    writeReport(REPORT, summary, results, unreached);
    const lines = [
      ...describeFailures(results),
      ...unreached.map((u) => `${u.state} @ ${u.size} ×${u.scale}: NOT REACHED: ${u.reason}`),
    ];
    // The summary goes to the test's output; the lines are the failure message.
    process.stdout.write(`kiosk fit: ${summary}\n`);
    // Not toEqual([]): a diff of some hundred long lines takes vitest minutes to compute.
    expect(lines.length, `${summary}\n${lines.join('\n')}`).toBe(0);
    // A bound for a walk that hangs, not a measure: the walk took 100-170 s in clean-clone runs,
    // and over 180 s in one on a machine loaded to 9 (its printed summary has the times).
  }, 360_000);
});
