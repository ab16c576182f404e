/**
 * The kiosk's Photos screen with the demo centre's albums, in Chromium: "Billeder" from Home, the
 * albums as big cards with their first photo (served by /media to the kiosk's device cookie),
 * one photo at a time with "Billede 2 af 3" and Forrige / Næste; a kiosk in another house does
 * not get Birkehuset's album. axe-core finds nothing in either theme, portrait (1080×1920) and
 * landscape (1920×1080); screenshots in test-output/screenshots/ (50-…).
 */
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { enrolCode, startKioskServer } from './support/centre.js';
import { KioskPage, turnPage } from './support/kiosk-page.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;
let t: TestServer;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  await seedDemo(t.server.store.db, new Date(), { dataDir: t.dataDir });
  await t.restart(); // the server reads wall consent when it starts
});
afterAll(async () => {
  await browser.close();
  await t.close();
});

/** A kiosk enrolled for `groupIds` (empty: the whole centre). */
async function openKiosk(name: string, groupIds: string[] = []): Promise<KioskPage> {
  const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
  const { code, deviceId } = await enrolCode(t, name);
  if (groupIds.length > 0)
    await sql`update device set group_ids = ${JSON.stringify(groupIds)} where id = ${deviceId}`.execute(
      t.server.store.db,
    );
  await kiosk.open(t.url, code);
  return kiosk;
}

/** Every image inside `selector` has loaded with real pixels. */
async function imagesLoaded(kiosk: KioskPage, selector: string): Promise<void> {
  await kiosk.page.waitForFunction((sel) => {
    const imgs = [...document.querySelectorAll<HTMLImageElement>(sel)];
    return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  }, selector);
}

describe('the Photos screen', () => {
  it('shows the albums, then one photo at a time with Forrige / Næste', async () => {
    const kiosk = await openKiosk('Billeder');
    await kiosk.home.waitFor();
    await kiosk.page.getByRole('navigation', { name: 'Gå til' }).waitFor();
    await kiosk.check('50-home-with-photos', ['standard']);
    await kiosk.goTo('Billeder');
    await kiosk.page.getByRole('heading', { level: 1, name: 'Billeder' }).waitFor();
    const cards = kiosk.page.getByRole('list', { name: 'Fotoalbum' }).getByRole('heading');
    await kiosk.waitForText(
      kiosk.page.getByRole('list', { name: 'Fotoalbum' }),
      'Tur til stranden',
    );
    // Every album, newest first, page by page if the list is paged.
    const titles = [...(await cards.allTextContents())];
    while (await turnPage(kiosk.page, 'Næste')) titles.push(...(await cards.allTextContents()));
    expect(titles).toEqual(['Tur til stranden', 'Forår i haven']);
    while (await turnPage(kiosk.page, 'Forrige'));
    await imagesLoaded(kiosk, 'img.album-cover');
    await kiosk.check('51-billeder');

    await kiosk.page.getByRole('button', { name: 'Se billederne: Tur til stranden' }).tap();
    const viewer = kiosk.page.getByRole('article', { name: 'Tur til stranden' });
    await kiosk.waitForText(viewer, 'Billede 1 af 3');
    await kiosk.waitForText(viewer, 'Vi var ved stranden i solskin.');
    await imagesLoaded(kiosk, 'img.photo-big');
    expect(await viewer.getByRole('button', { name: 'Forrige' }).isDisabled()).toBe(true);
    await kiosk.check('52-billede-1');

    await viewer.getByRole('button', { name: 'Næste' }).tap();
    await kiosk.waitForText(viewer, 'Billede 2 af 3');
    await kiosk.waitForText(viewer, 'Bagefter fik vi kaffe og kage.');
    await imagesLoaded(kiosk, 'img.photo-big');
    await kiosk.check('53-billede-2', ['standard']);
    await viewer.getByRole('button', { name: 'Næste' }).tap();
    await kiosk.waitForText(viewer, 'Billede 3 af 3');
    expect(await viewer.getByRole('button', { name: 'Næste' }).isDisabled()).toBe(true);

    await kiosk.page.getByRole('button', { name: 'Alle fotoalbum' }).tap();
    await kiosk.page.getByRole('list', { name: 'Fotoalbum' }).waitFor();
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });

  it("a kiosk in Egehuset shows the album for everyone and not Birkehuset's", async () => {
    const kiosk = await openKiosk('Egehuset', ['g-eg']);
    await kiosk.goTo('Billeder');
    await kiosk.waitForText(
      kiosk.page.getByRole('list', { name: 'Fotoalbum' }),
      'Tur til stranden',
    );
    expect(
      await kiosk.page
        .getByRole('list', { name: 'Fotoalbum' })
        .getByRole('heading')
        .allTextContents(),
    ).toEqual(['Tur til stranden']);
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });
});
