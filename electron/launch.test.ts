import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/ui/kiosk/settings.js';
import { displaySettingsOf, kioskBrowserUrl, parseKioskConfig } from './config.js';
import { browserFallback } from './launch.js';

const parse = (json: object) => parseKioskConfig(JSON.stringify(json), 'k.json');

describe('npm start without Electron (browser fallback)', () => {
  it('carries the display settings in the query the page reads', () => {
    const config = parse({
      serverUrl: 'http://c:8080/',
      name: 'x',
      lang: 'en',
      theme: 'high-contrast',
      textScale: 1.25,
      idleSeconds: 60,
      night: { from: '22:00', to: '06:30' },
    });
    const url = kioskBrowserUrl(config);
    expect(url).toBe(
      'http://c:8080/kiosk/?lang=en&theme=high-contrast&textScale=1.25&idle=60&night=22:00-06:30',
    );
    // The page, reading that address in a plain browser, gets exactly the config's settings.
    expect(readSettings(new URL(url).search, undefined)).toEqual({
      settings: displaySettingsOf(config),
      problems: [],
    });
  });

  it('spells "no night screen" as night=off and keeps the enrolment code in the hash', () => {
    const config = parse({
      serverUrl: 'http://c:8080',
      name: 'x',
      night: null,
      enrolCode: 'ABCDE-FGHJK',
    });
    const url = kioskBrowserUrl(config);
    expect(url).toBe(
      'http://c:8080/kiosk/?lang=da&theme=standard&textScale=1&idle=90&night=off#enrol=ABCDE-FGHJK',
    );
    expect(readSettings(new URL(url).search, undefined).settings.night).toBeNull();
  });

  it('says plainly that it is a fallback and prints the address when there is no display', () => {
    const config = parse({ serverUrl: 'http://c:8080', name: 'Stuen', idleSeconds: 45 });
    const fallback = browserFallback(config, false);
    expect(fallback.command).toBeNull();
    expect(fallback.url).toContain('idle=45');
    const text = fallback.lines.join('\n');
    expect(text).toMatch(/No Electron runtime/);
    expect(text).toMatch(/Falling back to a browser\. This is not the kiosk shell/);
    expect(text).toContain(fallback.url);
    expect(text).toMatch(/open the address above in a browser/);
  });
});
