/**
 * The staff admin's frame in Chromium against the real server: sign-in (wrong password, then
 * right), the menu of tasks, the session surviving a reload, a staff user not seeing the admin's
 * entries, logout wiping the browser's cache, and every state free of axe violations.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium } from './support/browser.js';
import { startKioskServer } from './support/centre.js';
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

describe('the staff admin frame', () => {
  it('signs in, shows the tasks, keeps the session over a reload, and logs out wiping the cache', async () => {
    const { username, password } = await staffUser(t, 'admin', 'Mette Sørensen');
    const ctx = await newStaffContext(browser);
    const staff = new StaffPage(await ctx.newPage());
    await staff.page.goto(`${t.url}/staff/`);
    await staff.check('login');

    await staff.page.getByLabel('Brugernavn').fill(username);
    await staff.page.getByLabel('Adgangskode').fill('wrong password');
    await staff.page.getByRole('button', { name: 'Log ind' }).click();
    await expect
      .poll(() => staff.page.getByRole('alert').textContent())
      .toContain('Brugernavn eller adgangskode er forkert');

    await staff.page.getByLabel('Adgangskode').fill(password);
    await staff.page.getByRole('button', { name: 'Log ind' }).click();
    const nav = staff.page.getByRole('navigation', { name: 'Menu' });
    await nav.waitFor();
    for (const task of [
      'I dag',
      'Nyheder',
      'Madplan',
      'Aktiviteter',
      'Dagsstruktur',
      'Vagtplan',
      'Beboere',
      'Pårørende',
      'Skærme',
      'Brugere',
    ])
      await expect(nav.getByRole('link', { name: task, exact: true }).count(), task).resolves.toBe(
        1,
      );
    // The cache fills from the server over the cookie-authenticated socket: the centre's name.
    await staff.page.getByText('Solsikken', { exact: false }).first().waitFor();
    await staff.check('frame');

    await staff.page.reload();
    await nav.waitFor();

    await staff.page.getByRole('button', { name: /Logget ind som Mette Sørensen/ }).click();
    await staff.page.getByRole('menuitem', { name: 'Log ud' }).click();
    await staff.page.getByRole('button', { name: 'Log ind' }).waitFor();
    const databases = await staff.page.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name),
    );
    expect(databases).not.toContain('citizen-guide-staff');
    await staff.page.reload();
    await staff.page.getByRole('button', { name: 'Log ind' }).waitFor();
    await ctx.close();
  });

  it('shows a staff user no admin-only entry, and an unknown address says so', async () => {
    const { username, password } = await staffUser(t, 'staff', 'Jonas');
    const ctx = await newStaffContext(browser);
    const staff = new StaffPage(await ctx.newPage());
    await staff.signIn(t.url, username, password);
    const nav = staff.page.getByRole('navigation', { name: 'Menu' });
    expect(await nav.getByRole('link', { name: 'Brugere', exact: true }).count()).toBe(0);
    await staff.page.goto(`${t.url}/staff/no/such/page`);
    await staff.page.getByRole('heading', { name: 'Siden findes ikke.' }).waitFor();
    await ctx.close();
  });
});
