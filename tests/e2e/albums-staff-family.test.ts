/**
 * Photo albums from staff to the wall and the relatives, in Chromium against the demo centre:
 * staff make an album from the browser (two photos chosen at once through the real upload, a
 * caption, the consent tick) and a running kiosk's Photos screen shows it at once; the demo
 * relative sees it on their phone with Anna's Birkehuset album, one photo at a time. axe-core
 * clean and screenshots: staff at 1366×768 and 390×844 (test-output/screenshots/staff/6x-…),
 * the relative at 390×844 and 768×1024 (test-output/screenshots/family/3x-…).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoRelative } from '../../src/server/demo/relative.js';
import { encodePng } from '../../src/server/demo/png.js';
import { drawScene } from '../../src/server/demo/scenes.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { enrolCode, startKioskServer } from './support/centre.js';
import { KioskPage, turnPage } from './support/kiosk-page.js';
import { FAMILY_SIZES, newStaffContext, PHONE, StaffPage, staffUser } from './support/staff.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;
let t: TestServer;
const RELATIVE_PASSWORD = 'en god lang adgangskode';

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  await seedDemo(t.server.store.db, new Date(), { dataDir: t.dataDir });
  await ensureDemoRelative(t.server.store.db, RELATIVE_PASSWORD);
  await t.restart(); // the server reads wall consent when it starts
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('photo albums', () => {
  it('staff post an album from the browser; the wall and the relative see it', async () => {
    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    await kiosk.open(t.url, (await enrolCode(t, 'Stuen')).code);
    await kiosk.goTo('Billeder');
    await kiosk.waitForText(kiosk.page.locator('.album-list'), 'Tur til stranden');

    const { username, password } = await staffUser(t);
    const staff = new StaffPage(await (await newStaffContext(browser)).newPage());
    await staff.signIn(t.url, username, password);
    await staff.openMenu('Fotoalbum');
    await staff.page.getByRole('heading', { level: 1, name: 'Fotoalbum' }).waitFor();
    await staff.page.getByText('Forår i haven').waitFor();
    await staff.check('60-fotoalbum');

    await staff.page.getByRole('link', { name: 'Nyt fotoalbum' }).click();
    await staff.page.getByRole('textbox', { name: /^Titel/ }).fill('Kaffe i haven');
    await staff.page.locator('input[type=file]').setInputFiles([
      {
        name: 'kage.png',
        mimeType: 'image/png',
        buffer: Buffer.from(encodePng(drawScene('cake'))),
      },
      {
        name: 'have.png',
        mimeType: 'image/png',
        buffer: Buffer.from(encodePng(drawScene('garden'))),
      },
    ]);
    await staff.page.getByRole('img', { name: 'Foto 2' }).waitFor();
    await staff.page.getByRole('textbox', { name: /Tekst til foto 1/ }).fill('Kagen var god.');
    await staff.page
      .getByRole('checkbox', { name: 'Alle på billederne har givet samtykke til at blive vist' })
      // React Aria's input is visually hidden under its drawn box: a person clicks the box.
      .check({ force: true });
    // The preview is the kiosk's own viewer.
    await staff.page.waitForFunction(() =>
      document
        .querySelector('.kiosk-preview-host')
        ?.shadowRoot?.textContent?.includes('Billede 1 af 2'),
    );
    await staff.check('61-fotoalbum-nyt');
    await staff.page.getByRole('button', { name: 'Læg op' }).click();
    await staff.page.getByRole('heading', { level: 1, name: 'Fotoalbum' }).waitFor();
    await staff.page.getByText('Kaffe i haven').waitFor();

    // The wall shows it without a reload, newest first.
    await kiosk.waitForText(kiosk.page.locator('.album-list'), 'Kaffe i haven');
    // Newest first, one screen-full at a time: every page's albums in order.
    const shown: string[] = [];
    do
      shown.push(
        ...(await kiosk.page
          .getByRole('list', { name: 'Fotoalbum' })
          .getByRole('heading')
          .allTextContents()),
      );
    while (await turnPage(kiosk.page, 'Næste'));
    expect(shown).toEqual(['Kaffe i haven', 'Tur til stranden', 'Forår i haven']);

    // The demo relative, on Anna's page (Birkehuset): all three albums, one photo at a time.
    const phone = await browser.newContext({ viewport: PHONE, locale: 'da-DK' });
    const family = new StaffPage(await phone.newPage(), FAMILY_SIZES);
    await family.page.goto(`${t.url}/family/`);
    await family.page.getByLabel('Brugernavn').fill('hanne');
    await family.page.getByLabel('Adgangskode').fill(RELATIVE_PASSWORD);
    await family.page.getByRole('button', { name: 'Log ind' }).click();
    await family.page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Billeder' })
      .click();
    await family.page.getByRole('heading', { level: 1, name: 'Billeder' }).waitFor();
    await family.page.getByRole('heading', { name: 'Kaffe i haven' }).waitFor();
    await family.page.waitForFunction(() =>
      [...document.querySelectorAll('img')].every((i) => i.complete && i.naturalWidth > 0),
    );
    await family.check('30-billeder');
    await family.page.getByRole('link', { name: 'Se billederne: Kaffe i haven' }).click();
    await family.page.getByText('Billede 1 af 2').waitFor();
    await family.page.getByRole('img', { name: 'Kagen var god.' }).waitFor();
    await family.page.getByRole('button', { name: /Næste/ }).click();
    await family.page.getByRole('img', { name: 'Billede 2 af 2 fra Kaffe i haven' }).waitFor();
    await family.page.waitForFunction(() =>
      [...document.querySelectorAll('img')].every((i) => i.complete && i.naturalWidth > 0),
    );
    await family.check('31-album');
    expect(kiosk.problems).toEqual([]);
    await phone.close();
    await staff.page.context().close();
    await kiosk.page.context().close();
  });
});
