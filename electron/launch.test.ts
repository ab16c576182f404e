import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/ui/kiosk/settings.js';
import { displaySettingsOf, kioskBrowserUrl, parseKioskConfig } from './config.js';
import { browserFallback, findElectronBinary } from './launch.js';

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

describe('finding the Electron binary without downloading it', () => {
  /** An installed `electron` package: path.txt names the binary once it has been fetched. */
  function electronPackage({ pathTxt, binary }: { pathTxt?: string; binary?: boolean }) {
    const dir = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
    writeFileSync(join(dir, 'package.json'), '{"name":"electron","version":"45.5.0"}');
    if (pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), pathTxt);
    if (binary) {
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'electron'), '');
    }
    return dir;
  }

  it('finds nothing when the binary was never fetched (as on our machines), without fetching it', () => {
    expect(findElectronBinary(electronPackage({}), {})).toBeNull();
    // path.txt written but dist/ missing: Electron's index.js would start a download here.
    expect(findElectronBinary(electronPackage({ pathTxt: 'electron' }), {})).toBeNull();
    expect(findElectronBinary(null, {})).toBeNull();
  });

  it('finds the fetched binary, or the one ELECTRON_OVERRIDE_DIST_PATH names', () => {
    const dir = electronPackage({ pathTxt: 'electron', binary: true });
    expect(findElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
    const elsewhere = electronPackage({ pathTxt: 'electron', binary: true });
    expect(
      findElectronBinary(electronPackage({}), {
        ELECTRON_OVERRIDE_DIST_PATH: join(elsewhere, 'dist'),
      }),
    ).toBe(join(elsewhere, 'dist', 'electron'));
  });

  it('answers at once in this checkout (no network, no download), with a binary that exists or none', () => {
    const started = Date.now();
    const found = findElectronBinary();
    expect(Date.now() - started).toBeLessThan(1000);
    if (found !== null) expect(existsSync(found)).toBe(true);
  });
});
