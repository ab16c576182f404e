import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { enrolCode, seedCentre, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;
let t: TestServer;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  await seedCentre(t);
});
afterAll(async () => {
  await browser.close();
  await t.close();
});

/** Opens a fresh kiosk with a code that will not work, and returns what it says. */
async function openWith(code: string, shot: string): Promise<string> {
  const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
  await kiosk.open(t.url, code);
  await kiosk.page.getByRole('heading', { name: 'Skærmen blev ikke tilmeldt' }).waitFor();
  // The code never stays in the address bar, and no token was stored.
  expect(kiosk.page.url()).toBe(`${t.url}/kiosk/?night=off`);
  expect(
    await kiosk.page.evaluate(() => localStorage.getItem('citizen-guide.kiosk-token')),
  ).toBeNull();
  await kiosk.check(shot);
  const message = await kiosk.textOf(kiosk.page.locator('main p.problem'));
  // A code that cannot work offers the field for a new one.
  expect(await kiosk.page.getByLabel('Kode til skærmen').isVisible()).toBe(true);
  expect(kiosk.problems).toEqual([]);
  await kiosk.page.context().close();
  return message;
}

describe('kiosk enrolment', () => {
  it('an expired code is explained in plain Danish', async () => {
    const { code } = await enrolCode(t, 'Gammel', new Date(Date.now() - 11 * 60_000));
    const message = await openWith(code, '10-enrol-expired');
    expect(message).toBe(
      'Koden er udløbet. Den virker kun i 10 minutter. Bed personalet om en ny kode.',
    );
  });

  it('a code that was already used is explained in plain Danish', async () => {
    const { code } = await enrolCode(t, 'Brugt');
    const first = await fetch(`${t.url}/api/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(first.status).toBe(200);
    const message = await openWith(code, '11-enrol-used');
    expect(message).toBe('Koden er allerede brugt. Bed personalet om en ny kode.');
  });

  it('an unknown code is explained in plain Danish', async () => {
    const message = await openWith('ZZZZZ-ZZZZZ', '12-enrol-unknown');
    expect(message).toBe('Koden findes ikke. Tjek koden, eller bed personalet om en ny kode.');
  });

  it('a kiosk without a token and without a code asks for one, and enrols with one typed in', async () => {
    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    await kiosk.open(t.url);
    await kiosk.page.getByRole('heading', { name: 'Skærmen er ikke tilmeldt' }).waitFor();
    expect(await kiosk.textOf(kiosk.page.locator('main p').first())).toBe(
      'Bed personalet om en kode til skærmen, og skriv den her.',
    );
    await kiosk.check('13-not-enrolled');
    const { code } = await enrolCode(t, 'Skrevet ind');
    await kiosk.page.getByLabel('Kode til skærmen').fill(code.toLowerCase());
    await kiosk.page.getByRole('button', { name: 'Tilmeld skærmen' }).tap();
    await kiosk.page.getByRole('button', { name: 'Hjem' }).first().waitFor();
    expect(
      await kiosk.page.evaluate(() => localStorage.getItem('citizen-guide.kiosk-token')),
    ).not.toBeNull();
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });
});
