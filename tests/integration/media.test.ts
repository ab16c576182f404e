/**
 * `/media/<hash>` as the kiosk's <img> and <video> meet it: each blob with its real type read from
 * its first bytes (never SVG or HTML), and byte ranges so a video can seek.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMedia } from '../../src/server/media/media-store.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer;
/** Staff may fetch every blob; who else may is tests/integration/media-access.test.ts. */
let auth: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  auth = { authorization: `Bearer ${await t.userToken('staff')}` };
});
afterAll(async () => {
  await t.close();
});

const bytes = (...parts: (string | number[] | Uint8Array)[]): Buffer =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

/** Stores a blob the way the server does and returns its address. */
async function stored(blob: Buffer): Promise<string> {
  return `/media/${await putMedia(t.dataDir, blob)}`;
}

const get = (
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Response> => fetch(`${t.url}${path}`, { method, headers: { ...auth, ...headers } });

const padding = Buffer.alloc(200, 7);
const samples: [string, Buffer, string][] = [
  ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF', padding), 'image/jpeg'],
  ['a PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], padding), 'image/png'],
  ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ', padding), 'image/webp'],
  ['a GIF (89a)', bytes('GIF89a', padding), 'image/gif'],
  ['a GIF (87a)', bytes('GIF87a', padding), 'image/gif'],
  [
    'an MP4',
    bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2avc1mp41', padding),
    'video/mp4',
  ],
  ['a QuickTime-branded MP4', bytes([0, 0, 0, 0x14], 'ftypqt  ', padding), 'video/mp4'],
  [
    'a WebM',
    bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01], 'webm', padding),
    'video/webm',
  ],
  ['an AVIF', bytes([0, 0, 0, 0x1c], 'ftypavif', padding), 'image/avif'],
];

describe('the type a blob is served with', () => {
  it.each(samples)(
    '%s is served as %s, inline, with nosniff and for ever (privately)',
    async (_, blob, type) => {
      const res = await get(await stored(blob));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(blob);
    },
  );

  const refused: [string, Buffer][] = [
    ['unknown bytes', bytes('not really a photo')],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    [
      'an SVG behind an XML declaration',
      bytes('<?xml version="1.0"?>\n<svg><script>1</script></svg>'),
    ],
    ['an HTML page', bytes('<!DOCTYPE html><html><script>alert(1)</script></html>')],
    [
      'HTML behind white space and a BOM',
      bytes([0xef, 0xbb, 0xbf], '  \n<html><body onload=alert(1)>'),
    ],
    ['a HEIC photo (a picture, not a video)', bytes([0, 0, 0, 0x18], 'ftypheic', padding)],
    ['an empty file', Buffer.alloc(0)],
    ['a PNG cut short', bytes([0x89], 'PN')],
  ];
  it.each(refused)('%s is a download: octet-stream and attachment', async (_, blob) => {
    const res = await get(await stored(blob));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(blob);
  });

  it('ignores what the client asks for or says the file is', async () => {
    const path = await stored(bytes('<svg onload="alert(1)"/>'));
    const res = await get(`${path}?type=image/svg%2Bxml`, { accept: 'image/svg+xml,text/html' });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
  });
});

