/**
 * Page object of the kiosk page: finds things the way a resident (or a screen reader) does, by
 * role and visible name, touches them as a finger does (`tap()`: the kiosk contexts are touch
 * screens, see browser.ts), pages a long list with its "Næste" / "Forrige" to find what is on
 * another page, and checks each state it is asked to: axe-core finds no violations (WCAG 2.2 AA
 * plus the 7:1 contrast rule) in portrait and landscape, and a screenshot of both is written to
 * test-output/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Locator, Page } from 'playwright-core';
import { LANDSCAPE, PORTRAIT } from './browser.js';

const SHOTS = 'test-output/screenshots';

export type Theme = 'standard' | 'high-contrast';
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * Taps a list's "Næste" (or "Forrige", pager.tsx) and waits until its "Side 2 af 3" has changed;
 * false when the screen has no such button or it is disabled (the last or first page).
 */
export async function turnPage(page: Page, name: 'Næste' | 'Forrige'): Promise<boolean> {
  // The list's own controls, not the photo viewer's Forrige / Næste (another photo). With a
  // dialog open only its own pages (the resident picker's): the list under its veil cannot be
  // tapped.
  const dialogOpen = (await page.getByRole('dialog').filter({ visible: true }).count()) > 0;
  const controls = page
    .locator(dialogOpen ? '[role=dialog] .pager-controls' : '.pager-controls')
    .filter({ visible: true })
    .first();
  const button = controls.getByRole('button', { name, exact: true });
  if ((await button.count()) === 0 || (await button.isDisabled())) return false;
  const where = controls.getByText(/^Side \d+ af \d+$/);
  const before = (await where.count()) > 0 ? await where.textContent() : null;
  await button.tap();
  for (let i = 0; before !== null && i < 40; i++) {
    if ((await where.textContent()) !== before) break;
    await page.waitForTimeout(50);
  }
  return true;
}

