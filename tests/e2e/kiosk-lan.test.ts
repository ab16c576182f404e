/**
 * Issue 8 section 2, the offline promise on a real network. A kiosk opens the server by a name
 * that is not localhost (`centre.test`, mapped to this machine): over plain HTTP that is no
 * secure context, the service worker cannot register, and the page must say so; over HTTPS,
 * with the centre's CA trusted in Chromium's certificate store (certutil, as the README says),
 * the kiosk enrols, shows the day, and a reload with the server stopped still shows the day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/test-server.js';
import { homeTrusting, makeTestCertificate, type TestCertificate } from '../helpers/tls.js';
import { ACTIVITIES, enrolCode, seedCentre, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { LAN_HOST, launchLanKiosk } from './support/lan-browser.js';
import { ensureUiBuilt } from './support/ui-build.js';

const WARNING = 'Denne skærm kan ikke virke uden net';

let cert: TestCertificate;
beforeAll(() => {
  ensureUiBuilt();
  cert = makeTestCertificate([LAN_HOST]);
});

/** Until the service worker controls the page and holds the page itself in its cache. */
async function pageKeptOffline(kiosk: KioskPage): Promise<void> {
  for (let i = 0; i < 150; i++) {
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

describe('a kiosk on the centre’s network', () => {
  let t: TestServer | null = null;
  afterAll(async () => {
    await t?.close();
  });

  it('over http://centre.test says on screen that it cannot work offline, and not on localhost', async () => {
    t = await startKioskServer();
    const { port } = t.server;
    const context = await launchLanKiosk();
    try {
      const kiosk = new KioskPage(await context.newPage());
      await kiosk.open(`http://${LAN_HOST}:${port}`);
      await kiosk.page.getByRole('heading', { level: 1, name: WARNING }).waitFor();
      expect(await kiosk.page.evaluate(() => window.isSecureContext)).toBe(false);
      const text = await kiosk.textOf(kiosk.page.getByRole('main'));
      expect(text).toContain('Til IT: Åbn siden med https:// i stedet.');
      expect(text).toContain(`Åbnet som: http://${LAN_HOST}:${port}/kiosk/`);
      await kiosk.check('30-lan-http-warning', ['standard']);
      // The same server from this machine (loopback: a secure context) shows no warning.
      await kiosk.open(t.url);
      await kiosk.page.getByRole('heading', { name: 'Skærmen er ikke tilmeldt' }).waitFor();
      expect(await kiosk.page.getByText(WARNING).count()).toBe(0);
      expect(kiosk.problems).toEqual([]);
    } finally {
      await context.close();
      await t.close();
      t = null;
    }
  });

  it('over https://centre.test enrols, shows the day, and reloads it offline from the service worker', async () => {
    // The centre is written over plain HTTP (the helpers' fetch does not know the test CA),
    // then the same data and port are served over HTTPS.
    t = await startKioskServer();
    await seedCentre(t);
    await t.restart({ tls: cert.files });
    const origin = `https://${LAN_HOST}:${t.server.port}`;
    const { code } = await enrolCode(t, 'Stuen');
    const context = await launchLanKiosk(homeTrusting(cert.caFile));
    try {
      const kiosk = new KioskPage(await context.newPage());
      await kiosk.open(origin, code);
      expect(await kiosk.page.evaluate(() => window.isSecureContext)).toBe(true);
      await kiosk.goTo('Aktiviteter');
      await kiosk.waitForActivities(ACTIVITIES.banko.title, ACTIVITIES.walk.title);
      expect(await kiosk.page.getByText(WARNING).count()).toBe(0);
      // The media cookie came as __Host- and Secure (only an https page can be given one).
      const cookies = await context.cookies(origin);
      expect(cookies.map((c) => [c.name, c.secure, c.httpOnly])).toEqual([
        ['__Host-cg_device', true, true],
      ]);
      await pageKeptOffline(kiosk);

      await t.close();
      t = null;
      await kiosk.page.reload();
      await kiosk.goTo('Aktiviteter');
      await kiosk.waitForActivities(ACTIVITIES.banko.title, ACTIVITIES.walk.title);
      await kiosk.waitForText(kiosk.banner, /^Skærmen er ikke opdateret siden kl\. \d\d\.\d\d\.$/);
      expect(await kiosk.textOf(kiosk.activity(ACTIVITIES.banko.title))).toContain(
        'Tilmeldt: Bent +1',
      );
      await kiosk.check('31-lan-https-offline-reloaded', ['standard']);
      expect(kiosk.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
