/**
 * Activities in the staff admin, in Chromium against the real server: staff create an activity
 * with 2 places through the form (pictogram, time, recurrence words, kiosk preview), a running
 * kiosk page signs up 3 residents and the sign-up list and waiting list arrive live on the staff
 * page; staff sign up a resident without wall consent, tick attendance, and print the list
 * (Chromium's PDF, rendered to PNG with pdftoppm to be looked at). axe and screenshots at
 * 1366×768 and 390×844 on each page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, Attendance } from '../../src/domain/model.js';
import { localTimeOf } from '../../src/domain/rules/days.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { enrolCode, inHours, seedCentre, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { newStaffContext, StaffPage, staffUser } from './support/staff.js';
import { ensureUiBuilt } from './support/ui-build.js';

const PRINTS = 'test-output/print';

let browser: Browser;
let t: TestServer;
let timeZone: string;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  ({ timeZone } = await seedCentre(t));
});
afterAll(async () => {
  await browser.close();
  await t.close();
});

async function activityRows(): Promise<Activity[]> {
  const rows = await t.server.store.db.selectFrom('activity').select('data').execute();
  return rows.map((r) => JSON.parse(r.data) as Activity);
}

/** Types "HH:mm" into a React Aria time field, segment by segment as a person would. */
async function typeTime(staff: StaffPage, label: string, hhmm: string): Promise<void> {
  const group = staff.page.getByRole('group', { name: label, exact: true });
  await group.getByRole('spinbutton').first().click();
  await staff.page.keyboard.type(hhmm.replace(':', ''));
}

