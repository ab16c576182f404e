/**
 * A kiosk on the centre's network, in one Chromium profile on disk (a persistent context, so the
 * service worker and IndexedDB behave as on a wall screen): `centre.test` resolves to this
 * machine, so `http://centre.test:PORT` is the LAN case, a non-secure origin, while loopback
 * counts as secure (ENVIRONMENT.md, "Added 2026-12-01"). `home`, when given, is the HOME whose
 * NSS store (`$HOME/.pki/nssdb`) Chromium trusts certificates from (tests/helpers/tls.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from '../../helpers/chromium.js';
import { PORTRAIT } from './browser.js';

export const LAN_HOST = 'centre.test';

export async function launchLanKiosk(home?: string): Promise<BrowserContext> {
  if (!hasChromium()) throw new Error(`${CHROMIUM} is missing: run tests/tools/setup.sh.`);
  const profile = mkdtempSync(join(tmpdir(), 'cg-kiosk-profile-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`],
    viewport: PORTRAIT,
    locale: 'da-DK',
    deviceScaleFactor: 1,
    // A wall screen is a touch screen (the kiosk tests tap()).
    hasTouch: true,
    ...(home ? { env: { ...process.env, HOME: home } } : {}),
  });
}
