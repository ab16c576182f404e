/**
 * "Done when" of the staff admin, tried as a new staff user would: in the demo centre, from the
 * browser alone, set up next week (the meal plan and the duty roster copied from this week, each
 * house's day structure filled from its weekday templates) and publish a news post, while a kiosk
 * runs. The post shows on the wall at once; next week's meals, shifts and day items arrive in the
 * running kiosk's cache (the wall shows each on its day), as many as this week has.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDate, dayOf, mondayOf } from '../../src/domain/rules/days.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { enrolCode, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { newStaffContext, StaffPage, staffUser } from './support/staff.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;
let t: TestServer;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  await seedDemo(t.server.store.db, new Date(), { dataDir: t.dataDir });
  await t.restart();
});
afterAll(async () => {
  await browser.close();
  await t.close();
});

type Row = { date?: string; start?: string };

/** Rows of one table of the kiosk's own IndexedDB cache: what the wall has to show. */
function kioskRows(page: Page, table: string): Promise<Row[]> {
  return page.evaluate(
    (name) =>
      new Promise<Row[]>((resolve) => {
        const open = indexedDB.open('citizen-guide-kiosk');
        // Not made yet by the page's own Dexie: make nothing here, and there are no rows.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve([]);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            resolve(req.result as Row[]);
            db.close();
          };
          req.onerror = () => resolve([]);
        };
      }),
    table,
  );
}

describe('a new staff member sets up next week from the browser', () => {
  it('copies meals and roster, fills the day structure, publishes news; the kiosk gets it all', async () => {
    const centre = await t.server.store.db
      .selectFrom('centre')
      .select('data')
      .executeTakeFirstOrThrow();
    const { timeZone } = JSON.parse(centre.data) as { timeZone: string };
    const monday = mondayOf(dayOf(new Date(), timeZone));
    const nextMonday = addDaysToDate(monday, 7);
    const inWeek = (from: string) => (d: string | undefined) =>
      d !== undefined && d >= from && d < addDaysToDate(from, 7);
    const shiftDay = (r: Row) => (r.start ? dayOf(r.start, timeZone) : undefined);

    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    await kiosk.open(t.url, (await enrolCode(t, 'Fællesstuen')).code);
    const count = async (table: string, week: string, day: (r: Row) => string | undefined) =>
      (await kioskRows(kiosk.page, table)).filter((r) => inWeek(week)(day(r))).length;
    const mealDay = (r: Row) => r.date;
    // The kiosk has caught up once this week's meals and shifts are in its cache.
    await expect.poll(() => count('meal', monday, mealDay), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => count('shift', monday, shiftDay), { timeout: 10_000 })
      .toBeGreaterThan(0);
    const before = {
      meals: await count('meal', monday, mealDay),
      shifts: await count('shift', monday, shiftDay),
    };
    // The demo's days run from today for a week, so next week may hold a day of them already.
    const nextBefore = {
      meals: await count('meal', nextMonday, mealDay),
      shifts: await count('shift', nextMonday, shiftDay),
      dayitems: await count('dayitem', nextMonday, mealDay),
    };

    const { username, password } = await staffUser(t, 'staff', 'Sofie Lind');
    const staff = new StaffPage(await (await newStaffContext(browser)).newPage());
    await staff.signIn(t.url, username, password);

    // Meal plan: next week, copy this week.
    await staff.openMenu('Madplan');
    await staff.page.getByRole('button', { name: 'Næste uge' }).click();
    await staff.page.getByRole('button', { name: 'Kopiér sidste uge hertil' }).click();
    // What the demo put there already is replaced, after asking.
    if (nextBefore.meals > 0)
      await staff.page.getByRole('button', { name: 'Ja, erstat dem' }).click();
    await expect
      .poll(() => count('meal', nextMonday, mealDay), { timeout: 10_000 })
      .toBe(before.meals);

    // Duty roster: next week, copy this week.
    await staff.openMenu('Vagtplan');
    await staff.page.getByRole('button', { name: 'Næste uge' }).click();
    await staff.page.getByRole('button', { name: 'Kopiér forrige uge hertil' }).click();
    await expect
      .poll(() => count('shift', nextMonday, shiftDay), { timeout: 10_000 })
      .toBe(before.shifts + nextBefore.shifts);

    // Day structure: each house's next week from its weekday templates.
    await staff.openMenu('Dagsstruktur');
    for (const house of ['Birkehuset', 'Egehuset']) {
      await staff.page.getByRole('button', { name: /Hvis dagsstruktur/ }).click();
      await staff.page.getByRole('option', { name: house }).click();
      await staff.page.getByRole('button', { name: 'Næste uge' }).click();
      await staff.page.getByRole('button', { name: 'Fyld ugen fra skabeloner' }).click();
      await staff.page.getByRole('button', { name: 'Denne uge' }).click();
    }
    await expect
      .poll(() => count('dayitem', nextMonday, mealDay), { timeout: 10_000 })
      .toBeGreaterThan(nextBefore.dayitems);

    // News: published now, on the wall at once.
    await staff.openMenu('Nyheder');
    await staff.page.getByRole('link', { name: 'Ny nyhed' }).click();
    await staff.page.getByRole('textbox', { name: /Overskrift/ }).fill('Julefrokost på fredag');
    await staff.page
      .getByRole('textbox', { name: /Tekst/ })
      .fill('Vi spiser sammen i spisesalen kl. 12.');
    await staff.page.getByRole('button', { name: 'Udgiv' }).click();
    await kiosk.goTo('Nyheder');
    await kiosk.page
      .getByRole('article', { name: 'Julefrokost på fredag' })
      .waitFor({ timeout: 5000 });

    await staff.check('week-news-list');
    expect(kiosk.problems).toEqual([]);
  });
});
