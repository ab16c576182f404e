import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import {
  ACTIVITIES,
  enrolCode,
  seedCentre,
  startKioskServer,
  type Centre,
} from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;
let t: TestServer;
let centre: Centre;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  t = await startKioskServer();
  centre = await seedCentre(t);
});
afterEach(async () => {
  await t.close();
});

async function enrolledKiosk(name: string): Promise<KioskPage> {
  const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
  await kiosk.open(t.url, (await enrolCode(t, name)).code);
  await kiosk.waitForActivities(
    ACTIVITIES.banko.title,
    ACTIVITIES.walk.title,
    ACTIVITIES.baking.title,
  );
  return kiosk;
}

describe('the kiosk page', () => {
  it('enrols from its address, shows today from the cache, and a sign-up reaches a second kiosk live', async () => {
    const a = await enrolledKiosk('Stuen');
    // The code is gone from the address bar; the token is kept for next time.
    expect(a.page.url()).toBe(`${t.url}/kiosk/`);
    expect(await a.page.evaluate(() => localStorage.getItem('citizen-guide.kiosk-token'))).toMatch(
      /.{20,}/,
    );

    await a.waitForText(a.connection, /Opdateret kl\. \d\d\.\d\d/);
    expect(await a.textOf(a.page.locator('.centre'))).toBe(centre.name);
    expect(await a.textOf(a.date)).toMatch(
      /^I dag er det (mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) den \d+\. \p{L}+ \d{4}$/u,
    );

    const banko = a.activity(ACTIVITIES.banko.title);
    expect(await a.textOf(banko)).toContain('Sted: Fælles stuen');
    expect(await a.textOf(banko)).toMatch(/kl\. \d\d\.\d\d til \d\d\.\d\d/);
    expect(await a.textOf(banko)).toContain('6 ledige pladser');
    // Bent has wall consent; Dennis has not, so he is only counted.
    expect(await a.textOf(banko)).toContain('Tilmeldt: Bent +1');
    expect(await a.textOf(a.activity(ACTIVITIES.walk.title))).toContain('Fuld – venteliste');
    await a.check('01-home');

    const b = await enrolledKiosk('Gangen');
    await b.waitForText(b.activity(ACTIVITIES.banko.title), 'Tilmeldt: Bent +1');

    // Anna signs up for Banko on kiosk A: pick, confirm, answer.
    await a.activity(ACTIVITIES.banko.title).getByRole('button', { name: 'Tilmeld' }).click();
    // Only residents with wall consent can be picked; Bent is already signed up.
    expect(await a.dialog.getByRole('listitem').count()).toBe(7);
    expect(await a.dialog.getByRole('button', { name: 'Dennis' }).count()).toBe(0);
    expect(await a.dialog.getByRole('button', { name: 'Bent er tilmeldt' }).isDisabled()).toBe(
      true,
    );
    expect(await a.dialog.getByRole('button', { name: 'Anna', exact: true }).isEnabled()).toBe(
      true,
    );
    await a.check('02-picker');
    await a.dialog.getByRole('button', { name: 'Anna', exact: true }).click();
    await a.check('03-confirm');
    await a.confirm();
    await a.waitForText(a.answer, 'Du er tilmeldt.');
    await a.check('04-signed-up');
    await a.closeDialog();
    await a.waitForText(a.activity(ACTIVITIES.banko.title), 'Tilmeldt: Anna, Bent +1');
    expect(await a.textOf(a.activity(ACTIVITIES.banko.title))).toContain('5 ledige pladser');

    // Kiosk B shows it without a reload (a live push into its cache).
    await b.waitForText(b.activity(ACTIVITIES.banko.title), 'Tilmeldt: Anna, Bent +1');
    await b.waitForText(b.activity(ACTIVITIES.banko.title), '5 ledige pladser');

    // Frank joins the full walk: he is put on the waiting list.
    await a.pick(ACTIVITIES.walk.title, 'Frank');
    await a.confirm();
    await a.waitForText(a.answer, 'Du er nummer 1 på ventelisten.');
    await a.check('05-waitlisted');
    await a.closeDialog();
    await b.waitForText(b.activity(ACTIVITIES.walk.title), 'På venteliste: 1');
    await b.check('06-second-kiosk');

    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  });
});
