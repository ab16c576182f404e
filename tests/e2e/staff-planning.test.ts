/**
 * Planning in the staff admin, in Chromium against the real server: staff make a weekday
 * template for a resident, fill the resident's week from it, and copy last week's duty roster to
 * this week; a running kiosk shows the resident's new item (marked "Ændret", it is new today) and
 * who is on duty now. The resources page shows the booking rules. axe-core and screenshots at
 * 1366×768 and 390×844 on each page and dialog.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayItem, Shift } from '../../src/domain/model.js';
import { dayOf, weekdayOf } from '../../src/domain/rules/days.js';
import { weekdayWord } from '../../src/ui/staff/shell/week.js';
import { resource } from '../helpers/fixtures.js';
import { apply, type TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { enrolCode, seedCentre, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { newStaffContext, StaffPage, staffUser } from './support/staff.js';
import { ensureUiBuilt } from './support/ui-build.js';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

let browser: Browser;
let t: TestServer;
let timeZone: string;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  ({ timeZone } = await seedCentre(t));
  const admin = await t.staff();
  // Last week, on today's weekday: Sara's shift from an hour ago to four hours from now.
  const now = Date.now();
  await apply(admin, 'shift.put', {
    id: 'sh-sara-last-week',
    staffName: 'Sara',
    photo: null,
    start: new Date(now - WEEK - HOUR).toISOString(),
    end: new Date(now - WEEK + 4 * HOUR).toISOString(),
    groupId: null,
  });
  await apply(
    admin,
    'resource.put',
    resource('washer', { name: 'Vaskemaskine', maxActivePerResident: 2, releaseAfterMinutes: 15 }),
  );
});
afterAll(async () => {
  await browser.close();
  await t.close();
});

const rows = async <T>(table: 'dayitem' | 'shift'): Promise<T[]> =>
  (await t.server.store.db.selectFrom(table).select('data').execute()).map(
    (r) => JSON.parse(r.data) as T,
  );

describe('planning in the staff admin', () => {
  it("fills a resident's week from a template and copies the roster; the kiosk shows both", async () => {
    const today = dayOf(new Date(), timeZone);
    const weekday = weekdayWord(weekdayOf(today), 'da');
    const { username, password } = await staffUser(t, 'staff', 'Mette Sørensen');
    const staff = new StaffPage(await (await newStaffContext(browser)).newPage());
    staff.page.setDefaultTimeout(15_000);
    await staff.signIn(t.url, username, password);

    // Day structure: Anna's week, a template for today's weekday, then fill the week.
    await staff.openMenu('Dagsstruktur');
    await staff.page.getByRole('heading', { name: 'Dagsstruktur', level: 1 }).waitFor();
    await staff.page.getByRole('button', { name: /Hvis dagsstruktur/ }).click();
    await staff.page.getByRole('option', { name: 'Anna Hansen' }).click();
    await staff.page.getByRole('button', { name: `Tilføj skabelon: ${weekday}` }).click();
    const dialog = staff.page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Hvad' }).fill('Svømning');
    await staff.check('planning-template-dialog');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });
    await staff.page.getByRole('button', { name: 'Fyld ugen fra skabeloner' }).click();
    const todayColumn = staff.page.locator('.week-grid .week-day.today');
    await todayColumn.getByText('Svømning').waitFor();
    await todayColumn.getByText('Ændret i dag').waitFor();
    await staff.check('planning-day-structure');

    const items = (await rows<DayItem>('dayitem')).filter((i) => i.residentId === 'r-anna');
    expect(items.filter((i) => i.title === 'Svømning').map((i) => [i.date, i.changedOn])).toEqual([
      [today, today],
    ]);

    // Duty roster: last week's shift copied to this week.
    await staff.openMenu('Vagtplan');
    await staff.page.getByRole('heading', { name: 'Vagtplan', level: 1 }).waitFor();
    await staff.page.getByRole('button', { name: 'Kopiér forrige uge hertil' }).click();
    await staff.page.locator('.week-grid .week-day.today').getByText('Sara').waitFor();
    await staff.check('planning-roster');
    const shifts = await rows<Shift>('shift');
    expect(shifts.filter((s) => s.staffName === 'Sara')).toHaveLength(2);

    // The kiosk: Sara on duty now, Anna's new item in her day, marked as changed today.
    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    const { code } = await enrolCode(t, 'Planlægning');
    await kiosk.open(t.url, code);
    await kiosk.home.waitFor();
    await kiosk.goTo('Personale');
    await kiosk.waitForText(kiosk.page.locator('main'), 'Sara');
    await kiosk.goTo('Min dag');
    await kiosk.page.getByRole('button', { name: 'Anna', exact: true }).click();
    await kiosk.page.getByRole('heading', { name: 'Annas dag' }).waitFor();
    const timeline = kiosk.page.locator('.timeline');
    await kiosk.waitForText(timeline, 'Svømning');
    await kiosk.waitForText(timeline.getByRole('article', { name: 'Svømning' }), 'Ændret');

    // Anna's dryer slot about to begin: the kiosk offers "Jeg bruger den nu", and the tap keeps
    // it. Ten-minute slots given back after nine, starting at the next ten minutes: the sweep
    // cannot give it back while the test runs.
    await apply(
      await t.staff(),
      'resource.put',
      resource('dryer', { name: 'Tørretumbler', slotMinutes: 10, releaseAfterMinutes: 9 }),
    );
    const tens = 10 * 60_000;
    const slotStart = Math.ceil(Date.now() / tens) * tens;
    await apply(await t.staff(), 'booking.add', {
      bookingId: 'b-anna-now',
      resourceId: 'dryer',
      residentId: 'r-anna',
      start: new Date(slotStart).toISOString(),
      end: new Date(slotStart + tens).toISOString(),
    });
    await kiosk.goTo('Book');
    await kiosk.page.getByRole('button', { name: 'Tørretumbler' }).click();
    const start = kiosk.page.getByRole('button', { name: /Anna: Jeg bruger den nu/ });
    await start.waitFor();
    await kiosk.check('planning-book-start', ['standard']);
    await start.click();
    await kiosk.waitForText(kiosk.page.locator('.start-bookings'), 'Anna bruger den nu');
    await expect
      .poll(async () => {
        const row = await t.server.store.db
          .selectFrom('booking')
          .select('data')
          .where('id', '=', 'b-anna-now')
          .executeTakeFirstOrThrow();
        return (JSON.parse(row.data) as { startedAt?: string | null }).startedAt ?? null;
      })
      .not.toBeNull();
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();

    // Resources and their booking rules.
    await staff.openMenu('Booking');
    await staff.page.getByRole('heading', { name: 'Vaskemaskine' }).waitFor();
    await staff.check('planning-resources');
    await staff.page.getByRole('button', { name: 'Redigér Vaskemaskine' }).click();
    await staff.page.getByRole('dialog').waitFor();
    await staff.check('planning-resource-dialog');
    await staff.page.context().close();
  });
});
