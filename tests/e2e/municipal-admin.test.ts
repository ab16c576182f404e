/**
 * The municipal admin's page in Chromium against a real municipal deployment (PostgreSQL: one
 * database, every centre a schema): `kommune.test` and `*.kommune.test` resolve to this machine,
 * so the browser opens the base domain and each centre's own address as people do. A municipal
 * admin made with the command line signs in (a wrong password first), sees that there are no
 * centres, creates one (a bad slug, then one a colleague took meanwhile), sees it listed, follows
 * its address to the centre's staff admin and signs in there as its first admin; then signs out.
 * Every state is free of axe violations and photographed at 1366×768 and 390 px.
 *
 * PostgreSQL: the run's (CG_E2E_DATABASE_URL, set by tests/tools/run-tests.ts), else
 * TEST_DATABASE_URL, else the local cluster (started if need be, as the PostgreSQL pass does).
 * Never skipped: without a database the file fails.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';
import {
  BASE_DOMAIN,
  municipalCli,
  startDeployment,
  type Deployment,
} from '../helpers/municipal.js';
import { ensurePostgres, type PostgresForTests } from '../tools/pg-cluster.js';
import { OFFICE, PHONE, StaffPage, type CheckSizes } from './support/staff.js';
import { ensureUiBuilt, UI_DIR } from './support/ui-build.js';

const SIZES: CheckSizes = {
  folder: 'test-output/screenshots/municipal',
  sizes: [
    ['office', OFFICE],
    ['phone', PHONE],
  ],
};
const PASSWORD = 'correct horse battery';
const FIRST_ADMIN = { name: 'Birthe Holm', username: 'birthe.holm', password: 'staple lamp river' };

let browser: Browser;
let d: Deployment;
let cluster: PostgresForTests | null = null;
let before: string | undefined;
let base: string;

beforeAll(async () => {
  ensureUiBuilt();
  const url = process.env.CG_E2E_DATABASE_URL?.trim();
  if (!url) cluster = await ensurePostgres();
  // The test helpers make their databases through TEST_DATABASE_URL; only while this file runs
  // (the other e2e files, in the same worker, keep their SQLite stores).
  before = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = url || cluster!.url;
  d = await startDeployment({ centre: { uiDir: UI_DIR, revocationPollMs: 200, headPollMs: 200 } });
  const port = d.nodes[0]!.port;
  base = `http://${BASE_DOMAIN}:${port}`;
  const made = municipalCli(
    d.databaseUrl,
    `${PASSWORD}\n`,
    'municipal-admin',
    '--username',
    'it-anne',
  );
  expect(made.status, made.out).toBe(0);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_ARGS,
      `--host-resolver-rules=MAP ${BASE_DOMAIN} 127.0.0.1, MAP *.${BASE_DOMAIN} 127.0.0.1`,
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await d?.close();
  if (before === undefined) delete process.env.TEST_DATABASE_URL;
  else process.env.TEST_DATABASE_URL = before;
  if (cluster?.startedHere) cluster.stop();
});

async function officeContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: OFFICE, locale: 'da-DK', deviceScaleFactor: 1 });
}

describe("the municipal admin's page", () => {
  it('signs in, creates a centre whose admin then signs in at its address, and signs out', async () => {
    const ctx = await officeContext();
    const m = new StaffPage(await ctx.newPage(), SIZES);
    const page = m.page;
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Log ind som kommunal administrator' }).waitFor();
    await m.check('login');

    await page.getByLabel('Brugernavn').fill('it-anne');
    await page.getByLabel('Adgangskode').fill('wrong password');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Brugernavn eller adgangskode er forkert.');
    await m.check('login-wrong');

    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('heading', { level: 1, name: 'Centre' }).waitFor();
    await page.getByText('Der er ingen centre endnu').waitFor();
    await expect(page.getByText('Logget ind som it-anne').isVisible()).resolves.toBe(true);
    await m.check('empty');

    // A colleague makes a centre from the command line meanwhile: its slug is taken below.
    const colleague = municipalCli(
      d.databaseUrl,
      `${PASSWORD}\n`,
      'create-centre',
      '--slug',
      'egebo',
      '--name',
      'Egebo',
      '--username',
      'leder-egebo',
    );
    expect(colleague.status, colleague.out).toBe(0);

    await page.getByRole('button', { name: 'Opret center' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Opret center' }).waitFor();
    await page.getByLabel('Centrets navn').pressSequentially('Ærtebjerg Bo');
    const slug = page.getByLabel('Kort navn til adressen');
    await expect.poll(() => slug.inputValue()).toBe('aertebjerg-bo');
    await page.getByLabel('Fulde navn').fill(FIRST_ADMIN.name);
    await page.getByLabel('Brugernavn').fill(FIRST_ADMIN.username);
    await page.getByLabel('Adgangskode').fill(FIRST_ADMIN.password);
    await m.check('create');

    await slug.fill('Ærtebjerg');
    await page.getByRole('button', { name: 'Opret center' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Der er et problem' });
    await expect.poll(() => summary.textContent()).toContain('Det korte navn skal være 2–30 tegn');
    await expect(slug.getAttribute('aria-invalid')).resolves.toBe('true');
    await m.check('create-bad-slug');

    await slug.fill('egebo');
    await page.getByRole('button', { name: 'Opret center' }).click();
    await expect
      .poll(() => summary.textContent())
      .toContain('Der er allerede et center med det korte navn egebo. Vælg et andet.');
    await m.check('create-taken');

    await slug.fill('aertebjerg-bo');
    await page.getByRole('button', { name: 'Opret center' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Centret Ærtebjerg Bo er oprettet' })
      .waitFor();
    const staffUrl = `${d.nodes[0]!.urlOf('aertebjerg-bo')}/staff/`;
    await expect(page.getByRole('link', { name: staffUrl }).count()).resolves.toBe(1);
    await expect(page.locator('main').textContent()).resolves.toContain(FIRST_ADMIN.username);
    // The password was sent once and is shown nowhere.
    await expect(page.content()).resolves.not.toContain(FIRST_ADMIN.password);
    await m.check('created');

    await page.getByRole('button', { name: 'Tilbage til centrene' }).click();
    const table = page.getByRole('table');
    await table.waitFor();
    await expect
      .poll(() => table.getByRole('rowheader').allTextContents())
      .toEqual(['Egebo', 'Ærtebjerg Bo']);
    await m.check('list');

    // The centre's address opens its staff admin, where its first admin signs in.
    await table.getByRole('link', { name: /^aertebjerg-bo\./ }).click();
    await page.waitForURL(staffUrl);
    await page.getByLabel('Brugernavn').fill(FIRST_ADMIN.username);
    await page.getByLabel('Adgangskode').fill(FIRST_ADMIN.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('navigation', { name: 'Menu' }).waitFor();
    await page.getByText('Ærtebjerg Bo').first().waitFor();

    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Centre' }).waitFor();
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    expect(m.problems).toEqual([]);
    await ctx.close();
  }, 180_000);

  it('works by keyboard alone, in English after the switch, the refusals included', async () => {
    const ctx = await officeContext();
    const m = new StaffPage(await ctx.newPage(), SIZES);
    const page = m.page;
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
      });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Log ind som kommunal administrator' }).waitFor();
    // The skip link, then the language switch, then the fields.
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('Gå til indhold');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('English');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Log in as a municipal administrator' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('it-anne');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Centres' }).waitFor();
    // The heading has the focus; the next stop is the page's one task.
    await expect.poll(focused).toBe('Centres');
    await m.check('list-en');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('Create centre');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Create centre' }).waitFor();
    await expect.poll(focused).toBe('Create centre');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // The summary has the focus, so it is read first; each of its links leads to its field.
    await expect.poll(focused).toContain('There is a problem');
    await expect(focused()).resolves.toContain("The centre's name must be filled in");
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-name');
    await m.check('create-errors-en');
    expect(m.problems).toEqual([]);
    await ctx.close();
  }, 120_000);
});
