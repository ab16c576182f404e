/**
 * `POST /api/media` (src/protocol/README.md section 2): staff upload a photo or a video; the type
 * comes from the bytes, photos are re-encoded for the wall (upright, at most 1920 px, no
 * EXIF/GPS), videos stripped of metadata and given a poster frame (ffmpeg). Every bad upload is
 * refused with a status, a code and a plain message, and leaves nothing in the media directory.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaDir, mediaFile } from '../../src/server/media/media-store.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer;
let staffToken: string;
beforeAll(async () => {
  t = await startTestServer();
  staffToken = await t.userToken('staff');
});
afterAll(async () => {
  await t.close();
});

const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const storedFiles = (): string[] => {
  const dir = mediaDir(t.dataDir);
  return existsSync(dir) ? readdirSync(dir) : [];
};
const tmpFiles = (): string[] => {
  const dir = join(t.dataDir, 'upload-tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
};

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function upload(
  bytes: Uint8Array,
  name: string,
  type: string,
  headers: Record<string, string> = { authorization: `Bearer ${staffToken}` },
): Promise<Answer> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${t.url}/api/media`, { method: 'POST', headers, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A photo a phone would take: 3000 × 2000, EXIF orientation 6 (turned), GPS position. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({
    create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 80, b: 40 } },
  })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '55/1 40/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '12/1 34/1 10/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

describe('a photo from staff', () => {
  it('is stored upright, at most 1920 px, with no EXIF or GPS left', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    // The fixture really carries what a phone writes (so the test can fail).
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString('latin1')).toContain('PhoneMaker');

    const { status, body } = await upload(original, 'holiday.jpg', 'image/jpeg');
    expect(status).toBe(201);
    expect(body).toMatchObject({ kind: 'image', contentType: 'image/jpeg' });
    // Turned by its orientation: 3000 × 2000 lying becomes 2000 × 3000 standing, fitted in 1920.
    expect(body.width).toBe(1280);
    expect(body.height).toBe(1920);
    const stored = readFileSync(mediaFile(t.dataDir, body.hash as string));
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1280, height: 1920 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(stored.includes(Buffer.from('PhoneMaker'))).toBe(false);

    // And staff can fetch it straight away (the form's preview).
    const res = await fetch(`${t.url}/media/${String(body.hash)}`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
  });

  it('with transparency is kept as WebP; a small one is not enlarged', async () => {
    const png = await sharp({
      create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const { status, body } = await upload(png, 'logo.png', 'image/png');
    expect(status).toBe(201);
    expect(body).toMatchObject({
      kind: 'image',
      contentType: 'image/webp',
      width: 300,
      height: 200,
    });
  });

  it('is judged by its bytes: a PNG named .txt and sent as text/plain is a photo', async () => {
    const png = await sharp({
      create: { width: 10, height: 10, channels: 3, background: '#0a0' },
    })
      .png()
      .toBuffer();
    const { status, body } = await upload(png, 'notes.txt', 'text/plain');
    expect(status).toBe(201);
    expect(body.kind).toBe('image');
  });
});

describe.skipIf(!hasFfmpeg)('a video from staff (ffmpeg installed)', () => {
  it('is stored without its metadata and with a poster frame', async () => {
    const src = join(t.dataDir, 'clip-src.mp4');
    execFileSync('ffmpeg', [
      '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '3',
      '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', 'use_metadata_tags',
      '-metadata', 'location=+55.6761+012.5683/', '-metadata', 'title=Secret place', '-y', src,
    ]); // prettier-ignore
    const bytes = readFileSync(src);
    expect(bytes.includes(Buffer.from('+55.6761'))).toBe(true);
    const { status, body } = await upload(bytes, 'trip.mp4', 'video/mp4');
    expect(status).toBe(201);
    expect(body).toMatchObject({
      kind: 'video',
      contentType: 'video/mp4',
      width: 320,
      height: 240,
    });
    const stored = readFileSync(mediaFile(t.dataDir, body.hash as string));
    expect(stored.includes(Buffer.from('+55.6761'))).toBe(false);
    expect(stored.includes(Buffer.from('Secret place'))).toBe(false);
    const poster = readFileSync(mediaFile(t.dataDir, body.posterHash as string));
    expect(await sharp(poster).metadata()).toMatchObject({ format: 'jpeg', width: 320 });
  });

  it('that is cut short or holds no picture is refused', async () => {
    const files = storedFiles().length;
    const fake = Buffer.concat([
      Buffer.from([0, 0, 0, 0x20]),
      Buffer.from('ftypisomiso2avc1mp41', 'latin1'),
      Buffer.alloc(2000, 1),
    ]);
    const { status, body } = await upload(fake, 'clip.mp4', 'video/mp4');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid' });
    expect(String(body.message)).toMatch(/video could not be read/);
    expect(storedFiles()).toHaveLength(files);
  });
});

describe('a bad upload is refused and nothing is stored', () => {
  const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
  const elf = Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
    Buffer.alloc(4000),
  ]);
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
  );

  const cases: [string, () => Promise<Buffer>, string, string, number, string, RegExp][] = [
    ['oversize (16 MB photo)', () => Promise.resolve(Buffer.concat([jpegHeader, Buffer.alloc(16 * 1024 * 1024, 1)])), 'big.jpg', 'image/jpeg', 413, 'too_large', /16 MB; the most is 15 MB/],
    ['wrong type (a PDF)', () => Promise.resolve(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')), 'menu.pdf', 'application/pdf', 415, 'unsupported_media_type', /not one of the photos/],
    ['a renamed executable (ELF named .jpg, sent as image/jpeg)', () => Promise.resolve(elf), 'cat.jpg', 'image/jpeg', 415, 'unsupported_media_type', /judged from its content, not its name/],
    ['an SVG with script', () => Promise.resolve(svg), 'logo.svg', 'image/svg+xml', 415, 'unsupported_media_type', /not one of the photos/],
    ['a zero-byte file', () => Promise.resolve(Buffer.alloc(0)), 'empty.jpg', 'image/jpeg', 400, 'invalid', /empty/],
    ['a truncated JPEG', async () => (await phonePhoto()).subarray(0, 4000), 'cut.jpg', 'image/jpeg', 400, 'invalid', /damaged or cut short/],
    ['an HTML page named .png', () => Promise.resolve(Buffer.from('<!doctype html><script>alert(1)</script>')), 'x.png', 'image/png', 415, 'unsupported_media_type', /not one of the photos/],
  ]; // prettier-ignore

  it.each(cases)('%s', async (_what, make, name, type, status, code, message) => {
    const files = storedFiles().length;
    const answer = await upload(await make(), name, type);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(code);
    expect(String(answer.body.message)).toMatch(message);
    expect(storedFiles()).toHaveLength(files);
    expect(tmpFiles()).toEqual([]);
  });

  it('from someone not signed in, a kiosk or a relative', async () => {
    const photo = await phonePhoto();
    const files = storedFiles().length;
    const kiosk = await t.kioskToken();
    const relative = await t.userToken('relative');
    const callers: [Record<string, string>, number, string, RegExp][] = [
      [{}, 401, 'unauthorized', /Log in as staff/],
      [{ authorization: 'Bearer not-a-token' }, 401, 'unauthorized', /Log in as staff/],
      [{ authorization: `Bearer ${kiosk}` }, 403, 'forbidden', /A kiosk may not upload media/],
      [{ authorization: `Bearer ${relative}` }, 403, 'forbidden', /A relative may not upload/],
      // A staff cookie from another site's page (CSRF): refused before the body is read.
      [
        { cookie: `cg_session=${staffToken}`, origin: 'http://evil.example' },
        403,
        'forbidden',
        /own pages/,
      ],
    ];
    for (const [headers, status, code, message] of callers) {
      const answer = await upload(photo, 'p.jpg', 'image/jpeg', headers);
      expect({ ...answer.body, status: answer.status }).toMatchObject({ status, error: code });
      expect(String(answer.body.message)).toMatch(message);
    }
    expect(storedFiles()).toHaveLength(files);
  });

  it('that is not a multipart form, or holds no file', async () => {
    const files = storedFiles().length;
    const auth = { authorization: `Bearer ${staffToken}` };
    const json = await fetch(`${t.url}/api/media`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: 'unsupported_media_type' });
    const form = new FormData();
    form.append('title', 'no file here');
    const empty = await fetch(`${t.url}/api/media`, { method: 'POST', headers: auth, body: form });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({
      error: 'invalid',
      message: 'The form holds no file.',
    });
    expect(storedFiles()).toHaveLength(files);
  });

  it('a temporary file left by an upload cut off by a crash is gone after a restart', async () => {
    const dir = join(t.dataDir, 'upload-tmp');
    mkdirSync(dir, { recursive: true });
    const left = join(dir, 'half-an-upload');
    writeFileSync(left, Buffer.alloc(1000));
    // Untouched for longer than any upload takes.
    const old = new Date(Date.now() - 7 * 3_600_000);
    utimesSync(left, old, old);
    await t.restart();
    staffToken = await t.userToken('staff');
    expect(tmpFiles()).toEqual([]);
  });

  it('a restart leaves alone an upload another node is writing into a shared data directory', async () => {
    const dir = join(t.dataDir, 'upload-tmp');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'another-nodes-upload'), Buffer.alloc(1000));
    await t.restart();
    staffToken = await t.userToken('staff');
    expect(tmpFiles()).toEqual(['another-nodes-upload']);
  });

  it('a staff cookie from the server’s own page is accepted (the admin’s way)', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123' } })
      .png()
      .toBuffer();
    const host = new URL(t.url).host;
    const answer = await upload(png, 'a.png', 'image/png', {
      cookie: `cg_session=${staffToken}`,
      origin: `http://${host}`,
    });
    expect(answer.status).toBe(201);
  });
});
