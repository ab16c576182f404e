/**
 * The kiosk build is offline by construction (issue 12): the enrol form's QR decoder ships its
 * .wasm as a file of our own build, in a chunk of its own that the page loads only when staff
 * press "Skan koden", and no file of dist/ui/kiosk names a CDN (zxing-wasm's default jsDelivr
 * address is cut out by vite.config.ts). Reads the build `npm test` makes first
 * (`npm run build:ui` by hand).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(process.cwd(), 'dist', 'ui', 'kiosk');
const assets = join(root, 'assets');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('the kiosk build and its QR decoder', () => {
  it('exists (run npm run build:ui first)', () => {
    expect(existsSync(join(root, 'index.html')), 'dist/ui/kiosk: run npm run build:ui').toBe(true);
  });

  it('holds the decoder .wasm itself, byte for byte the one zxing-wasm ships', () => {
    const wasm = readdirSync(assets).filter((f) => /^zxing_reader-.*\.wasm$/.test(f));
    expect(wasm).toHaveLength(1);
    const ours = readFileSync(join(assets, wasm[0]!));
    const theirs = readFileSync(
      createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'),
    );
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(ours)).toBe(sha(theirs));
    // The lazy chunk names that file under the page's own /kiosk/assets/.
    const chunk = readdirSync(assets).find((f) => /^qr-decoder-.*\.js$/.test(f));
    expect(chunk).toBeDefined();
    expect(readFileSync(join(assets, chunk!), 'utf8')).toContain(`/kiosk/assets/${wasm[0]}`);
  });

  it('loads the decoder lazily: the page entry does not hold it', () => {
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    expect(html).not.toMatch(/qr-decoder|zxing/);
    const entry = /src="\/kiosk\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const main = readFileSync(join(root, entry!), 'utf8');
    expect(main).not.toContain('zxing_reader');
    expect(main).toMatch(/qr-decoder-[\w-]+\.js/); // a dynamic import, fetched on "Skan koden"
  });

  it('keeps the decoder out of the service worker precache (enrolling needs the server)', () => {
    const listed = JSON.parse(readFileSync(join(root, 'asset-manifest.json'), 'utf8')) as string[];
    expect(listed.length).toBeGreaterThan(10);
    expect(listed.filter((f) => /qr-decoder|zxing/.test(f))).toEqual([]);
  });

  it('names no CDN in any file', () => {
    const cdn = /https?:\/\/[^\s"'`]*(jsdelivr|unpkg|cdnjs|esm\.sh|skypack|googleapis|gstatic)/i;
    const hits = files(root)
      .filter((f) => /\.(js|html|css|json|webmanifest)$/.test(f))
      .filter((f) => cdn.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });
});
