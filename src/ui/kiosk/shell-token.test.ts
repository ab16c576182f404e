import { describe, expect, it } from 'vitest';
import { shellEnrol, shellToken } from './shell-token.js';

describe('the kiosk token in the Electron shell', () => {
  it('is the token the shell hands over, null before enrolment, undefined in a browser', () => {
    expect(shellToken({ token: 'u-Mw5R', enrol: () => null })).toBe('u-Mw5R');
    expect(shellToken({ token: null })).toBeNull();
    expect(shellToken({ token: 42 })).toBeNull();
    expect(shellToken(undefined)).toBeUndefined();
    expect(shellToken({})).toBeUndefined();
  });

  it('sends a typed code to the shell and passes its answer on; a refusal or failure reads as no network', async () => {
    const sent: string[] = [];
    const enrol = shellEnrol({
      enrol: (code: string) => {
        sent.push(code);
        return Promise.resolve({ ok: true, token: 't', deviceId: 'd', name: 'n' });
      },
    });
    expect(await enrol?.('ABCDE-FGHJK')).toEqual({
      ok: true,
      token: 't',
      deviceId: 'd',
      name: 'n',
    });
    expect(sent).toEqual(['ABCDE-FGHJK']);
    expect(await shellEnrol({ enrol: () => Promise.resolve(null) })?.('X')).toMatchObject({
      ok: false,
      error: 'network',
    });
    expect(await shellEnrol({ enrol: () => Promise.reject(new Error('x')) })?.('X')).toMatchObject({
      ok: false,
      error: 'network',
    });
    expect(shellEnrol({ enrol: 'not a function' })).toBeUndefined();
    expect(shellEnrol(undefined)).toBeUndefined();
  });
});
