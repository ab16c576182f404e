/** Browser set-up for the kiosk e2e tests: screen sizes and one profile per wall screen. */
import type { Browser, BrowserContext } from 'playwright-core';

export { CHROMIUM, launchChromium } from '../../helpers/chromium.js';

export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;

/** A fresh profile (its own IndexedDB, localStorage and service worker), as one wall screen. */
export function newKioskContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PORTRAIT, locale: 'da-DK', deviceScaleFactor: 1 });
}
