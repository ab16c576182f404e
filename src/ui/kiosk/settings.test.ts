import { describe, expect, it } from 'vitest';
import { defaultSettings, isNight, readSettings } from './settings.js';

describe('kiosk display settings', () => {
  it('reads settings from the address, spelled for people', () => {
    const { settings, problems } = readSettings(
      '?theme=high-contrast&textScale=1.25&idle=60&night=22:00-06:30&lang=en',
      undefined,
    );
    expect(settings).toEqual({
      lang: 'en',
      theme: 'high-contrast',
      textScale: 1.25,
      idleSeconds: 60,
      night: { from: '22:00', to: '06:30' },
    });
    expect(problems).toEqual([]);
    expect(readSettings('?night=off', undefined).settings.night).toBeNull();
  });

  it('lets the kiosk shell’s settings win over the address', () => {
    const { settings } = readSettings('?theme=standard&idle=60', { theme: 'high-contrast' });
    expect(settings.theme).toBe('high-contrast');
    expect(settings.idleSeconds).toBe(60);
  });

  it('replaces only a bad value by its default, and says which', () => {
    const { settings, problems } = readSettings('?theme=pink&textScale=9&idle=60', undefined);
    expect(settings.theme).toBe(defaultSettings.theme);
    expect(settings.textScale).toBe(defaultSettings.textScale);
    expect(settings.idleSeconds).toBe(60);
    expect(problems.map((p) => p.split(':')[0])).toEqual(['theme', 'textScale']);
    expect(readSettings('', 'not an object').problems).toEqual([]);
  });

  it('knows night hours across midnight', () => {
    const night = { from: '22:00', to: '06:30' };
    expect(isNight(night, '23:59')).toBe(true);
    expect(isNight(night, '03:00')).toBe(true);
    expect(isNight(night, '06:30')).toBe(false);
    expect(isNight(night, '12:00')).toBe(false);
    expect(isNight({ from: '01:00', to: '05:00' }, '03:00')).toBe(true);
    expect(isNight(null, '03:00')).toBe(false);
  });
});