describe('activities in the staff admin', () => {
  it('staff create an activity with 2 places; kiosk sign-ups and the waiting list arrive live; the list prints', async () => {
    const { username, password } = await staffUser(t, 'staff', 'Mette Sørensen');
    const staff = new StaffPage(await (await newStaffContext(browser)).newPage());
    // A step that cannot happen fails within seconds and says which.
    staff.page.setDefaultTimeout(15_000);
    await staff.signIn(t.url, username, password);
    await staff.openMenu('Aktiviteter');
    await staff.page.getByRole('heading', { name: 'Aktiviteter', level: 1 }).waitFor();
    // The seeded activities of today are in the week.
    await staff.page.getByRole('link', { name: 'Banko' }).waitFor();
    await staff.check('activities-week');

    await staff.page.getByRole('link', { name: 'Ny aktivitet' }).click();
    await staff.page.getByRole('heading', { name: 'Ny aktivitet', level: 1 }).waitFor();
    await staff.page.getByLabel('Titel').fill('Sangkor');
    await staff.page.getByLabel('Sted').fill('Musikstuen');
    await staff.page.getByRole('button', { name: /Piktogram/ }).click();
    await staff.page
      .locator('.acts-pictogram-option')
      .filter({ hasText: /^Musik$/ })
      .click();
    // Two hours from now (the centre's zone is chosen so that it is still today).
    const start = inHours(2);
    const startTime = localTimeOf(start, timeZone);
    const endTime = localTimeOf(new Date(Date.parse(start) + 3_600_000), timeZone);
    await typeTime(staff, 'Starter', startTime);
    await typeTime(staff, 'Slutter', endTime);
    await staff.page.getByRole('textbox', { name: 'Antal pladser' }).fill('2');
    await staff.page.keyboard.press('Tab');
    // Weekly: the rule in words appears as it is drawn.
    await staff.page.getByRole('button', { name: /Hvor ofte/ }).click();
    await staff.page.getByRole('option', { name: 'Ugentligt' }).click();
    await staff.page.locator('.acts-radio').filter({ hasText: 'Efter et antal gange' }).click();
    await staff.page.getByRole('textbox', { name: 'Antal gange' }).fill('4');
    await staff.page.keyboard.press('Tab');
    const words = staff.page.locator('.acts-rule-words');
    await expect
      .poll(() => words.textContent())
      .toMatch(
        new RegExp(
          `Det betyder: hver \\w+dag kl\\. ${startTime.replace(':', '\\.')} til ${endTime.replace(':', '\\.')}, fra \\d+\\. \\w+, 4 gange`,
        ),
      );
    // The preview is the kiosk's own card.
    const preview = staff.page.locator('.kiosk-preview-host');
    await expect
      .poll(() => preview.evaluate((el) => el.shadowRoot?.textContent ?? ''))
      .toContain('Sangkor');
    await expect
      .poll(() => preview.evaluate((el) => el.shadowRoot?.textContent ?? ''))
      .toContain('2 ledige pladser');
    await staff.check('activity-form');

    await staff.page.getByRole('button', { name: 'Opret aktivitet' }).click();
    await staff.page.getByRole('heading', { name: 'Sangkor', level: 1 }).waitFor();
    await expect
      .poll(async () => (await activityRows()).filter((a) => a.title === 'Sangkor').length)
      .toBe(4);
    const sang = (await activityRows()).find((a) => a.title === 'Sangkor' && a.seriesId === null);
    expect(sang).toMatchObject({
      capacity: 2,
      waitlist: true,
      pictogram: 'music',
      place: 'Musikstuen',
      start,
    });
    await staff.page.getByText('Ingen endnu.').waitFor();

    // A running kiosk signs up three residents: two get places, the third waits.
    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    await kiosk.open(t.url, (await enrolCode(t, 'Stuen')).code);
    await kiosk.goTo('Aktiviteter');
    await kiosk.waitForActivities('Sangkor');
    for (const name of ['Anna', 'Frank']) {
      await kiosk.pick('Sangkor', name);
      await kiosk.confirm('Ja, tilmeld mig');
      await kiosk.waitForText(kiosk.activity('Sangkor'), `${name} er tilmeldt.`);
    }
    await staff.page.getByRole('heading', { name: 'Har plads (2)' }).waitFor();
    await kiosk.pick('Sangkor', 'Gitte');
    await kiosk.confirm('Ja, skriv mig på ventelisten');
    // Live on the staff page: the waiting list with Gitte as number 1.
    await staff.page.getByRole('heading', { name: 'Venteliste (1)' }).waitFor();
    const waiting = staff.page.getByRole('table', { name: 'Venteliste (1)' });
    await expect.poll(() => waiting.getByRole('row').nth(1).textContent()).toMatch(/^1Gitte Dahl/);
    const confirmed = staff.page.locator('.acts-signup-table').first();
    expect(await confirmed.textContent()).toContain('Anna Hansen');
    expect(await confirmed.textContent()).toContain('Skærmen');

    // Staff sign up Dennis, who has no wall consent: marked in the picker, waiting as number 2.
    const combo = staff.page.getByRole('combobox', { name: 'Tilmeld en beboer' });
    await combo.fill('Den');
    const option = staff.page.getByRole('option', { name: /Dennis Berg/ });
    expect(await option.textContent()).toContain('ikke på skærmen');
    // A screenshot only: while a popover is open React Aria hides the rest of the page from
    // screen readers (aria-hidden outside it), which axe counts against the page.
    await staff.page.screenshot({
      path: 'test-output/screenshots/staff/activity-picker-office.png',
    });
    await option.click();
    await staff.page
      .locator('.acts-resident-picker')
      .getByRole('button', { name: 'Tilmeld', exact: true })
      .click();
    await staff.page.getByRole('heading', { name: 'Venteliste (2)' }).waitFor();
    expect(await staff.page.getByRole('table', { name: 'Venteliste (2)' }).textContent()).toMatch(
      /2Dennis Bergikke på skærmen/,
    );

    // Attendance on the day: Anna came.
    const came = staff.page.getByRole('checkbox', { name: 'Mødt: Anna Hansen' });
    await staff.page.locator('label.attendance', { has: came }).click();
    await expect.poll(() => came.isChecked()).toBe(true);
    await expect
      .poll(async () => {
        const rows = await t.server.store.db.selectFrom('attendance').select('data').execute();
        return rows.map((r) => JSON.parse(r.data) as Attendance);
      })
      .toEqual([
        { id: `${sang?.id}:r-anna`, activityId: sang?.id, residentId: 'r-anna', present: true },
      ]);
    await staff.check('activity-page');

    // Print: Chromium's PDF of the page in print media, turned into a PNG to look at.
    mkdirSync(PRINTS, { recursive: true });
    await staff.page.setViewportSize({ width: 1366, height: 768 });
    await staff.page.emulateMedia({ media: 'print' });
    expect(await staff.page.getByRole('navigation', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await staff.page.getByRole('button', { name: 'Udskriv liste' }).isVisible()).toBe(false);
    await staff.page.pdf({
      path: `${PRINTS}/signup-list.pdf`,
      format: 'A4',
      printBackground: true,
    });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      `${PRINTS}/signup-list.pdf`,
      `${PRINTS}/signup-list`,
    ]);
    const text = execFileSync('pdftotext', [
      '-layout',
      `${PRINTS}/signup-list.pdf`,
      '-',
    ]).toString();
    for (const expected of [
      'Sangkor',
      'Anna Hansen',
      'Frank Lund',
      'Gitte Dahl',
      'Dennis Berg',
      'Venteliste (2)',
    ])
      expect(text).toContain(expected);
    for (const absent of ['Tilmeld en beboer', 'Sådan ser den ud', 'Aktiviteter\n'])
      expect(text).not.toContain(absent);
    await staff.page.emulateMedia({ media: 'screen' });

    expect([...staff.problems, ...kiosk.problems]).toEqual([]);
    await kiosk.page.context().close();
    await staff.page.context().close();
  }, 180_000);
});
