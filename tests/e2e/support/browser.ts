/**
 * Debian's Chromium driven by playwright-core (ENVIRONMENT.md): never a downloaded browser, and
 * no background networking, which would flood the closed network with refused connections.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\`.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh profile (its own IndexedDB, localStorage and service worker), as one wall screen. */
export function newKioskContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PORTRAIT, locale: 'da-DK', deviceScaleFactor: 1 });
}
