/**
 * The staff admin's operations in Chromium against the real server: staff add a kiosk from the
 * browser and see its code, QR code and expiry; a kiosk page enrols with that code and shows as
 * on, with its version, on Skærme; a message to the wall sent from the browser appears on the
 * kiosk, large with read-aloud, and is gone at its end time without a reload. Then I dag, Brugere,
 * Log and Evaluering as an admin sees them. Every state: axe-core with no violations and
 * screenshots at 1366×768 and 390×844 (kiosk: portrait and landscape).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallNotice } from '../../src/domain/model.js';
import { localTimeOf } from '../../src/domain/rules/days.js';
import { apply, type TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { seedCentre, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { newStaffContext, StaffPage, staffUser } from './support/staff.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;
let t: TestServer;
let timeZone: string;
let admin: { username: string; password: string };

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  ({ timeZone } = await seedCentre(t));
  const staff = await t.staff();
  const start = new Date(Date.now() - 60 * 60_000);
  await apply(staff, 'shift.put', {
    id: 'sh-1',
    staffName: 'Mette',
    photo: null,
    start: start.toISOString(),
    end: new Date(start.getTime() + 8 * 60 * 60_000).toISOString(),
    groupId: null,
  });
  // Logins made in the database (as the command line does) reach staff's caches at the next start.
  admin = await staffUser(t, 'admin', 'Anne Admin');
  await t.restart();
}, 240_000);
afterAll(async () => {
  await browser.close();
  await t.close();
});

/** Types "HH:mm" into a React Aria time field, segment by segment as a person would. */
async function typeTime(staff: StaffPage, label: string, hhmm: string): Promise<void> {
  const group = staff.page.getByRole('group', { name: label, exact: true });
  await group.getByRole('spinbutton').first().click();
  await staff.page.keyboard.type(hhmm.replace(':', ''));
}

/** The one wall notice on the server, as staff last wrote it. */
async function storedNotice(): Promise<WallNotice> {
  const row = await t.server.store.db
    .selectFrom('wallnotice')
    .select('data')
    .executeTakeFirstOrThrow();
  return JSON.parse(row.data) as WallNotice;
}
const until = (n: WallNotice): number => Date.parse(n.until);

/** The next whole minute at least 25 s away: the shortest end a person can type. */
function shortEnd(): Date {
  const minute = 60_000;
  let end = Math.ceil(Date.now() / minute) * minute;
  if (end - Date.now() < 25_000) end += minute;
  return new Date(end);
}

