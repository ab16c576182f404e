import { describe, expect, it } from 'vitest';
import { Centre } from '../model.js';
import { knownTimeZone } from './time-zone.js';

describe('knownTimeZone', () => {
  it('takes IANA names', () => {
    for (const zone of [
      'Europe/Copenhagen',
      'UTC',
      'Etc/GMT+1',
      'America/Argentina/Buenos_Aires',
      'Pacific/Kiritimati',
    ])
      expect(knownTimeZone(zone), zone).toBe(true);
  });

  it('refuses what is no zone, offsets, paths and padding', () => {
    for (const zone of [
      '',
      'Mars/Olympus',
      'Europe/Copenhagen ',
      ' UTC',
      '+01:00',
      'UTC+25',
      '../../etc/localtime',
      '/etc/localtime',
      'Europe//Copenhagen',
      'Europe/Copenhagen\u0000',
    ])
      expect(knownTimeZone(zone), JSON.stringify(zone)).toBe(false);
  });

  it('is the centre record’s rule', () => {
    const centre = { id: 'c1', name: 'Solhaven' };
    expect(Centre.safeParse({ ...centre, timeZone: 'Europe/Copenhagen' }).success).toBe(true);
    expect(Centre.safeParse({ ...centre, timeZone: 'Mars/Olympus' }).success).toBe(false);
  });
});