export class KioskPage {
  /** Uncaught errors and CSP violations seen on the page; a test expects none. */
  readonly problems: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (err) => this.problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) this.problems.push(`CSP: ${msg.text()}`);
    });
  }

  /** Opens the kiosk page; night hours are off unless a test asks for them. */
  async open(baseUrl: string, code?: string, query = '?night=off'): Promise<void> {
    // Its own bound: a walk's short default for reaching a state (kiosk-fit, 6 s) timed the
    // page's load out once on a machine busy with other suites.
    await this.page.goto(`${baseUrl}/kiosk/${query}${code ? `#enrol=${code}` : ''}`, {
      timeout: 30_000,
    });
  }

  /** Every row of one object store (`outbox`, `dayitem` …) in the page's IndexedDB caches. */
  async storedRows(store: string): Promise<Record<string, unknown>[]> {
    return this.page.evaluate(async (storeName) => {
      const found: Record<string, unknown>[] = [];
      for (const { name } of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name ?? '');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error ?? new Error('open failed'));
        });
        if (db.objectStoreNames.contains(storeName)) {
          const all = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
            const req = db.transaction(storeName).objectStore(storeName).getAll();
            req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
            req.onerror = () => reject(req.error ?? new Error('read failed'));
          });
          found.push(...all);
        }
        db.close();
      }
      return found;
    }, store);
  }

  /** The big Home button, always in the same place. */
  get home(): Locator {
    return this.page.getByRole('button', { name: 'Hjem', exact: true });
  }

  /** Goes Home, then to the screen behind the Home tile `name`. */
  async goTo(name: string): Promise<void> {
    await this.home.tap();
    await this.page
      .getByRole('navigation', { name: 'Gå til' })
      .getByRole('button', { name, exact: true })
      .tap();
  }

  /** The date in words at the top of every screen. */
  get date(): Locator {
    return this.page.locator('.frame-date');
  }

  get connection(): Locator {
    return this.page.getByRole('status', { name: 'Forbindelse' });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  get notices(): Locator {
    return this.page.getByRole('region', { name: 'Det lykkedes ikke' });
  }

  activity(title: string): Locator {
    return this.page.getByRole('article', { name: title, exact: true });
  }

  /**
   * Until `locator` is on the screen, paging the screen's list as a resident would: "Næste" to
   * the last page, then "Forrige" back to the first, and again (a paged list holds only the page
   * shown, so a card on page 2 is not in the page at all).
   */
  async show(locator: Locator, timeout = 15_000): Promise<Locator> {
    const target = locator.first();
    const until = Date.now() + timeout;
    // What is coming (a live update, a list still measuring) gets a moment before any paging.
    const soon = await target.waitFor({ timeout: Math.min(1000, timeout) }).then(
      () => true,
      () => false,
    );
    if (soon && (await target.isVisible())) return target;
    let forward = true;
    while (Date.now() < until) {
      if (await target.isVisible()) return target;
      if (await turnPage(this.page, forward ? 'Næste' : 'Forrige')) continue;
      if (!forward) await this.page.waitForTimeout(100);
      forward = !forward;
    }
    await target.waitFor({ timeout: 1 });
    return target;
  }

  /** Waits until `locator` shows `text` (a substring or a pattern), on whichever page. */
  async waitForText(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<void> {
    await this.show(locator.filter({ hasText: text }), timeout);
  }

  async textOf(locator: Locator): Promise<string> {
    await this.show(locator);
    return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  async waitForActivities(...titles: string[]): Promise<void> {
    for (const title of titles) await this.show(this.activity(title));
  }

  /**
   * On the Activities screen: taps "Tilmeld" (or "Afmeld") on an activity and picks the resident
   * by photo; leaves the confirm step open.
   */
  async pick(
    title: string,
    firstName: string,
    action: 'Tilmeld' | 'Afmeld' = 'Tilmeld',
  ): Promise<void> {
    await (
      await this.show(this.activity(title))
    )
      .getByRole('button', { name: action, exact: true })
      .tap();
    await this.dialog.getByRole('button', { name: new RegExp(`^${firstName}`) }).tap();
  }

  /** The big "Ja, …" of the confirm step. */
  async confirm(yes: string | RegExp = /^Ja, /): Promise<void> {
    await this.dialog.getByRole('button', { name: yes }).tap();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** The undo bar after a change. */
  get undo(): Locator {
    return this.page.getByRole('button', { name: 'Fortryd' });
  }

  /** The calm line about the connection (empty while online and up to date). */
  get banner(): Locator {
    return this.page.locator('.status-banner');
  }

  /**
   * Axe in both themes and both orientations (throws on any violation), and a screenshot of each.
   * The theme is switched the way the page applies the kiosk config (`data-theme` on the root).
   */
  async check(
    name: string,
    themes: readonly Theme[] = ['standard', 'high-contrast'],
  ): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    const before = this.page.viewportSize() ?? PORTRAIT;
    const theme = await this.theme();
    for (const t of themes) {
      await this.setTheme(t);
      for (const [orientation, size] of [
        ['portrait', PORTRAIT],
        ['landscape', LANDSCAPE],
      ] as const) {
        await this.page.setViewportSize(size);
        const violations = await this.axe();
        if (violations.length > 0)
          throw new Error(`axe (${name}, ${t}, ${orientation}):\n${violations.join('\n')}`);
        const suffix = t === 'standard' ? '' : `-${t}`;
        await this.page.screenshot({ path: `${SHOTS}/${name}-${orientation}${suffix}.png` });
      }
    }
    await this.setTheme(theme);
    await this.page.setViewportSize(before);
  }

  private theme(): Promise<Theme> {
    return this.page.evaluate(
      () => (document.documentElement.dataset['theme'] ?? 'standard') as Theme,
    );
  }

  private async setTheme(theme: Theme): Promise<void> {
    await this.page.evaluate((t) => {
      document.documentElement.dataset['theme'] = t;
    }, theme);
  }

  private async axe(): Promise<string[]> {
    // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly refuses
    // an injected <script> (page.addScriptTag), and the test must not switch the CSP off.
    if (!(await this.page.evaluate(() => 'axe' in window))) await this.page.evaluate(axeSource);
    const results = await this.page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } }
      ).axe;
      return axe.run(document, { rules: { 'color-contrast-enhanced': { enabled: true } } });
    });
    return results.violations.map(
      (v) =>
        // With axe's own summary of each node (a contrast names both colours and the ratio).
        `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`,
    );
  }
}
