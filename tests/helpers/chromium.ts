/**
 * Debian's Chromium driven by playwright-core (ENVIRONMENT.md): never a downloaded browser, and
 * no background networking, which would flood the closed network with refused connections.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags ENVIRONMENT.md says headless Chromium needs on these machines. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export async function launchChromium(): Promise<Browser> {
  if (!hasChromium()) {
    throw new Error(
      `${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\`.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
