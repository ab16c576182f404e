/**
 * Every kiosk screen with a realistic centre (the demo seed): reachable from Home and back, free
 * of axe-core violations (WCAG 2.2 AA and 7:1 contrast) in both themes and both orientations,
 * screenshotted for people to look at, and free of page errors and CSP violations. Also the
 * night screen, the idle question, English, and read-aloud audio from the centre server.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import type { TestServer } from '../helpers/test-server.js';
import { LANDSCAPE, launchChromium, newKioskContext, PORTRAIT } from './support/browser.js';
import { enrolCode, startKioskServer } from './support/centre.js';
import { KioskPage } from './support/kiosk-page.js';
import { ensureUiBuilt } from './support/ui-build.js';

let browser: Browser;
let t: TestServer;

beforeAll(async () => {
  ensureUiBuilt();
  browser = await launchChromium();
  t = await startKioskServer();
  await seedDemo(t.server.store.db, new Date(), { dataDir: t.dataDir });
  await t.restart(); // the server reads wall consent when it starts
});
afterAll(async () => {
  await browser.close();
  await t.close();
});

async function openKiosk(name: string, query?: string): Promise<KioskPage> {
  const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
  const { code } = await enrolCode(t, name);
  await kiosk.open(t.url, code, query);
  return kiosk;
}

const SCREENS = [
  ['Min dag', 'min-dag'],
  ['Aktiviteter', 'aktiviteter'],
  ['Mad', 'mad'],
  ['Book', 'book'],
  ['Nyheder', 'nyheder'],
  ['Personale', 'personale'],
] as const;

/** In each card: the space between its read-aloud button and each other button, in CSS px. */
function gapsToReadAloud(articles: Element[]): { other: string; gap: number }[] {
  return articles.flatMap((article) => {
    const speak = article.querySelector('button.read-aloud');
    if (!speak) return [];
    const a = speak.getBoundingClientRect();
    // Only what is drawn: a button not laid out (display: none) has an empty box at 0,0, which
    // would read as "touching" (a gap of 0 was seen once, not reproduced).
    const shown = (r: DOMRect): boolean => r.width > 0 && r.height > 0;
    if (!shown(a)) return [];
    const others = [...article.querySelectorAll('button:not(.read-aloud)')];
    return others.flatMap((other) => {
      const b = other.getBoundingClientRect();
      if (!shown(b)) return [];
      // Across if the boxes sit side by side, else down.
      const dx = Math.max(0, b.left - a.right, a.left - b.right);
      const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
      return [{ other: other.textContent ?? '', gap: Math.max(dx, dy) }];
    });
  });
}

