import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskCsp } from '../security/csp.js';
import { fakeElectron } from '../testing/fake-electron.js';
import {
  fileFor,
  kioskHandler,
  kioskSchemePrivileges,
  registerKioskScheme,
  type KioskHandlerOptions,
} from './kiosk-scheme.js';

/** A kiosk build beside a secret it must never serve. */
function build() {
  const base = mkdtempSync(join(tmpdir(), 'kiosk-scheme-'));
  const root = join(base, 'ui', 'kiosk');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Borgerguide</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'w');
  writeFileSync(join(root, 'assets', 'zxing_reader-abc.wasm'), 'wasm');
  writeFileSync(join(base, 'secret.json'), '{"token":"s3cret"}');
  return { base, root };
}

function handler(extra: Partial<KioskHandlerOptions> = {}) {
  const { root } = build();
  const forwarded: { url: string; init: RequestInit }[] = [];
  const lines: string[] = [];
  const handle = kioskHandler({
    root,
    server: 'https://guide.example.dk/',
    csp: kioskCsp('https://guide.example.dk'),
    fetch: (url, init) => {
      forwarded.push({ url, init });
      return Promise.resolve(new Response('{"ok":true}', { status: 200 }));
    },
    log: (l) => lines.push(l),
    ...extra,
  });
  const get = (url: string, init?: RequestInit) => handle(new Request(url, init));
  return { get, forwarded, lines, root };
}

describe('app://kiosk/ scheme', () => {
  it('is registered before ready as standard and secure, with fetch, and without bypassing CSP or service workers', () => {
    const f = fakeElectron();
    registerKioskScheme(f.electron);
    expect(f.schemes).toEqual([{ scheme: 'app', privileges: kioskSchemePrivileges }]);
    expect(kioskSchemePrivileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
    });
    expect(kioskSchemePrivileges).not.toHaveProperty('bypassCSP');
    expect(kioskSchemePrivileges).not.toHaveProperty('allowServiceWorkers');
  });

  it('serves the page at / with the CSP, and the build’s /kiosk/assets/ files with their types', async () => {
    const h = handler();
    const res = await h.get('app://kiosk/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(
      /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/,
    );
    expect(await res.text()).toContain('Borgerguide');
    const js = await h.get('app://kiosk/kiosk/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(js.headers.get('content-security-policy')).toBeNull();
    expect((await h.get('app://kiosk/assets/font.woff2')).headers.get('content-type')).toBe(
      'font/woff2',
    );
    // The QR decoder's WebAssembly: streaming compilation needs exactly this type.
    const wasm = await h.get('app://kiosk/assets/zxing_reader-abc.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(h.forwarded).toEqual([]);
  });

  it('answers 404 for a file that is not in the package, and for another host of the scheme', async () => {
    const h = handler();
    expect((await h.get('app://kiosk/kiosk/nothing.js')).status).toBe(404);
    expect((await h.get('app://kiosk/kiosk/assets')).status).toBe(404); // a folder
    expect((await h.get('app://other/')).status).toBe(404);
  });

  it('refuses every path that leaves the package (path traversal)', async () => {
    const h = handler();
    for (const path of [
      '/..%2Fsecret.json',
      '/kiosk/..%2F..%2Fsecret.json',
      '/%2e%2e/%2e%2e/secret.json',
      '/..%5C..%5Csecret.json',
      '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.json',
      '/index.html%00.js',
      '/%E0%A4%A',
    ]) {
      const res = await h.get(`app://kiosk${path}`);
      expect([403, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain('s3cret');
    }
    expect(fileFor('/pkg/ui/kiosk', '/..%2F..%2Fsecret.json')).toBeNull();
    expect(fileFor('/pkg/ui/kiosk', '/kiosk/../../secret.json')).toBeNull();
    expect(fileFor('/pkg/ui/kiosk', '/kiosk')).toBe('/pkg/ui/kiosk/index.html');
    expect(h.lines.some((l) => /refused .* \(outside the package\)/.test(l))).toBe(true);
  });

  it('serves files only: a POST to the page is refused', async () => {
    const h = handler();
    expect((await h.get('app://kiosk/', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('forwards /api and /media to the configured server only, with the device token and without the page’s origin', async () => {
    const h = handler({ token: () => 'device-token' });
    const res = await h.get('app://kiosk/api/speech?lang=da&text=Hej', {
      headers: { origin: 'app://kiosk', cookie: 'device=1' },
    });
    expect(await res.json()).toEqual({ ok: true });
    await h.get('app://kiosk/api/devices/enrol', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"code":"ABCDE"}',
    });
    await h.get('app://kiosk/media/abc123');
    expect(h.forwarded.map((r) => r.url)).toEqual([
      'https://guide.example.dk/api/speech?lang=da&text=Hej',
      'https://guide.example.dk/api/devices/enrol',
      'https://guide.example.dk/media/abc123',
    ]);
    const first = new Headers(h.forwarded[0]!.init.headers);
    expect(first.get('authorization')).toBe('Bearer device-token');
    expect(first.get('origin')).toBeNull();
    expect(first.get('cookie')).toBe('device=1');
    expect(h.forwarded[1]!.init.method).toBe('POST');
    expect(new TextDecoder().decode(h.forwarded[1]!.init.body as ArrayBuffer)).toBe(
      '{"code":"ABCDE"}',
    );
  });

  it('keeps the page’s own bearer header, and answers 502 (not a crash) when the server is gone', async () => {
    const h = handler({
      token: () => 'device-token',
      fetch: () => Promise.reject(new Error('ECONNREFUSED')),
    });
    const res = await h.get('app://kiosk/api/speech', { headers: { authorization: 'Bearer own' } });
    expect(res.status).toBe(502);
    expect(h.lines[0]).toMatch(/could not reach the server/);
  });
});
