/** What a scanned QR text means on the enrol form (qr-scan.ts), bad input included. */
import { describe, expect, it } from 'vitest';
import { codeFromScan, hasCamera } from './qr-scan.js';

describe('codeFromScan', () => {
  it('takes the code from the staff admin enrolment address, or a bare code', () => {
    expect(codeFromScan('https://c.example:8080/kiosk/#enrol=ABCDE-FGHJK')).toBe('ABCDE-FGHJK');
    expect(codeFromScan('http://10.0.0.5/kiosk/#x=1&enrol=abcde-fghjk')).toBe('ABCDE-FGHJK');
    expect(codeFromScan('  abcde-fghjk \n')).toBe('ABCDE-FGHJK');
  });

  it('gives null for anything else', () => {
    for (const text of [
      '',
      'https://menu.example/today',
      'https://c.example/kiosk/#enrol=',
      'https://c.example/kiosk/#enrol=<script>',
      'hello world, this is a note',
      'ABC',
      'X'.repeat(40),
      'WIFI:S:centre;T:WPA;P:secret;;',
    ]) {
      expect(codeFromScan(text), text).toBeNull();
    }
  });
});

describe('hasCamera', () => {
  it('is true only with a video input, and false on no devices or an error', async () => {
    const devices = (kinds: string[]) => ({
      enumerateDevices: () => Promise.resolve(kinds.map((kind) => ({ kind }))),
      getUserMedia: () => Promise.reject(new Error('unused')),
    });
    expect(await hasCamera(devices(['audioinput', 'videoinput']))).toBe(true);
    expect(await hasCamera(devices(['audioinput']))).toBe(false);
    expect(await hasCamera(undefined)).toBe(false);
    expect(
      await hasCamera({
        enumerateDevices: () => Promise.reject(new Error('denied')),
        getUserMedia: () => Promise.reject(new Error('unused')),
      }),
    ).toBe(false);
  });
});
