import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readKioskAddress, recordKioskAddress } from './kiosk-address.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the recorded kiosk address', () => {
  it('is read back, private to the server user', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-address-'));
    recordKioskAddress(dir, 'http://127.0.0.1:44329');
    expect(readKioskAddress(dir)).toBe('http://127.0.0.1:44329');
    expect(statSync(join(dir, 'kiosk-address')).mode & 0o777).toBe(0o600);
  });

  it('is never half written: a write that fails leaves the old address readable', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-address-'));
    recordKioskAddress(dir, 'http://127.0.0.1:8101');
    // Whatever stands in the way of the new file's write, the old one is whole until replaced.
    mkdirSync(join(dir, 'kiosk-address.partial'));
    expect(() => recordKioskAddress(dir, 'http://127.0.0.1:8102')).toThrow();
    expect(readKioskAddress(dir)).toBe('http://127.0.0.1:8101');
  });
});
