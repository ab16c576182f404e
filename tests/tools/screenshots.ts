/**
 * A look at every kiosk screen with the demo centre's data: starts a server with the demo seed,
 * enrols a kiosk in Chromium, opens each screen from Home, runs axe-core (7:1 contrast on) and
 * writes screenshots in portrait and landscape, standard and high-contrast theme, to
 * test-output/look/. For people reviewing the UI; the e2e tests check the same things.
 *
 *   npx tsx tests/tools/screenshots.ts [screen name as on its Home tile ...] [--en]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../src/server/demo/seed.js';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../e2e/support/browser.js';
import { enrolCode, startKioskServer } from '../e2e/support/centre.js';
import { ensureUiBuilt } from '../e2e/support/ui-build.js';

const OUT = 'test-output/look';
const args = process.argv.slice(2);
const english = args.includes('--en');
const wanted = args.filter((a) => !a.startsWith('--'));
const tiles = english
  ? ['My day', 'Activities', 'Meals', 'Book', 'News', 'Staff']
  : ['Min dag', 'Aktiviteter', 'Mad', 'Book', 'Nyheder', 'Personale'];
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const r = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(d: Document, o: object): Promise<AxeResults> } })
      .axe;
    return a.run(document, { rules: { 'color-contrast-enhanced': { enabled: true } } });
  });
  return r.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function look(page: Page, name: string): Promise<void> {
  for (const [orientation, size] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    const v = await axe(page);
    console.log(`${name} ${orientation}: ${v.length === 0 ? 'axe clean' : v.join('\n  ')}`);
    await page.screenshot({ path: `${OUT}/${name}-${orientation}.png` });
  }
  await page.setViewportSize(PORTRAIT);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  ensureUiBuilt();
  const t = await startKioskServer();
  await seedDemo(t.server.store.db, new Date(), { dataDir: t.dataDir });
  await t.restart(); // the server reads wall consent at start
  const browser = await launchChromium();
  try {
    for (const theme of ['standard', 'high-contrast']) {
      const context = await browser.newContext({ viewport: PORTRAIT, locale: 'da-DK' });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
      const { code } = await enrolCode(t, `look-${theme}`);
      const query = `?theme=${theme}&night=off${english ? '&lang=en' : ''}`;
      await page.goto(`${t.url}/kiosk/${query}#enrol=${code}`);
      await page.getByRole('button', { name: english ? 'Home' : 'Hjem' }).waitFor();
      await page.waitForTimeout(1500);
      await look(page, `home-${theme}`);
      for (const tile of tiles) {
        if (wanted.length > 0 && !wanted.includes(tile)) continue;
        await page.getByRole('button', { name: tile, exact: true }).first().click();
        await page.waitForTimeout(500);
        await look(page, `${tile.toLowerCase().replace(/\s+/g, '-')}-${theme}`);
        await page.getByRole('button', { name: english ? 'Home' : 'Hjem' }).click();
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await t.close();
  }
  console.log(`screenshots in ${OUT}/`);
}

await main();
