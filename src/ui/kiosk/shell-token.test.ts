import { describe, expect, it } from 'vitest';
import { shellEnrol, shellHealth, shellToken } from './shell-token.js';

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

  it('hands the sync engine the shell health and the staff reload; nothing in a browser', () => {
    const health = { version: '1.4.0', uptimeSeconds: 5, lastCrash: null, screen: 'wall' };
    let reloads = 0;
    const shell = shellHealth({ health: () => health }, () => (reloads += 1));
    expect(shell?.health()).toEqual(health);
    shell?.reload();
    expect(reloads).toBe(1);
    expect(
      shellHealth({
        health: () => {
          throw new Error('gone');
        },
      })?.health(),
    ).toBeNull();
    expect(shellHealth({ token: 't' })).toBeUndefined();
    expect(shellHealth(undefined)).toBeUndefined();
  });

  it('tells the shell when the server refused the token, and never throws into the engine', () => {
    let told = 0;
    const shell = shellHealth({ health: () => null, unauthorized: () => (told += 1) });
    shell?.unauthorized?.();
    expect(told).toBe(1);
    // An older shell without the channel, or one that throws: the page goes on as before.
    expect(() => shellHealth({ health: () => null })?.unauthorized?.()).not.toThrow();
    const throwing = shellHealth({
      health: () => null,
      unauthorized: () => {
        throw new Error('gone');
      },
    });
    expect(() => throwing?.unauthorized?.()).not.toThrow();
  });
});