describe('every kiosk screen', () => {
  it('opens from Home and goes back, with no axe violations in either theme or orientation', async () => {
    const kiosk = await openKiosk('Skærme');
    await kiosk.home.waitFor();
    await kiosk.page.getByRole('button', { name: 'Min dag' }).waitFor();
    // The demo's shared day structure is on Home ("Nu" or "Bagefter").
    await kiosk.waitForText(kiosk.page.locator('.now-next'), /Nu|Bagefter/);
    await kiosk.check('30-home');
    for (const [tile, shot] of SCREENS) {
      await kiosk.goTo(tile);
      await kiosk.page.getByRole('heading', { level: 1 }).first().waitFor();
      await kiosk.page.waitForTimeout(300);
      await kiosk.check(`31-${shot}`);
    }
    await kiosk.home.tap();
    await kiosk.page.getByRole('navigation', { name: 'Gå til' }).waitFor();
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });

  it('keeps News’ two buttons 16 px apart and unlike, and reads every staff-on-duty card aloud', async () => {
    const kiosk = await openKiosk('Knapper');
    await kiosk.home.waitFor();
    for (const size of [PORTRAIT, LANDSCAPE]) {
      await kiosk.page.setViewportSize(size);
      await kiosk.home.tap();
      // Home: every staff member on duty (the demo's shifts cover the whole day) has a button.
      const onDuty = kiosk.page.locator('.on-duty-card');
      await onDuty.first().waitFor();
      const cards = await onDuty.count();
      expect(cards).toBeGreaterThan(0);
      expect(await onDuty.getByRole('button', { name: /^Læs højt: / }).count()).toBe(cards);
      await kiosk.goTo('Nyheder');
      const items = kiosk.page.locator('article.news-item');
      await items.first().waitFor();
      // Every page of the list (pager.tsx): the closed items follow the open one.
      const next = kiosk.page.locator('button.pager-next');
      const gaps: { other: string; gap: number }[] = [];
      for (let page = 0; page < 10; page++) {
        gaps.push(...(await items.evaluateAll(gapsToReadAloud)));
        if ((await next.count()) === 0 || (await next.isDisabled())) break;
        await next.tap();
        await kiosk.page.getByText(new RegExp(`^Side ${page + 2} af \\d+$`)).waitFor();
      }
      const open = gaps.filter((g) => g.other.includes('Åbn nyheden'));
      expect(open.length).toBeGreaterThan(0);
      for (const g of gaps)
        expect(g.gap, `${g.other} at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(16);
    }
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });

  it("opens a resident's own day from their photo, and closes it again", async () => {
    const kiosk = await openKiosk('Min dag');
    await kiosk.goTo('Min dag');
    await kiosk.page.getByRole('button', { name: 'Anna', exact: true }).tap();
    await kiosk.page.getByRole('heading', { name: 'Annas dag' }).waitFor();
    // Her photo comes from /media with the kiosk's device cookie (media need a principal).
    await kiosk.page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.my-day-head img');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    // Anna's personal item is in her day, and never on the shared Home screen.
    await kiosk.waitForText(kiosk.page.locator('.timeline'), 'Fysioterapi');
    await kiosk.check('32-min-dag-anna');
    await kiosk.page.getByRole('button', { name: 'Luk min dag' }).tap();
    await kiosk.page.getByRole('navigation', { name: 'Gå til' }).waitFor();
    expect(await kiosk.page.getByText('Fysioterapi').count()).toBe(0);
    // Dennis has no wall consent: he is never offered on the wall.
    await kiosk.goTo('Min dag');
    await kiosk.page.getByRole('button', { name: 'Anna', exact: true }).waitFor();
    expect(await kiosk.page.getByText('Dennis').count()).toBe(0);
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });

  it('asks for the PIN where staff set one, checked by the server', async () => {
    const kiosk = await openKiosk('PIN');
    await kiosk.goTo('Min dag');
    await kiosk.page.getByRole('button', { name: 'Bent', exact: true }).tap();
    const pad = kiosk.page.getByRole('dialog', { name: 'Skriv din kode' });
    await pad.waitFor();
    for (const d of ['4', '3', '2', '1'])
      await pad.getByRole('button', { name: d, exact: true }).tap();
    await pad.getByRole('button', { name: 'OK' }).tap();
    await kiosk.waitForText(pad, 'Koden er forkert. Prøv igen.');
    await kiosk.check('36-pin-wrong', ['standard']);
    for (const d of ['1', '2', '3', '4'])
      await pad.getByRole('button', { name: d, exact: true }).tap();
    await pad.getByRole('button', { name: 'OK' }).tap();
    await kiosk.page.getByRole('heading', { name: 'Bents dag' }).waitFor();
    // His own item came with the unlock; the kiosk's cache never held it. His day is shown a
    // screen-full at a time (shared/pager.tsx): Næste until 13.30 is in view.
    const next = kiosk.page.getByRole('navigation', { name: 'Sider' }).getByRole('button', {
      name: /Næste/,
    });
    await kiosk.page.locator('.timeline').waitFor();
    while (
      (await kiosk.page.locator('.timeline', { hasText: 'Frisør' }).count()) === 0 &&
      (await next.count()) > 0 &&
      (await next.isEnabled())
    )
      await next.tap();
    await kiosk.waitForText(kiosk.page.locator('.timeline'), 'Frisør');
    const cached = (await kiosk.storedRows('dayitem')).map((r) => r.title);
    expect(cached).toContain('Fysioterapi');
    expect(cached).not.toContain('Frisør');
    await kiosk.check('37-pin-own-day', ['standard']);
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });

  it('speaks English when the kiosk is set to English', async () => {
    const kiosk = await openKiosk('English', '?night=off&lang=en');
    await kiosk.page.getByRole('button', { name: 'Home', exact: true }).waitFor();
    for (const tile of ['My day', 'Activities', 'Meals', 'Book', 'News', 'Staff'])
      await kiosk.page.getByRole('button', { name: tile, exact: true }).waitFor();
    expect(await kiosk.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await kiosk.check('33-home-english', ['standard']);
    await kiosk.page.context().close();
  });

  it('shows a dim clock at night and wakes to Home on a touch', async () => {
    const kiosk = await openKiosk('Nat', '?night=00:00-23:59');
    const night = kiosk.page.getByRole('button', { name: 'Rør skærmen for at vække den.' });
    await night.waitFor();
    await kiosk.waitForText(night, 'Det er nat');
    await kiosk.check('34-night', ['standard']);
    // A real touch on the dark screen (locator.tap() never got to touch it here: Playwright's hit
    // check kept finding <html> at its centre).
    const box = await night.boundingBox();
    if (!box) throw new Error('no night screen');
    await kiosk.page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await kiosk.home.waitFor();
    await kiosk.page.getByRole('navigation', { name: 'Gå til' }).waitFor();
    await kiosk.page.context().close();
  });

  it('goes back Home by itself after the idle time', async () => {
    const kiosk = await openKiosk('Idle', '?night=off&idle=15');
    await kiosk.goTo('Min dag');
    await kiosk.page.getByRole('button', { name: 'Anna', exact: true }).waitFor();
    // Nothing half done: the idle time simply goes Home.
    await kiosk.page.getByRole('navigation', { name: 'Gå til' }).waitFor({ timeout: 25_000 });
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });

  it('reads an item aloud with the audio the centre server renders, also offline later', async () => {
    const kiosk = await openKiosk('Læs højt');
    // The duty roster always lists the coming week's shifts, each with its read-aloud button
    // (Home may show only one item late in the evening).
    await kiosk.home.waitFor();
    await kiosk.goTo('Personale');
    const button = kiosk.page.getByRole('button', { name: /^Læs højt: / }).first();
    await button.waitFor();
    // Headless Chromium has no voices, so the page asks the server for eSpeak NG audio.
    expect(await kiosk.page.evaluate(() => speechSynthesis.getVoices().length)).toBe(0);
    // The audio itself (GET /api/speech?text=…), not the press counted by POST /api/speech/used.
    const answer = kiosk.page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/speech' && r.request().method() === 'GET',
    );
    await button.tap();
    const res = await answer;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('audio/wav');
    const speaking = kiosk.page.getByRole('button', { name: /^Læs højt: /, pressed: true });
    await speaking.first().waitFor();
    await speaking.waitFor({ state: 'detached' });

    // The network drops. What was read before, and what was on screen (fetched ahead while
    // online), still plays from the kiosk's clip cache.
    await kiosk.page.waitForTimeout(5000);
    await kiosk.page.context().setOffline(true);
    let asked = 0;
    kiosk.page.on('request', (r) => {
      // Audio asked for; a press still tries to count itself (POST /api/speech/used) offline.
      if (new URL(r.url()).pathname === '/api/speech' && r.method() === 'GET') asked++;
    });
    const buttons = kiosk.page.getByRole('button', { name: /^Læs højt: / });
    for (const i of [0, 1]) {
      await buttons.nth(i).tap();
      await speaking.first().waitFor();
      await speaking.waitFor({ state: 'detached' });
    }
    expect(asked).toBe(0);
    expect(await kiosk.page.getByText('Ingen stemme').count()).toBe(0);
    await kiosk.page.context().setOffline(false);
    expect(kiosk.problems).toEqual([]);
    await kiosk.page.context().close();
  });
});

describe('a centre server without eSpeak NG', () => {
  it('makes every read-aloud button say "Ingen stemme" instead of doing nothing', async () => {
    const bare = await startKioskServer({ speech: { program: '/nonexistent/espeak-ng' } });
    try {
      await seedDemo(bare.server.store.db, new Date(), { dataDir: bare.dataDir });
      await bare.restart({ speech: { program: '/nonexistent/espeak-ng' } });
      const kiosk = new KioskPage(await (await newKioskContext(browser)).newPage());
      const { code } = await enrolCode(bare, 'Uden stemme');
      await kiosk.open(bare.url, code);
      const button = kiosk.page.getByRole('button', { name: /^Læs højt: / }).first();
      await button.tap();
      await kiosk.page.getByText('Ingen stemme').first().waitFor();
      expect(await kiosk.page.getByRole('button', { name: /^Læs højt: / }).count()).toBe(0);
      await kiosk.check('35-no-voice', ['standard']);
      await kiosk.page.context().close();
    } finally {
      await bare.close();
    }
  });
});
