/**
 * Booking a shared resource on the wall screen: a resident books a slot, a second kiosk sees it
 * as taken (by name: the resident has wall consent), a refused booking is explained with its
 * rule, and only the resident who booked can cancel.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/domain/model.js';
import { apply, type TestServer } from '../helpers/test-server.js';
import { resource } from '../helpers/fixtures.js';
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
  await apply(
    await t.staff(),
    'resource.put',
    resource('res-washer', {
      name: 'Vaskemaskine',
      pictogram: 'washing-machine',
      slotMinutes: 120,
      opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '08:00', to: '20:00' })),
      maxActivePerResident: 1,
    }),
  );
});
afterAll(async () => {
  await browser.close();
  await t.close();
});

/** A kiosk on the Book screen with the washing machine and tomorrow's slots shown. */
async function tomorrowsWasher(name: string): Promise<KioskPage> {
  const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
  await kiosk.open(t.url, (await enrolCode(t, name)).code);
  await kiosk.goTo('Book');
  await kiosk.page.getByRole('button', { name: 'I morgen', exact: true }).tap();
  await kiosk.page.getByRole('list', { name: 'Tider' }).waitFor();
  return kiosk;
}

const slot = (kiosk: KioskPage, time: string) =>
  kiosk.page
    .getByRole('list', { name: 'Tider' })
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`^${time.replace('.', '\\.')}`) });

async function activeBookings(): Promise<Booking[]> {
  const rows = await t.server.store.db.selectFrom('booking').select('data').execute();
  return rows.map((r) => JSON.parse(r.data) as Booking).filter((b) => b.status === 'active');
}

describe('booking on the wall screen', () => {
  it('books a slot that a second kiosk then sees as taken; the rule is explained when refused', async () => {
    const a = await tomorrowsWasher('Stuen');
    const b = await tomorrowsWasher('Gangen');
    await a.waitForText(slot(a, 'kl. 10.00'), 'Ledig');
    await a.check('40-book');

    // Anna books tomorrow 10-12: her photo, a clear question, "Ja".
    await slot(a, 'kl. 10.00').getByRole('button').tap();
    await a.dialog.getByRole('button', { name: /^Anna/ }).tap();
    await a.page
      .getByRole('dialog', { name: /^Vil du booke Vaskemaskine i morgen kl\. 10\.00/ })
      .waitFor();
    await a.check('41-book-confirm');
    await a.confirm('Ja, book tiden');
    await a.waitForText(slot(a, 'kl. 10.00'), 'Optaget af Anna');
    await a.undo.waitFor();

    // Kiosk B sees the slot taken without a reload, and cannot book it.
    await b.waitForText(slot(b, 'kl. 10.00'), 'Optaget af Anna');
    expect(await b.textOf(slot(b, 'kl. 10.00'))).not.toContain('Ledig');
    await b.check('42-book-taken');
    await expect
      .poll(activeBookings)
      .toMatchObject([{ residentId: 'r-anna', resourceId: 'res-washer' }]);

    // Anna may book once at a time: kiosk B explains instead of sending a doomed booking.
    await slot(b, 'kl. 14.00').getByRole('button').tap();
    await b.dialog.getByRole('button', { name: /^Anna/ }).tap();
    await b.waitForText(b.dialog, 'Anna kan ikke booke den tid.');
    await b.waitForText(b.dialog, 'Du kan booke 1 gang ad gangen.');
    await b.check('43-book-limit', ['standard']);
    await b.dialog.getByRole('button', { name: 'OK' }).tap();

    // Only Anna can cancel her booking: Bent is told it is not his.
    await slot(b, 'kl. 10.00').getByRole('button').tap();
    await b.dialog.getByRole('button', { name: /^Bent/ }).tap();
    await b.waitForText(b.dialog, 'Det er ikke din booking.');
    await b.dialog.getByRole('button', { name: 'OK' }).tap();
    await slot(b, 'kl. 10.00').getByRole('button').tap();
    await b.dialog.getByRole('button', { name: /^Anna/ }).tap();
    await b.confirm('Ja, aflys bookingen');
    await a.waitForText(slot(a, 'kl. 10.00'), 'Ledig');
    await expect.poll(activeBookings).toEqual([]);

    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  });
});