describe('kiosks and a message to the wall from the staff admin', () => {
  it('adds a kiosk, enrols it with its code, and a message shows on it until its end time', async () => {
    const { username, password } = admin;
    const staff = new StaffPage(await (await newStaffContext(browser)).newPage());
    staff.page.setDefaultTimeout(15_000);
    await staff.signIn(t.url, username, password, '/kiosks');
    await staff.page.getByRole('heading', { name: 'Skærme', level: 1 }).waitFor();
    await staff.page.getByText('Der er ingen skærme endnu. Tilføj den første.').waitFor();
    await staff.check('kiosks-empty');

    await staff.page.getByRole('button', { name: 'Tilføj skærm' }).click();
    const dialog = staff.page.getByRole('dialog');
    await dialog.getByLabel('Navn', { exact: true }).fill('Gangen');
    await dialog.getByLabel('Placering').fill('Ved døren');
    await staff.check('kiosk-add');
    await dialog.getByRole('button', { name: 'Opret skærm' }).click();
    const created = staff.page.getByRole('region', { name: 'Skærmen "Gangen" er oprettet' });
    await created.waitFor();
    const code = ((await created.locator('.ops-code').textContent()) ?? '').trim();
    expect(code).toMatch(/\S{4,}/);
    expect(await created.locator('.ops-address').textContent()).toBe(
      `${t.url}/kiosk/#enrol=${code}`,
    );
    expect(await created.textContent()).toMatch(/Koden virker til i dag kl\. \d\d\.\d\d\./);
    await created.getByRole('img', { name: 'QR-kode med skærmens adresse og kode' }).waitFor();
    await staff.check('kiosk-created');

    // The kiosk on the wall: its page opened with the code, as the QR code would open it.
    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    await kiosk.open(t.url, code);
    await kiosk.home.waitFor({ timeout: 20_000 });
    expect(kiosk.page.url()).not.toContain(code);

    // Staff see it on, with what it runs, without reloading.
    await staff.page.getByRole('button', { name: 'Færdig' }).click();
    const card = staff.page.getByRole('listitem').filter({ hasText: 'Gangen' });
    await card.getByText('Tændt').waitFor({ timeout: 20_000 });
    await card.getByText(/^kiosk \d+\.\d+\.\d+$/).waitFor();
    await card.getByText(/^i dag kl\. \d\d\.\d\d$/).waitFor();
    await staff.check('kiosks');

    // A message to the wall, ending at the next minute.
    await staff.openMenu('Besked til skærmen');
    await staff.page.getByRole('heading', { name: 'Besked til skærmen', level: 1 }).waitFor();
    const text = 'Bussen er forsinket. Vi kører kl. 10.30.';
    await staff.page.getByRole('textbox', { name: 'Besked', exact: true }).fill(text);
    const end = shortEnd();
    await typeTime(staff, 'Vis til klokken', localTimeOf(end, timeZone));
    await staff.check('wall-message-form');
    await staff.page.getByRole('button', { name: 'Vis beskeden nu' }).click();
    await staff.page
      .getByRole('region', { name: 'Beskeder på skærmene nu' })
      .getByText(text)
      .waitFor();

    const notice = kiosk.page.getByRole('region', { name: 'Besked fra personalet' });
    await notice.getByText(text).waitFor({ timeout: 10_000 });
    await notice.getByRole('button', { name: 'Læs højt' }).waitFor();
    await kiosk.page.evaluate(() => {
      (window as unknown as { sameLoad: boolean }).sameLoad = true;
    });
    await kiosk.check('wall-notice', ['standard']);
    await staff.check('wall-message-sent');

    // Gone at its end time, by itself. The form's end is a whole minute (up to 85 s away);
    // to keep the run short the same notice is given an end 3 s from now through the same
    // mutation the form sends (the kiosk's timing rule is the same, and jsdom tests the rest).
    expect(until(await storedNotice())).toBe(end.getTime());
    // The socket and the stored row first: "3 s from now" must be counted from the moment the
    // mutation goes (a login on a busy machine took longer than 3 s, and the end was past).
    const staffSocket = await t.staff();
    const stored = await storedNotice();
    const soon = new Date(Date.now() + 3000);
    await apply(staffSocket, 'wallnotice.put', { ...stored, until: soon.toISOString() });
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(soon.getTime() - 1000);
    expect(
      await kiosk.page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad),
    ).toBe(true);
    await staff.page
      .getByText('Der er ingen beskeder på skærmene lige nu.')
      .waitFor({ timeout: 20_000 });
    expect(kiosk.problems).toEqual([]);
    expect(staff.problems).toEqual([]);
    await kiosk.page.context().close();
    await staff.page.context().close();
  }, 240_000);

  it('shows an admin I dag, Brugere, Log and Evaluering', async () => {
    const { username, password } = admin;
    const staff = new StaffPage(await (await newStaffContext(browser)).newPage());
    staff.page.setDefaultTimeout(15_000);
    await staff.signIn(t.url, username, password);
    await staff.page.getByRole('heading', { name: 'I dag', level: 1 }).waitFor();
    await staff.page
      .getByRole('region', { name: 'Dagens aktiviteter' })
      .getByText(/tilmeldt/)
      .first()
      .waitFor();
    await staff.page.getByRole('region', { name: 'På arbejde i dag' }).getByText('Mette').waitFor();
    await staff.check('today');

    await staff.openMenu('Brugere');
    await staff.page.getByRole('heading', { name: 'Brugere', level: 1 }).waitFor();
    await staff.page.getByRole('button', { name: 'Opret bruger' }).click();
    const dialog = staff.page.getByRole('dialog');
    await dialog.getByLabel('Navn', { exact: true }).fill('Karen Jensen');
    await dialog.getByLabel('Brugernavn').fill('karen');
    await dialog.getByLabel('Adgangskode til første login').fill('første-kode-123');
    await dialog.getByRole('button', { name: 'Opret bruger' }).click();
    await staff.page.getByRole('heading', { name: /Karen Jensen/ }).waitFor();
    await staff.page
      .getByRole('heading', { name: /Anne Admin/ })
      .getByText('Dig')
      .first()
      .waitFor();
    await staff.check('users');

    await staff.openMenu('Log');
    await staff.page.getByRole('heading', { name: 'Log', level: 1 }).waitFor();
    await staff.page
      .getByRole('grid', { name: 'Ændringer' })
      .getByText('Bruger oprettet')
      .first()
      .waitFor();
    await staff.page
      .getByRole('grid', { name: 'Ændringer' })
      .getByText('Karen Jensen')
      .first()
      .waitFor();
    await staff.check('audit');

    await staff.openMenu('Evaluering');
    await staff.page.getByRole('heading', { name: 'Evaluering', level: 1 }).waitFor();
    await staff.page
      .getByRole('img', { name: 'Søjler pr. uge: på skærmen og af personalet' })
      .waitFor();
    await staff.check('evaluation');
    expect(staff.problems).toEqual([]);
    await staff.page.context().close();
  }, 120_000);
});
