import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, displaySettingsOf, kioskBrowserUrl, parseKioskConfig } from './config.js';

describe('kiosk configuration', () => {
  it('the shipped example is valid and gets the defaults', () => {
    const config = parseKioskConfig(
      readFileSync('kiosk-config/example.json', 'utf8'),
      'example.json',
    );
    expect(config).toMatchObject({ name: 'Fælles stuen', idleSeconds: 90, theme: 'standard' });
    // The local server's page, as `npm start`'s browser fallback opens it.
    expect(kioskBrowserUrl(config)).toMatch(/^http:\/\/127\.0\.0\.1:8080\/kiosk\/\?lang=da&/);
    expect(displaySettingsOf(config)).toEqual({
      lang: 'da',
      theme: 'standard',
      textScale: 1,
      idleSeconds: 90,
      night: { from: '22:00', to: '06:30' },
    });
  });

  it('hands the page exactly the display settings, nothing else of the config', () => {
    const config = parseKioskConfig(
      '{"serverUrl":"http://c","name":"x","enrolCode":"A","lang":"en","night":null}',
      'k.json',
    );
    expect(displaySettingsOf(config)).toEqual({
      lang: 'en',
      theme: 'standard',
      textScale: 1,
      idleSeconds: 90,
      night: null,
    });
  });

  it('names the wrong field of a broken file', () => {
    expect(() => parseKioskConfig('{"serverUrl":"not a url","name":"x"}', 'k.json')).toThrow(
      /serverUrl/,
    );
    expect(() => parseKioskConfig('{', 'k.json')).toThrow(ConfigError);
    expect(() =>
      parseKioskConfig('{"serverUrl":"http://a","name":"x","idleSeconds":1}', 'k.json'),
    ).toThrow(/idleSeconds/);
    expect(() =>
      parseKioskConfig('{"serverUrl":"http://a","name":"x","lang":"de"}', 'k.json'),
    ).toThrow(/lang/);
    expect(() =>
      parseKioskConfig('{"serverUrl":"http://a","name":"x","night":{"from":"9pm"}}', 'k.json'),
    ).toThrow(/night\.from: a time of day as HH:mm/);
  });
});
