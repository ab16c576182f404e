/**
 * Home on the wall screen (issue 11), in Chromium on the demo centre with today's coffee changed
 * by staff ("Ændret" on Now or Next) and the kiosk offline (the calm line under the clock): at
 * 1080×1920 and 1920×1080 × text scale 1, 1.25 and 1.5, in both themes,
 * - everything fits: nothing outside the screen or cut off, nothing can scroll (support/fit.ts);
 * - the seven tiles are all there, each a target of at least 64 px, 16 px from any other target;
 * - text is at least 32 px and headings at least 48 px (KIOSK-UX "Large type", at 1080p).
 * One kiosk, resized and reloaded with each scale (no new enrolment); screenshots of each in
 * test-output/screenshots/home/ to look at.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayItem } from '../../src/domain/model.js';
import { dayOf } from '../../src/domain/rules/days.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { apply, type TestServer } from '../helpers/test-server.js';
import { LANDSCAPE, launchChromium, newKioskContext, PORTRAIT } from './support/browser.js';
import { daytimeZone, enrolCode, startKioskServer } from './support/centre.js';
import { describeFailures, measureFit } from './support/fit.js';
import { KioskPage } from './support/kiosk-page.js';
import { ensureUiBuilt } from './support/ui-build.js';

const SHOTS = 'test-output/screenshots/home';
const TILES = ['Min dag', 'Aktiviteter', 'Mad', 'Book', 'Nyheder', 'Billeder', 'Personale'];

let browser: Browser;
let t: TestServer;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  const timeZone = daytimeZone();
  await seedDemo(t.server.store.db, new Date(), { dataDir: t.dataDir, timeZone });
  await t.restart(); // the server reads wall consent when it starts
  const admin = await t.connect(await t.userToken('admin'));
  const today = dayOf(new Date(), timeZone);
  for (const group of ['g-birk', 'g-eg']) {
    const item: DayItem = {
      ...{ id: `di-${group}-${today}-2`, residentId: null, groupId: group, date: today },
      ...{ start: '10:30', end: '12:00', title: 'Kaffe og kage', pictogram: 'coffee' },
      changedOn: null,
    };
    await apply(admin, 'dayitem.put', item);
  }
  admin.disconnect();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser.close();
  await t.close();
});

/** Text smaller than 32 px, headings under 48 px, targets under 64 px or closer than 16 px. */
function readability(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 2 && r.height > 2 && s.visibility === 'visible' && s.opacity !== '0';
    };
    const label = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    // 32 px at 1080p, scaled with the screen's shorter side like the page's rem.
    const unit = Math.min(innerWidth, innerHeight) / 1080;
    for (const el of document.querySelectorAll('.frame *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
      if (!own || !shown(el)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      const heading = el.closest('h1, h2') !== null;
      // The clock is sized by the screen height on its own (10–14%).
      if (el.closest('.clock')) continue;
      const min = (heading ? 48 : 32) * unit;
      if (size < min - 0.5)
        out.push(`${heading ? 'heading' : 'text'} "${label(el)}" is ${size.toFixed(1)} px`);
    }
    const targets = [...document.querySelectorAll('.frame button, .frame [role="button"]')]
      .filter(shown)
      .map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (const { el, r } of targets)
      if (r.width < 63.5 || r.height < 63.5)
        out.push(`target "${label(el)}" is ${Math.round(r.width)}×${Math.round(r.height)} px`);
    for (let i = 0; i < targets.length; i++)
      for (let j = i + 1; j < targets.length; j++) {
        const a = targets[i]!;
        const b = targets[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const dx = Math.max(0, Math.max(a.r.left, b.r.left) - Math.min(a.r.right, b.r.right));
        const dy = Math.max(0, Math.max(a.r.top, b.r.top) - Math.min(a.r.bottom, b.r.bottom));
        if (Math.max(dx, dy) < 15.5)
          out.push(
            `"${label(a.el)}" and "${label(b.el)}" are ${Math.round(Math.max(dx, dy))} px apart`,
          );
      }
    return out;
  });
}

describe('Home on the wall screen', () => {
  it('fits with the offline line and an "Ændret" mark, in large type, at every size and scale', async () => {
    const context = await newKioskContext(browser, PORTRAIT);
    const page = await context.newPage();
    const kiosk = new KioskPage(page);
    const { code } = await enrolCode(t, 'Home fit');
    await kiosk.open(t.url, code);
    await page.getByRole('navigation', { name: 'Gå til' }).waitFor();
    const failures: string[] = [];
    for (const [orientation, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      for (const scale of [1, 1.25, 1.5]) {
        await context.setOffline(false);
        await page.goto(`${t.url}/kiosk/?night=off&textScale=${scale}`);
        await page.getByRole('navigation', { name: 'Gå til' }).waitFor();
        await page.getByText('Ændret').first().waitFor({ timeout: 15_000 });
        // The frame keeps the offline line's room: the line pushes nothing down.
        const screenTop = () =>
          page.evaluate(() => document.querySelector('main.screen')!.getBoundingClientRect().top);
        const before = await screenTop();
        await context.setOffline(true);
        await kiosk.waitForText(kiosk.connection, /ikke opdateret siden/, 20_000);
        const where = { state: 'Home', size: `${size.width}×${size.height}`, scale };
        const moved = (await screenTop()) - before;
        if (Math.abs(moved) > 1)
          failures.push(`${where.size} ×${scale}: the offline line moved the screen ${moved} px`);
        const fit = await measureFit(page, where, { themes: ['standard', 'high-contrast'] });
        failures.push(...describeFailures(fit));
        for (const tile of TILES) {
          const button = page
            .getByRole('navigation', { name: 'Gå til' })
            .getByRole('button', { name: tile, exact: true });
          if (!(await button.isVisible()))
            failures.push(`${where.size} ×${scale}: no ${tile} tile`);
        }
        const at = `${where.size} ×${scale}`;
        failures.push(...(await readability(page)).map((f) => `${at}: ${f}`));
        for (const theme of ['standard', 'high-contrast']) {
          await page.evaluate((th) => (document.documentElement.dataset['theme'] = th), theme);
          await page.screenshot({ path: `${SHOTS}/home-${orientation}-${scale}-${theme}.png` });
        }
        await page.evaluate(() => (document.documentElement.dataset['theme'] = 'standard'));
      }
    }
    expect(kiosk.problems).toEqual([]);
    expect(failures).toEqual([]);
    await context.close();
  }, 120_000);
});
