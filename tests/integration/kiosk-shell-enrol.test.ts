/**
 * The Electron shell's start against a real centre server (issue 12): the enrolment code in the
 * kiosk config is exchanged by the shell once, the token kept in its store (a 0600 file here: no
 * keyring), the code removed from the config; a restart opens the wall with no touch, even with
 * the used code still in a config that could not be rewritten; a revoked kiosk gets the calm
 * "removed" screen; an unreachable server still opens the wall from the stored token.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKioskConfig } from '../../electron/config.js';
import { decideStart, enrolWithCode } from '../../electron/enrol/enrol.js';
import { createTokenStore } from '../../electron/enrol/token-store.js';
import { createEnrolCode } from '../../src/server/auth/accounts.js';
import { apply, startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

function kiosk(fields: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-shell-'));
  const configFile = join(dir, 'kiosk.json');
  const json = { serverUrl: t.url, name: 'Stuen', lang: 'da', ...fields };
  writeFileSync(configFile, JSON.stringify(json, null, 2));
  const lines: string[] = [];
  const store = createTokenStore(join(dir, 'user-data'), null, (l) => lines.push(l));
  /** One start of the shell: reads the config file as it is now. */
  const start = () =>
    decideStart({
      config: parseKioskConfig(readFileSync(configFile, 'utf8'), configFile),
      configFile,
      store,
      fetch,
      log: (l) => lines.push(l),
    });
  return { configFile, store, start, lines };
}

const code = async (name = 'Stuen') => (await createEnrolCode(t.server.store.db, name)).code;

describe('kiosk shell start', () => {
  it('enrols with the config code once, then restarts into the wall with no touch', async () => {
    const k = kiosk({ enrolCode: await code() });
    const first = await k.start();
    expect(first).toMatchObject({ kind: 'wall', checked: 'server' });
    const token = first.kind === 'wall' ? first.token : '';
    expect(await k.store.read()).toBe(token);
    // The used code is gone from the config; everything else is as it was.
    const config = JSON.parse(readFileSync(k.configFile, 'utf8')) as Record<string, unknown>;
    expect(config).toEqual({ serverUrl: t.url, name: 'Stuen', lang: 'da' });
    expect(readFileSync(k.configFile, 'utf8')).not.toContain(token);
    const second = await k.start();
    expect(second).toEqual({ kind: 'wall', token, checked: 'server' });
  });

  it('never re-sends a used code that is still in a config it could not rewrite', async () => {
    const used = await code();
    const k = kiosk({ enrolCode: used });
    expect((await k.start()).kind).toBe('wall');
    // A read-only config that still holds the code (the old bug: "Koden er allerede brugt").
    writeFileSync(
      k.configFile,
      JSON.stringify({ serverUrl: t.url, name: 'Stuen', enrolCode: used }),
    );
    // (A folder where the rewrite's temporary file would go: unwritable even for root.)
    mkdirSync(`${k.configFile}.tmp`);
    const again = await k.start();
    expect(again.kind).toBe('wall');
    expect(k.lines.join('\n')).toMatch(/could not remove the used enrolCode/);
    expect(readFileSync(k.configFile, 'utf8')).toContain(used);
  });

  it('a revoked kiosk shows "removed" at its next start, not a loop of enrolment attempts', async () => {
    const k = kiosk({ enrolCode: await code('Gangen') });
    const first = await k.start();
    if (first.kind !== 'wall') throw new Error('not enrolled');
    const staff = await t.staff();
    const device = await fetch(`${t.url}/api/devices/cookie`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.token}` },
    });
    const { deviceId } = (await device.json()) as { deviceId: string };
    await apply(staff, 'device.revoke', { deviceId });
    expect(await k.start()).toEqual({ kind: 'removed' });
    expect(await k.start()).toEqual({ kind: 'removed' }); // every start, calmly, no attempts
    // Staff enrol it again: a new code in its config replaces the revoked token.
    const fresh = await code('Gangen igen');
    writeFileSync(
      k.configFile,
      JSON.stringify({ serverUrl: t.url, name: 'Gangen', enrolCode: fresh }),
    );
    const again = await k.start();
    expect(again).toMatchObject({ kind: 'wall', checked: 'server' });
    expect(again.kind === 'wall' && again.token).not.toBe(first.token);
    expect(readFileSync(k.configFile, 'utf8')).not.toContain('enrolCode');
  });

  it('opens the wall from the stored token when the server cannot be reached', async () => {
    const k = kiosk({ enrolCode: await code() });
    await k.start();
    const config = parseKioskConfig(
      JSON.stringify({ serverUrl: 'http://127.0.0.1:9', name: 'Stuen' }),
      'k.json',
    );
    const offline = await decideStart({
      config,
      configFile: k.configFile,
      store: k.store,
      fetch,
      log: () => {},
    });
    expect(offline).toMatchObject({ kind: 'wall', checked: 'offline' });
  });

  it('a wrong or used code asks for a code (the page form) and leaves the config without it', async () => {
    const k = kiosk({ enrolCode: 'WRONG-CODE0' });
    expect(await k.start()).toEqual({ kind: 'needs-code', problem: 'code_unknown' });
    expect(readFileSync(k.configFile, 'utf8')).not.toContain('enrolCode');
    // Staff type a fresh code into the page's form; the shell exchanges it the same way.
    const deps = {
      config: parseKioskConfig(readFileSync(k.configFile, 'utf8'), k.configFile),
      configFile: k.configFile,
      store: k.store,
      fetch,
      log: () => {},
    };
    expect(await enrolWithCode(deps, 'x'.repeat(41))).toEqual({ ok: false, error: 'invalid' });
    expect((await enrolWithCode(deps, await code())).ok).toBe(true);
    expect((await k.start()).kind).toBe('wall');
  });
});
