/**
 * The relatives' page installs on a phone's home screen: the server serves the manifest and the
 * icons that the family build makes (src/ui/relatives/install) with the types a phone needs
 * (`application/manifest+json`, `image/png`), every icon the manifest names exists at its size,
 * and the page links them (manifest, apple-touch-icon, theme colour).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFiles } from '../../src/ui/relatives/install/icons-plugin.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer;
let base: string;
beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'cg-family-'));
  const family = join(base, 'ui', 'family');
  for (const [file, bytes] of await installFiles()) {
    mkdirSync(dirname(join(family, file)), { recursive: true });
    writeFileSync(join(family, file), bytes);
  }
  writeFileSync(join(family, 'index.html'), readFileSync('src/ui/relatives/index.html'));
  t = await startTestServer({ uiDir: join(base, 'ui') });
});
afterAll(async () => {
  await t.close();
  rmSync(base, { recursive: true, force: true });
});

/** A PNG's width and height from its IHDR chunk. */
const pngSize = (b: Buffer): [number, number] => [b.readUInt32BE(16), b.readUInt32BE(20)];

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
}

describe('installing the relatives’ page', () => {
  it('serves a manifest that opens /family/ in its own window', async () => {
    const res = await fetch(`${t.url}/family/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const m = (await res.json()) as Manifest;
    expect(m).toMatchObject({
      name: 'Borgerguide – pårørende',
      start_url: '/family/',
      scope: '/family/',
      display: 'standalone',
    });
    expect(m.short_name.length).toBeLessThanOrEqual(12);
    const sizes = (purpose: string) =>
      m.icons.filter((i) => i.purpose === purpose).map((i) => i.sizes);
    expect(sizes('any')).toEqual(['192x192', '512x512']);
    expect(sizes('maskable')).toEqual(['192x192', '512x512']);
  });

  it('serves every icon the manifest names, as PNG at its size, and the apple-touch-icon', async () => {
    const m = (await (await fetch(`${t.url}/family/manifest.webmanifest`)).json()) as Manifest;
    const wanted = [
      ...m.icons.map((i) => ({ src: i.src, size: Number(i.sizes.split('x')[0]) })),
      { src: '/family/icons/apple-touch-icon.png', size: 180 },
    ];
    for (const { src, size } of wanted) {
      const res = await fetch(`${t.url}${src}`);
      expect(res.status, src).toBe(200);
      expect(res.headers.get('content-type'), src).toBe('image/png');
      expect(pngSize(Buffer.from(await res.arrayBuffer())), src).toEqual([size, size]);
    }
  });

  it('links the manifest, the icons and the theme colour from the page', async () => {
    const html = await (await fetch(`${t.url}/family/`)).text();
    expect(html).toContain('<link rel="manifest" href="/family/manifest.webmanifest" />');
    expect(html).toContain('rel="apple-touch-icon" href="/family/icons/apple-touch-icon.png"');
    expect(html).toMatch(/<meta name="theme-color" content="#0b4f8a" \/>/);
    expect(html).toContain('lang="da"');
  });
});
