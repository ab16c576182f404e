/**
 * Staff admin pages in Chromium: a staff user on the test server, a browser context per person
 * (office screen or phone), sign-in through the real form, and each page checked the way the
 * kiosk pages are: axe-core with no violations (WCAG 2.2 AA) and a screenshot to look at, at
 * 1366×768 and 390×844, with page errors and CSP violations collected.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createUser } from '../../../src/server/auth/accounts.js';
import type { TestServer } from '../../helpers/test-server.js';

export const OFFICE = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export const TABLET = { width: 768, height: 1024 } as const;

type Size = { width: number; height: number };
/** Where a page's screenshots go and at which sizes it is checked. */
export interface CheckSizes {
  folder: string;
  sizes: readonly (readonly [string, Size])[];
}
const STAFF_SIZES: CheckSizes = {
  folder: 'test-output/screenshots/staff',
  sizes: [
    ['office', OFFICE],
    ['phone', PHONE],
  ],
};
/** The relatives' pages: phone first, and a tablet. */
export const FAMILY_SIZES: CheckSizes = {
  folder: 'test-output/screenshots/family',
  sizes: [
    ['phone', PHONE],
    ['tablet', TABLET],
  ],
};

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

let users = 0;

/** A new staff (or admin) user on the test server; returns its username and password. */
export async function staffUser(
  t: TestServer,
  role: 'staff' | 'admin' = 'staff',
  displayName = 'Mette Sørensen',
): Promise<{ username: string; password: string; userId: string }> {
  const username = `${role}${++users}`;
  const password = 'correct horse battery';
  const userId = await createUser(t.server.store.db, { username, password, displayName, role });
  return { username, password, userId };
}

export function newStaffContext(browser: Browser, viewport = OFFICE): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'da-DK', deviceScaleFactor: 1 });
}

export class StaffPage {
  readonly problems: string[] = [];

  constructor(
    readonly page: Page,
    private readonly sizes: CheckSizes = STAFF_SIZES,
  ) {
    page.on('pageerror', (err) => this.problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) this.problems.push(`CSP: ${msg.text()}`);
    });
  }

  /** Opens /staff/ and signs in through the form; resolves when the menu shows. */
  async signIn(baseUrl: string, username: string, password: string, path = '/'): Promise<void> {
    await this.page.goto(`${baseUrl}/staff${path}`);
    await this.page.getByLabel('Brugernavn').fill(username);
    await this.page.getByLabel('Adgangskode').fill(password);
    await this.page.getByRole('button', { name: 'Log ind' }).click();
    await this.page.getByRole('navigation', { name: 'Menu' }).waitFor();
  }

  /** Goes to a menu entry by its visible name (opening the phone menu first if needed). */
  async openMenu(name: string): Promise<void> {
    const toggle = this.page.getByRole('button', { name: 'Menu', exact: true });
    if (await toggle.isVisible()) await toggle.click();
    await this.page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name, exact: true })
      .click();
  }

  /** axe-core finds nothing, and a screenshot at each size (office and phone) is written as `name`. */
  async check(name: string): Promise<void> {
    const SHOTS = this.sizes.folder;
    mkdirSync(SHOTS, { recursive: true });
    const before = this.page.viewportSize() ?? OFFICE;
    for (const [size, viewport] of this.sizes.sizes) {
      await this.page.setViewportSize(viewport);
      const violations = await this.axe();
      expect(violations, `axe (${name}, ${size})`).toEqual([]);
      await this.page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
    }
    await this.page.setViewportSize(before);
    expect(this.problems).toEqual([]);
  }

  private async axe(): Promise<string[]> {
    // Through the DevTools protocol: the page's CSP rightly refuses an injected <script>.
    if (!(await this.page.evaluate(() => 'axe' in window))) await this.page.evaluate(axeSource);
    const results = await this.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document): Promise<AxeResults> } }).axe;
      return axe.run(document);
    });
    return results.violations.map(
      (v) =>
        `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  }
}