describe('byte ranges, for video', () => {
  const video = Buffer.concat([
    bytes([0, 0, 0, 0x18], 'ftypmp42', [0, 0, 0, 0], 'mp42isom'),
    Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251)),
  ]);
  const size = video.length;
  let path: string;
  beforeAll(async () => {
    path = await stored(video);
  });

  const ranged = async (range: string, expected: [number, number]): Promise<void> => {
    const res = await get(path, { range });
    expect(res.status).toBe(206);
    const [start, end] = expected;
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(video.subarray(start, end + 1));
  };

  it('gives the first bytes', () => ranged('bytes=0-99', [0, 99]));
  it('gives a range from the middle', () => ranged('bytes=500-731', [500, 731]));
  it('gives the rest of the file from an offset (what <video> asks first)', () =>
    ranged('bytes=300-', [300, size - 1]));
  it('gives the last bytes (a suffix range)', () => ranged('bytes=-100', [size - 100, size - 1]));
  it('clips a range running past the end', () =>
    ranged(`bytes=1000-${size + 5000}`, [1000, size - 1]));
  it('gives the whole file for a suffix longer than the file', () =>
    ranged('bytes=-99999', [0, size - 1]));
  it('gives one byte', () => ranged('bytes=7-7', [7, 7]));

  it.each([
    ['a start past the end', `bytes=${size}-`],
    ['a start far past the end', `bytes=${size + 10}-${size + 20}`],
    ['an end before the start', 'bytes=50-10'],
    ['an empty suffix', 'bytes=-0'],
    ['no numbers', 'bytes=-'],
    ['words', 'bytes=first-last'],
    ['a negative start', 'bytes=-5-10'],
  ])('answers 416 with the length for %s', async (_, range) => {
    const res = await get(path, { range });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
    expect(await res.json()).toMatchObject({ error: 'range_not_satisfiable' });
  });

  it('serves the whole file for several ranges at once', async () => {
    const res = await get(path, { range: 'bytes=0-9,20-29' });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(video);
  });

  it('ignores a range in another unit', async () => {
    const res = await get(path, { range: 'items=0-9' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(size));
  });

  it('honours If-Range only for the version the client holds', async () => {
    const etag = (await get(path)).headers.get('etag') ?? '';
    expect(etag).toBe(`"${path.slice('/media/'.length)}"`);
    expect((await get(path, { range: 'bytes=0-9', 'if-range': etag })).status).toBe(206);
    expect((await get(path, { range: 'bytes=0-9', 'if-range': '"something-else"' })).status).toBe(
      200,
    );
  });

  it('answers 304 to a client that already holds it', async () => {
    const etag = (await get(path)).headers.get('etag') ?? '';
    const res = await get(path, { 'if-none-match': etag });
    expect(res.status).toBe(304);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('answers HEAD with the headers and no body, ranges too', async () => {
    const whole = await get(path, {}, 'HEAD');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('content-length')).toBe(String(size));
    expect((await whole.arrayBuffer()).byteLength).toBe(0);
    const part = await get(path, { range: 'bytes=10-19' }, 'HEAD');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(0);
  });

  it('keeps serving after a client drops a range request half-way', async () => {
    const big = Buffer.concat([
      bytes([0, 0, 0, 0x18], 'ftypmp42'),
      Buffer.alloc(4 * 1024 * 1024, 1),
    ]);
    const bigPath = await stored(big);
    const aborter = new AbortController();
    const res = await fetch(`${t.url}${bigPath}`, {
      headers: { ...auth, range: 'bytes=0-' },
      signal: aborter.signal,
    });
    expect(res.status).toBe(206);
    aborter.abort();
    expect((await get(path, { range: 'bytes=0-3' })).status).toBe(206);
  });
});

describe('addresses', () => {
  it('refuses an address that is no SHA-256 hex digest with 400', async () => {
    expect((await get('/media/..%2F..%2Fcitizen-guide.db')).status).toBe(400);
    expect((await get(`/media/${'A'.repeat(64)}`)).status).toBe(400);
    expect((await get(`/media/${'a'.repeat(63)}`)).status).toBe(400);
    expect((await get(`/media/${'a'.repeat(64)}.png`)).status).toBe(400);
  });

  it('says 404 when no blob has that hash, for HEAD too', async () => {
    expect((await get(`/media/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get(`/media/${'0'.repeat(64)}`, {}, 'HEAD')).status).toBe(404);
  });

  it('stores a blob under the hash of its bytes, once', async () => {
    const blob = bytes('GIF89a', padding);
    const hash = createHash('sha256').update(blob).digest('hex');
    expect(await putMedia(t.dataDir, blob)).toBe(hash);
    expect(await putMedia(t.dataDir, blob)).toBe(hash);
    // A file copied in by hand (a backup restore) is served the same way.
    mkdirSync(join(t.dataDir, 'media'), { recursive: true });
    writeFileSync(join(t.dataDir, 'media', hash), blob);
    expect((await get(`/media/${hash}`)).headers.get('content-type')).toBe('image/gif');
  });
});
