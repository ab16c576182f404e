/**
 * Residents and relatives in Chromium against the real server (issue 9, people): staff record a
 * resident's consent per channel, invite a relative for them (a link and its QR code), the
 * relative accepts in a second browser (a phone) and is logged in; staff remove the access and
 * the relative's page says they are logged out at once (its socket closed and refused). Export
 * and erase from the resident's page. Every page: axe-core clean, screenshots at 1366×768 and
 * 390×844.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium } from './support/browser.js';
import { startKioskServer } from './support/centre.js';
import { newStaffContext, PHONE, StaffPage, staffUser } from './support/staff.js';
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

describe('residents and relatives', () => {
  it('consent, invite, accept in a second browser, remove access: the relative is logged out', async () => {
    const { username, password } = await staffUser(t, 'staff', 'Mette Sørensen');
    const ctx = await newStaffContext(browser);
    const staff = new StaffPage(await ctx.newPage());
    await staff.signIn(t.url, username, password);
    await staff.openMenu('Beboere');
    const page = staff.page;
    await page.getByRole('heading', { level: 1, name: 'Beboere' }).waitFor();
    await page.getByRole('link', { name: 'Anna', exact: true }).waitFor();
    await expect.poll(() => page.getByLabel('Væg: intet samtykke').count()).toBeGreaterThan(0); // Dennis is not on the wall
    await staff.check('residents');

    await page.getByRole('link', { name: 'Anna', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Beboer: Anna' }).waitFor();
    await staff.check('resident-edit');
    const relatives = page.getByRole('radiogroup', { name: /Pårørende må se/ });
    await relatives.getByText('Ja, en værge har givet samtykke').click();
    await page.getByRole('button', { name: 'Gem beboer' }).click();
    await page.getByText('Gemt', { exact: true }).waitFor();
    await relatives.getByText(/Skrevet af Mette Sørensen i dag/).waitFor();

    await staff.openMenu('Pårørende');
    await page.getByRole('heading', { level: 1, name: 'Pårørende' }).waitFor();
    await staff.check('relatives');
    await page.getByRole('button', { name: 'Inviter pårørende' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inviter en pårørende' });
    await dialog.getByLabel(/Den pårørendes navn/).fill('Hanne Jensen');
    await dialog.getByRole('checkbox', { name: 'Anna', exact: true }).check({ force: true });
    await staff.check('relatives-invite');
    await dialog.getByRole('button', { name: 'Lav link' }).click();
    const card = page.getByRole('status').filter({ hasText: 'Link til Hanne Jensen' });
    await card.waitFor();
    await card.getByText('Linket virker, når invitationen er gemt på serveren.').waitFor({
      state: 'detached',
    });
    const link = (await card.getByLabel('Link').textContent()) ?? '';
    expect(link).toMatch(/\/family\/invite#[A-Za-z0-9_-]{43}$/);
    expect(await card.getByRole('img', { name: /QR-kode/ }).count()).toBe(1);
    await staff.check('relatives-link');

    // The relative, on their phone, in a browser of their own.
    const phone = await browser.newContext({ viewport: PHONE, locale: 'da-DK' });
    const family = new StaffPage(await phone.newPage());
    await family.page.goto(link);
    await family.page.getByRole('heading', { name: 'Velkommen' }).waitFor();
    await family.check('family-accept');
    await family.page.getByLabel('Adgangskode', { exact: true }).fill('en god lang adgangskode');
    await family.page.getByLabel('Skriv adgangskoden igen').fill('en god lang adgangskode');
    await family.page.getByRole('button', { name: 'Opret adgang' }).click();
    await family.page.getByRole('heading', { name: 'Du er logget ind' }).waitFor();
    expect(family.page.url()).not.toContain('#');
    await family.check('family-done');

    // Staff see them, and remove their access.
    const access = page.getByRole('region', { name: 'Har adgang' });
    await access.getByRole('heading', { name: 'Hanne Jensen' }).waitFor();
    await access.getByText('Ser: Anna').waitFor();
    await page.getByRole('button', { name: 'Fjern adgang: Hanne Jensen' }).click();
    const ask = page.getByRole('alertdialog', { name: /Fjern Hanne Jensens adgang/ });
    await staff.check('relatives-remove');
    const removedAt = Date.now();
    await ask.getByRole('button', { name: 'Fjern adgang' }).click();
    await family.page.getByRole('heading', { name: 'Du er logget ud' }).waitFor({ timeout: 5000 });
    const seconds = (Date.now() - removedAt) / 1000;
    expect(seconds).toBeLessThan(5);
    await family.check('family-ended');
    // The session is gone: the page's own request is refused.
    expect(await family.page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);
    await access.getByRole('heading', { name: 'Hanne Jensen' }).waitFor({ state: 'detached' });
    await phone.close();
    await ctx.close();
  });

  it('exports a resident’s data and erases them after typing the name', async () => {
    const { username, password } = await staffUser(t, 'staff', 'Jonas');
    const ctx = await newStaffContext(browser);
    const staff = new StaffPage(await ctx.newPage());
    await staff.signIn(t.url, username, password, '/residents');
    const page = staff.page;
    await page.getByRole('link', { name: 'Bent', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Beboer: Bent' }).waitFor();
    const href = await page.getByRole('link', { name: 'Hent data (JSON)' }).getAttribute('href');
    const exported = await page.evaluate(async (url) => {
      const res = await fetch(url ?? '');
      return {
        status: res.status,
        body: (await res.json()) as { resident: { displayName: string } },
      };
    }, href);
    expect(exported.status).toBe(200);
    expect(exported.body.resident.displayName).toBe('Bent');

    await page.getByRole('button', { name: 'Slet alle data om beboeren' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Slet Bent for altid?' });
    const confirm = ask.getByRole('button', { name: 'Slet for altid' });
    expect(await confirm.isDisabled()).toBe(true);
    await ask.getByLabel('Skriv beboerens navn for at bekræfte').fill('Bent');
    await staff.check('resident-erase');
    await confirm.click();
    await page.getByRole('heading', { level: 1, name: 'Beboere' }).waitFor();
    await page.getByRole('link', { name: 'Bent', exact: true }).waitFor({ state: 'detached' });
    await ctx.close();
  });
});
