import { createServer, type Socket } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignUp } from '../../src/domain/model.js';
import { HOUR } from '../helpers/fixtures.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { ACTIVITIES, enrolCode, seedCentre, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** Until the service worker controls the page and holds the page itself in its cache. */
async function pageKeptOffline(kiosk: KioskPage): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ready = await kiosk.page.evaluate(
      async () =>
        navigator.serviceWorker.controller !== null &&
        (await caches.match('/kiosk/')) !== undefined,
    );
    if (ready) return;
    await kiosk.page.waitForTimeout(100);
  }
  throw new Error('the service worker never took over the kiosk page');
}

describe('the kiosk offline', () => {
  it('keeps the day on screen, queues sign-ups through a reload, and sends them once when the server is back', async () => {
    let server: TestServer | null = await startKioskServer();
    try {
      const t = server;
      await seedCentre(t);
      const { port, url } = t.server;
      const dataDir = t.dataDir;
      const { code, deviceId } = await enrolCode(t, 'Stuen');
      const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
      await kiosk.open(url, code);
      await kiosk.goTo('Aktiviteter');
      await kiosk.waitForActivities(ACTIVITIES.banko.title, ACTIVITIES.walk.title);
      await pageKeptOffline(kiosk);

      // The server stops for real. The day stays on screen, with a calm note of its age.
      await t.server.close();
      server = null;
      await kiosk.waitForText(kiosk.banner, /^Skærmen er ikke opdateret siden kl\. \d\d\.\d\d\.$/);
      const banko = kiosk.activity(ACTIVITIES.banko.title);
      const walk = kiosk.activity(ACTIVITIES.walk.title);
      expect(await kiosk.textOf(banko)).toContain('Tilmeldt: Bent +1');
      await kiosk.check('20-offline');

      // Anna signs up offline: it waits in the outbox, and the card says so.
      await kiosk.pick(ACTIVITIES.banko.title, 'Anna');
      await kiosk.confirm('Ja, tilmeld mig');
      await kiosk.waitForText(banko, 'Anna er tilmeldt. Sendes, når der er forbindelse.');
      // Counted the same way everywhere (issue 11): named, in the count, and in the undo bar.
      expect(await kiosk.textOf(banko)).toContain('Tilmeldt: Anna, Bent +1');
      await kiosk.waitForText(
        kiosk.page.locator('.undo-bar'),
        'Anna er tilmeldt Banko. Sendes, når der er forbindelse.',
      );
      await kiosk.check('21-offline-sent');
      // Frank joins the full walk's waiting list; it will have begun when the server hears of it.
      await kiosk.pick(ACTIVITIES.walk.title, 'Frank');
      await kiosk.confirm('Ja, skriv mig på ventelisten');
      await kiosk.waitForText(walk, 'Frank er på ventelisten. Sendes, når der er forbindelse.');
      await kiosk.waitForText(kiosk.banner, '2 ændringer venter på at blive sendt.');

      // A reload without the server: the page and its pictograms come from the service worker,
      // the day and the outbox from IndexedDB.
      await kiosk.page.reload();
      await kiosk.goTo('Aktiviteter');
      await kiosk.waitForActivities(ACTIVITIES.banko.title, ACTIVITIES.walk.title);
      await kiosk.waitForText(banko, 'Anna er tilmeldt. Sendes, når der er forbindelse.');
      await kiosk.waitForText(walk, 'Frank er på ventelisten. Sendes, når der er forbindelse.');
      await kiosk.waitForText(
        kiosk.banner,
        /^Skærmen er ikke opdateret siden kl\. \d\d\.\d\d\. 2 ændringer venter på at blive sendt\.$/,
      );
      const pictograms = await kiosk.page.evaluate(() =>
        [...document.querySelectorAll<HTMLImageElement>('img.picto')].map((i) => i.naturalWidth),
      );
      expect(pictograms.length).toBeGreaterThan(3);
      expect(pictograms.filter((w) => w === 0)).toEqual([]);
      await kiosk.check('22-offline-reloaded');

      // A server machine that is there but does not answer (a hung box, a half-open network):
      // the page still opens from the cache within seconds instead of waiting on the network.
      const sockets = new Set<Socket>();
      const silent = createServer((socket) => void sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
      const started = Date.now();
      await kiosk.page.reload({ waitUntil: 'commit', timeout: 15_000 });
      await kiosk.home.waitFor({ timeout: 15_000 });
      expect(Date.now() - started).toBeLessThan(8000);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await kiosk.goTo('Aktiviteter');
      await kiosk.waitForText(banko, 'Anna er tilmeldt. Sendes, når der er forbindelse.');

      // The server comes back on the same port and data, two hours later by its clock (the
      // kiosk was offline for hours): Banko still takes sign-ups, the walk has begun.
      server = await startKioskServer({
        dataDir,
        port,
        now: () => new Date(Date.now() + 2 * HOUR),
      });
      await kiosk.waitForText(banko, 'Tilmeldt: Anna, Bent +1', 30_000);
      await kiosk.waitForText(
        kiosk.notices,
        'Frank blev ikke tilmeldt Gåtur i parken. Aktiviteten er begyndt.',
      );
      await kiosk.banner.waitFor({ state: 'detached' });
      expect(await kiosk.page.getByText('Sendes, når der er forbindelse').count()).toBe(0);
      await kiosk.check('23-back-online');
      await kiosk.notices.getByRole('button', { name: 'OK' }).tap();
      await kiosk.notices.waitFor({ state: 'detached' });

      // Applied exactly once: one answer per mutation id, one sign-up row, one more place taken.
      const db = server.server.store.db;
      const outcomes = await db
        .selectFrom('processed_mutation')
        .select(['name', 'outcome'])
        .where('principal', '=', `device:${deviceId}`)
        .execute();
      const statuses = outcomes.map(
        (o) => `${o.name} ${(JSON.parse(o.outcome) as { status: string }).status}`,
      );
      expect(statuses.sort()).toEqual(['signup.add applied', 'signup.add rejected']);
      const rows = await db
        .selectFrom('signup')
        .select('data')
        .where('activity_id', '=', ACTIVITIES.banko.id)
        .execute();
      const anna = rows
        .map((r) => JSON.parse(r.data) as SignUp)
        .filter((s) => s.residentId === 'r-anna');
      expect(anna).toMatchObject([{ status: 'confirmed', source: 'kiosk' }]);
      const activity = await db
        .selectFrom('activity')
        .select('data')
        .where('id', '=', ACTIVITIES.banko.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(activity.data)).toMatchObject({ confirmedCount: 3 });
      // Nothing left to send after another reload.
      await kiosk.page.reload();
      await kiosk.goTo('Aktiviteter');
      await kiosk.waitForText(banko, 'Tilmeldt: Anna, Bent +1');
      expect(await kiosk.page.getByText('Sendes').count()).toBe(0);
      expect(kiosk.problems).toEqual([]);
      await kiosk.page.context().close();
    } finally {
      await server?.close();
    }
  });
});
