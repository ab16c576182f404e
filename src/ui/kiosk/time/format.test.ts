import { describe, expect, it } from 'vitest';
import { clockOf, dateInWords, dayAndMonth, shownTime, spokenTime } from './format.js';

describe('kiosk time words', () => {
  it('names the date in Danish and English', () => {
    expect(dateInWords('2026-11-22', 'da')).toBe('søndag den 22.\u00a0november');
    expect(dateInWords('2026-11-22', 'en')).toBe('Sunday 22\u00a0November');
    expect(dayAndMonth('2026-03-01', 'da')).toBe('1.\u00a0marts');
  });

  it('shows the centre wall clock across the DST change, not the machine clock', () => {
    // 2026-03-29 01:30 UTC is 03:30 summer time in Copenhagen; 00:30 UTC is 01:30 winter time.
    expect(clockOf('2026-03-29T00:30:00.000Z', 'Europe/Copenhagen', 'da')).toBe('01.30');
    expect(clockOf('2026-03-29T01:30:00.000Z', 'Europe/Copenhagen', 'da')).toBe('03.30');
    expect(clockOf('2026-03-29T01:30:00.000Z', 'Europe/London', 'en')).toBe('02:30');
  });

  it('writes times as residents say them and as eSpeak can read them', () => {
    expect(shownTime('07:30', 'da')).toBe('07.30');
    expect(shownTime('07:30', 'en')).toBe('07:30');
    expect(spokenTime('12:00')).toBe('12');
    expect(spokenTime('07:05')).toBe('7 05');
  });
});
