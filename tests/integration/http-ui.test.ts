/**
 * The kiosk UI is served from its own folder and nowhere else: not from a sibling folder whose
 * name starts with the UI folder's name (`ui` and `kiosk-private`), however the path is written.
 * Unknown paths under /kiosk/ get the app (its own router decides), assets are cached, the page
 * itself is revalidated.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const SECRET = 'residents-private-export';
let t: TestServer;
let base: string;
beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'cg-ui-'));
  mkdirSync(join(base, 'ui', 'kiosk', 'assets'), { recursive: true });
  writeFileSync(join(base, 'ui', 'kiosk', 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(base, 'ui', 'kiosk', 'assets', 'app.js'), 'console.log(1)');
  mkdirSync(join(base, 'ui', 'staff'), { recursive: true });
  writeFileSync(join(base, 'ui', 'staff', 'index.html'), '<!doctype html><title>staff</title>');
  // A folder beside a front end's whose name starts with it: never reachable through it.
  mkdirSync(join(base, 'ui', 'kiosk-private'));
  writeFileSync(join(base, 'ui', 'kiosk-private', 'secret.txt'), SECRET);
  t = await startTestServer({ uiDir: join(base, 'ui') });
});
afterAll(async () => {
  await t.close();
  rmSync(base, { recursive: true, force: true });
});

/** A request line sent as written: fetch would normalise the dots away. */
function raw(path: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(t.server.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  });
}

describe('the kiosk UI', () => {
  it.each([
    '/kiosk/../kiosk-private/secret.txt',
    '/kiosk/..%2Fkiosk-private%2Fsecret.txt',
    '/kiosk/%2e%2e%2fkiosk-private%2fsecret.txt',
    '/kiosk/%2e%2e/kiosk-private/secret.txt',
    '/kiosk/..\\kiosk-private\\secret.txt',
    '/kiosk/..%5Ckiosk-private%5Csecret.txt',
  ])('never serves a sibling folder: %s', async (path) => {
    const answer = await raw(path);
    expect(answer).toMatch(/^HTTP\/1\.1 \d{3}/);
    expect(answer).not.toContain(SECRET);
  });

  it('serves its own files, the page revalidated and assets cached', async () => {
    const page = await fetch(`${t.url}/kiosk/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>kiosk</title>');
    const asset = await fetch(`${t.url}/kiosk/assets/app.js`);
    expect(asset.status).toBe(200);
    // Both are JavaScript MIME types to a browser (HTML's list), module scripts and workers too.
    expect(asset.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('answers an unknown path under /kiosk/ with the app, and redirects / to it', async () => {
    const deep = await fetch(`${t.url}/kiosk/some/client/route`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>kiosk</title>');
    const root = await fetch(`${t.url}/?code=ABCDE-FGHJK`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/kiosk/?code=ABCDE-FGHJK');
    const bare = await fetch(`${t.url}/kiosk`, { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/kiosk/');
  });

  it('serves the staff admin under /staff/ from its own folder, its routes as the page', async () => {
    const bare = await fetch(`${t.url}/staff`, { redirect: 'manual' });
    expect(bare.headers.get('location')).toBe('/staff/');
    for (const path of ['/staff/', '/staff/news', '/staff/activities/act-1']) {
      const page = await fetch(`${t.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('<title>staff</title>');
    }
    // Not built here: a clear message instead of another front end's page.
    const family = await fetch(`${t.url}/family/`);
    expect(family.status).toBe(404);
    expect(await family.text()).toContain('npm run build:ui');
  });
});
