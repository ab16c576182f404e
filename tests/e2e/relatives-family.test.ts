/**
 * A relative on their phone, against the real server, as issue 10 asks: staff invite them, they
 * join from the link and land on their resident's week, see only that resident, sign them up
 * for an activity (staff allow it) and a wall screen shows it live; they make a calendar
 * address and the feed it names is a calendar; staff remove their access and the open page is
 * logged out at once. Every page of theirs: axe-core clean and screenshots at 390×844 and
 * 768×1024 (test-output/screenshots/family/).
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resident } from '../helpers/fixtures.js';
import { apply, type TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { ACTIVITIES, enrolCode, seedCentre, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { FAMILY_SIZES, PHONE, StaffPage } from './support/staff.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;
let t: TestServer;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  await seedCentre(t);
  // Anna's guardian has said yes to the relatives' view and the calendar; staff let her
  // relatives sign her up.
  const admin = await t.connect(await t.userToken('admin'));
  const yes = { given: true, by: 'guardian' } as const;
  await apply(admin, 'resident.put', {
    ...resident('r-anna', { displayName: 'Anna Hansen' }),
    consent: { relatives: yes, calendar: yes },
    relativesMayAct: true,
  });
  admin.disconnect();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** An invitation for Anna, made as the staff page makes one (the token is the browser's). */
async function inviteForAnna(name: string): Promise<string> {
  const staff = await t.connect(await t.userToken('staff'));
  const token = randomBytes(32).toString('base64url');
  await apply(staff, 'relative.invite', {
    inviteId: `inv-${randomBytes(4).toString('hex')}`,
    residentIds: ['r-anna'],
    name,
    token,
  });
  staff.disconnect();
  return `${t.url}/family/invite#${token}`;
}

describe('a relative on their phone', () => {
  it('joins from the invitation, follows Anna’s week, signs her up, subscribes, and is logged out when staff remove the access', async () => {
    const link = await inviteForAnna('Hanne Jensen');
    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    await kiosk.open(t.url, (await enrolCode(t, 'Stuen')).code);
    await kiosk.home.waitFor();
    await kiosk.goTo('Aktiviteter');
    await kiosk.waitForActivities(ACTIVITIES.banko.title);
    const banko = kiosk.activity(ACTIVITIES.banko.title);
    await kiosk.waitForText(banko, 'Tilmeldt: Bent +1');

    const started = Date.now();
    const phone = await browser.newContext({ viewport: PHONE, locale: 'da-DK' });
    const family = new StaffPage(await phone.newPage(), FAMILY_SIZES);
    const page = family.page;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Velkommen' }).waitFor();
    await family.check('01-invitation');
    await page.getByLabel('Adgangskode', { exact: true }).fill('en god lang adgangskode');
    await page.getByLabel('Skriv adgangskoden igen').fill('en god lang adgangskode');
    await page.getByRole('button', { name: 'Opret adgang' }).click();

    // Straight into Anna's week, with her name at the top, today first.
    await page.getByRole('heading', { name: 'Du er logget ind' }).waitFor();
    await family.check('02-welcome');
    await page.getByRole('button', { name: 'OK, jeg har skrevet det ned' }).click();
    await page.getByText('Anna Hansen').first().waitFor();
    const week = page.getByRole('main');
    await week.getByText(ACTIVITIES.banko.title).first().waitFor();
    const toWeek = (Date.now() - started) / 1000;
    await family.check('03-week');
    // Only Anna: nobody else's name reaches this phone.
    const text = (await page.locator('body').textContent()) ?? '';
    for (const other of ['Bent', 'Carla', 'Dennis', 'Eva']) expect(text).not.toContain(other);

    // Sign Anna up for Banko: confirmed first, then the wall screen shows it without a reload.
    const item = week.getByRole('listitem').filter({ hasText: ACTIVITIES.banko.title }).first();
    await item.getByRole('button', { name: /Tilmeld/ }).click();
    const ask = page.getByRole('alertdialog');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('Anna');
    await family.check('04-confirm-signup');
    await ask.getByRole('button', { name: /^(Ja|Tilmeld)/ }).click();
    await item.getByText('Tilmeldt', { exact: false }).first().waitFor();
    await kiosk.waitForText(banko, 'Tilmeldt: Anna, Bent +1');
    await family.check('05-signed-up');

    // The other pages, each looked at.
    for (const [nav, heading, shot] of [
      ['Nyheder', 'Nyheder', '06-news'],
      ['Billeder', 'Billeder', '07-photos'],
      ['Mere', 'Mere', '09-more'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: nav }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await family.check(shot);
    }

    // The calendar: one obvious button, then an address whose feed is a calendar with Banko.
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Kalender' })
      .click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await family.check('08-calendar');
    await page.getByRole('button', { name: 'Tilføj til min kalender' }).click();
    const webcal = page.getByRole('link', { name: /iPhone/ });
    await webcal.waitFor();
    const href = (await webcal.getAttribute('href')) ?? '';
    expect(href).toMatch(/^webcal:\/\/.+\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
    const feedUrl = href.replace(/^webcal:/, 'http:');
    await expect
      .poll(async () => (await page.request.get(feedUrl)).status(), { timeout: 10_000 })
      .toBe(200);
    const feed = await (await page.request.get(feedUrl)).text();
    const toFeed = (Date.now() - started) / 1000;
    expect(feed).toContain('BEGIN:VCALENDAR');
    expect(feed).toContain(ACTIVITIES.banko.title);
    expect(feed).not.toContain('Bent');
    await family.check('08-calendar-address');
    console.log(
      `relative, measured: invitation to the week ${toWeek.toFixed(1)} s, to the feed ${toFeed.toFixed(1)} s (test-driven; a person reads and types)`,
    );

    // Staff remove the access: the open page is logged out at once and the feed is gone.
    const staff = await t.connect(await t.userToken('staff'));
    const users = await t.server.store.db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'relative')
      .execute();
    expect(users).toHaveLength(1);
    const removedAt = Date.now();
    await apply(staff, 'relative.revoke', { userId: users[0]!.id });
    staff.disconnect();
    await page.getByText('Din adgang er stoppet').first().waitFor({ timeout: 5000 });
    expect((Date.now() - removedAt) / 1000).toBeLessThan(5);
    await family.check('10-access-ended');
    expect((await page.request.get(feedUrl)).status()).toBe(404);
    expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);
    expect(kiosk.problems).toEqual([]);
    await phone.close();
    await kiosk.page.context().close();
  });
});
