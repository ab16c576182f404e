/** Browser set-up for the kiosk e2e tests: screen sizes and one profile per wall screen. */
import type { Browser, BrowserContext } from 'playwright-core';

export { CHROMIUM, launchChromium } from '../../helpers/chromium.js';

export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;

/**
 * A fresh profile (its own IndexedDB, localStorage and service worker), as one wall screen: a
 * touch screen, so tests tap (`locator.tap()`: touch events, then the pointer and click events a
 * finger makes) as residents do.
 */
export function newKioskContext(
  browser: Browser,
  viewport: { width: number; height: number } = PORTRAIT,
): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'da-DK', deviceScaleFactor: 1, hasTouch: true });
}
