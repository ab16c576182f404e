/**
 * A resident signs up, cancels, undoes, joins the waiting list and is promoted when someone
 * cancels on a second kiosk: the real server, two wall screens (two browser profiles), the real
 * UI in Debian's Chromium. Each step is what a resident sees.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SignUp } from '../../src/domain/model.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, newKioskContext } from './support/browser.js';
import { ACTIVITIES, enrolCode, seedCentre, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;
let t: TestServer;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  t = await startKioskServer();
  await seedCentre(t);
});
afterEach(async () => {
  await t.close();
});

async function activitiesOn(name: string): Promise<KioskPage> {
  const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
  await kiosk.open(t.url, (await enrolCode(t, name)).code);
  await kiosk.home.waitFor();
  await kiosk.goTo('Aktiviteter');
  await kiosk.waitForActivities(
    ACTIVITIES.banko.title,
    ACTIVITIES.walk.title,
    ACTIVITIES.baking.title,
  );
  return kiosk;
}

async function signUpRow(activityId: string, residentId: string): Promise<SignUp | undefined> {
  const row = await t.server.store.db
    .selectFrom('signup')
    .select('data')
    .where('activity_id', '=', activityId)
    .execute();
  return row.map((r) => JSON.parse(r.data) as SignUp).find((s) => s.residentId === residentId);
}

describe('signing up on the wall screen', () => {
  it('signs up, reaches a second kiosk live, cancels, and undoes', async () => {
    const a = await activitiesOn('Stuen');
    // The code is gone from the address bar; the token is kept for next time.
    expect(a.page.url()).toBe(`${t.url}/kiosk/?night=off`);
    expect(await a.page.evaluate(() => localStorage.getItem('citizen-guide.kiosk-token'))).toMatch(
      /.{20,}/,
    );
    const banko = a.activity(ACTIVITIES.banko.title);
    expect(await a.textOf(banko)).toMatch(/kl\. \d\d\.\d\d til \d\d\.\d\d/);
    expect(await a.textOf(banko)).toContain('Fælles stuen');
    expect(await a.textOf(banko)).toContain('6 ledige pladser');
    // Bent has wall consent; Dennis has not, so he is only counted.
    expect(await a.textOf(banko)).toContain('Tilmeldt: Bent +1');
    expect(await a.textOf(a.activity(ACTIVITIES.walk.title))).toContain('Der er venteliste');
    await a.check('01-activities');

    const b = await activitiesOn('Gangen');
    await b.waitForText(b.activity(ACTIVITIES.banko.title), 'Tilmeldt: Bent +1');

    // Anna signs up on kiosk A: her photo, then a big, clear confirm step.
    await (await a.show(banko)).getByRole('button', { name: 'Tilmeld', exact: true }).tap();
    expect(await a.dialog.getByRole('button', { name: /^Dennis/ }).count()).toBe(0);
    await a.check('02-picker');
    await a.dialog.getByRole('button', { name: /^Anna/ }).tap();
    await a.page
      .getByRole('dialog', { name: `Vil du tilmelde dig ${ACTIVITIES.banko.title}?` })
      .waitFor();
    await a.check('03-confirm');
    await a.confirm('Ja, tilmeld mig');
    await a.waitForText(banko, 'Anna er tilmeldt.');
    await a.waitForText(banko, 'Tilmeldt: Anna, Bent +1');
    await a.waitForText(banko, '5 ledige pladser');
    await a.undo.waitFor();
    await a.check('04-signed-up');

    // Kiosk B shows it without a reload (a live push into its cache).
    await b.waitForText(b.activity(ACTIVITIES.banko.title), 'Tilmeldt: Anna, Bent +1');
    await b.waitForText(b.activity(ACTIVITIES.banko.title), '5 ledige pladser');

    // Anna cancels on kiosk B.
    await b.pick(ACTIVITIES.banko.title, 'Anna', 'Afmeld');
    await b.confirm('Ja, afmeld mig');
    await a.waitForText(banko, 'Tilmeldt: Bent +1');
    await a.waitForText(banko, '6 ledige pladser');
    expect(await signUpRow(ACTIVITIES.banko.id, 'r-anna')).toMatchObject({ status: 'cancelled' });

    // Eva signs up on A and changes her mind: "Fortryd" takes it back.
    await a.pick(ACTIVITIES.banko.title, 'Eva');
    await a.confirm('Ja, tilmeld mig');
    await a.waitForText(banko, 'Tilmeldt: Bent, Eva +1');
    await a.undo.tap();
    await a.waitForText(banko, 'Tilmeldt: Bent +1');
    await b.waitForText(b.activity(ACTIVITIES.banko.title), 'Tilmeldt: Bent +1');
    await expect
      .poll(() => signUpRow(ACTIVITIES.banko.id, 'r-eva'))
      .toMatchObject({
        status: 'cancelled',
      });

    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  });

  it('puts a resident on the waiting list with their number, and promotes them when someone cancels on another kiosk', async () => {
    const a = await activitiesOn('Stuen');
    const b = await activitiesOn('Gangen');
    const walk = a.activity(ACTIVITIES.walk.title);
    expect(await a.textOf(walk)).toContain('Fuld');

    // Frank joins the full walk: the confirm step says it is the waiting list.
    await a.pick(ACTIVITIES.walk.title, 'Frank');
    await a.page
      .getByRole('dialog', { name: `Vil du på ventelisten til ${ACTIVITIES.walk.title}?` })
      .waitFor();
    await a.waitForText(a.dialog, 'Du bliver nummer 1 på ventelisten.');
    await a.check('05-waitlist-confirm');
    await a.confirm('Ja, skriv mig på ventelisten');
    await a.waitForText(walk, 'Frank er nummer 1 på ventelisten.');
    await a.check('06-waitlisted');
    await b.waitForText(b.activity(ACTIVITIES.walk.title), '1 på ventelisten');

    // Carla cancels on kiosk B: Frank moves up, and kiosk A shows it without a tap.
    await b.pick(ACTIVITIES.walk.title, 'Carla', 'Afmeld');
    await b.confirm('Ja, afmeld mig');
    await a.waitForText(walk, 'Frank er tilmeldt.');
    await a.waitForText(walk, 'Tilmeldt: Eva, Frank');
    expect(await a.textOf(walk)).not.toContain('på ventelisten');
    await b.waitForText(b.activity(ACTIVITIES.walk.title), 'Tilmeldt: Eva, Frank');
    await a.check('07-promoted');
    expect(await signUpRow(ACTIVITIES.walk.id, 'r-frank')).toMatchObject({
      status: 'confirmed',
      position: null,
    });

    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  });

  it('signs up once for a stray second and third touch on "Ja", and does not undo it', async () => {
    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    const { code, deviceId } = await enrolCode(t, 'Rystende hånd');
    await kiosk.open(t.url, code);
    await kiosk.goTo('Aktiviteter');
    await kiosk.waitForActivities(ACTIVITIES.walk.title);
    await kiosk.pick(ACTIVITIES.walk.title, 'Frank');
    const yes = kiosk.dialog.getByRole('button', { name: 'Ja, skriv mig på ventelisten' });
    const box = await yes.boundingBox();
    if (!box) throw new Error('no Ja button');
    // A shaky hand: three touches on the same spot in quick succession (real touch events), on
    // the right of "Ja": in portrait "Fortryd" comes up right there (checked below).
    const [x, y] = [box.x + box.width * 0.85, box.y + box.height / 2];
    for (let i = 0; i < 3; i++) await kiosk.page.touchscreen.tap(x, y);
    const walk = kiosk.activity(ACTIVITIES.walk.title);
    await kiosk.waitForText(walk, 'Frank er nummer 1 på ventelisten.');
    const undo = await kiosk.undo.boundingBox();
    expect(
      undo && x >= undo.x && x <= undo.x + undo.width && y >= undo.y && y <= undo.y + undo.height,
      `the touches at ${x},${y} should land on Fortryd ${JSON.stringify(undo)}`,
    ).toBe(true);
    const sent = await t.server.store.db
      .selectFrom('processed_mutation')
      .select('name')
      .where('principal', '=', `device:${deviceId}`)
      .execute();
    expect(sent.map((m) => m.name)).toEqual(['signup.add']);
    expect(await signUpRow(ACTIVITIES.walk.id, 'r-frank')).toMatchObject({ status: 'waitlisted' });
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });

  it('queues one sign-up for two quick touches on "Ja" offline, and the server gets one', async () => {
    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    const { code, deviceId } = await enrolCode(t, 'To tryk');
    await kiosk.open(t.url, code);
    await kiosk.goTo('Aktiviteter');
    await kiosk.waitForActivities(ACTIVITIES.banko.title);
    // Offline, so the change waits in the outbox where it can be counted.
    await kiosk.page.context().setOffline(true);
    await kiosk.waitForText(kiosk.banner, /ikke opdateret siden/);
    await kiosk.pick(ACTIVITIES.banko.title, 'Anna');
    const yes = kiosk.dialog.getByRole('button', { name: 'Ja, tilmeld mig' });
    const box = await yes.boundingBox();
    if (!box) throw new Error('no Ja button');
    // A shaky hand: two real touches on the middle of "Ja", one right after the other.
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await kiosk.page.touchscreen.tap(x, y);
    await kiosk.page.touchscreen.tap(x, y);
    const banko = kiosk.activity(ACTIVITIES.banko.title);
    await kiosk.waitForText(banko, 'Sendes, når der er forbindelse.');
    const outbox = (await kiosk.storedRows('outbox')).map((r) => r.name);
    expect(outbox).toEqual(['signup.add']);

    // Back online: sent once, one sign-up row, and nothing undone.
    await kiosk.page.context().setOffline(false);
    await kiosk.waitForText(banko, 'Anna er tilmeldt.', 30_000);
    // The card says so from the pending change as soon as the line is back; the outbox is sent
    // after the socket's reconnect (its back-off), so wait for the row as long as for the card.
    await expect
      .poll(() => signUpRow(ACTIVITIES.banko.id, 'r-anna'), { timeout: 30_000 })
      .toMatchObject({
        status: 'confirmed',
      });
    const rows = await t.server.store.db
      .selectFrom('signup')
      .select('data')
      .where('activity_id', '=', ACTIVITIES.banko.id)
      .execute();
    const anna = rows
      .map((r) => JSON.parse(r.data) as SignUp)
      .filter((r) => r.residentId === 'r-anna');
    expect(anna).toHaveLength(1);
    const sent = await t.server.store.db
      .selectFrom('processed_mutation')
      .select('name')
      .where('principal', '=', `device:${deviceId}`)
      .execute();
    expect(sent.map((m) => m.name)).toEqual(['signup.add']);
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });

  it('asks "Er du færdig?" before the idle time closes a half-done sign-up', async () => {
    const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
    await kiosk.open(t.url, (await enrolCode(t, 'Idle')).code, '?night=off&idle=15');
    await kiosk.goTo('Aktiviteter');
    await kiosk.pick(ACTIVITIES.banko.title, 'Anna');
    const question = kiosk.page.getByRole('dialog', { name: 'Er du færdig?' });
    await question.waitFor({ timeout: 25_000 });
    await kiosk.check('08-idle-question', ['standard']);
    await question.getByRole('button', { name: 'Nej, jeg er her' }).tap();
    // The half-done sign-up is still there to finish.
    await kiosk.confirm('Ja, tilmeld mig');
    await kiosk.waitForText(kiosk.activity(ACTIVITIES.banko.title), 'Anna er tilmeldt.');
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });
});
