/**
 * `GET|HEAD /media/<sha256>`: a stored blob with its real type (from its first bytes, see
 * `media/media-type.ts`) and HTTP Range support, which Chromium's `<video>` needs to seek and,
 * for MP4 with the index at the end, often to start playing at all.
 *
 * Only for a principal who may see an entity referring to the blob (`media-access.ts`), known by
 * `Authorization: Bearer` or a cookie (`cg_session` for people, `cg_device` for kiosks, so a
 * plain `<img src>` works). A blob the caller may not see is answered exactly like a missing one
 * (404), so nobody can probe which photos exist. Answers are cached `private`: never by a proxy.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { MEDIA_HASH, mediaFile } from '../media/media-store.js';
import { SNIFF_BYTES, sniffMediaType } from '../media/media-type.js';
import { authenticate } from '../auth/principal.js';
import type { Store } from '../store/store.js';
import type { VisibilityFacts } from '../sync/visibility.js';
import { HttpError, KIOSK_CSP, bearer, sendJson } from './io.js';
import { mayFetchMedia } from './media-access.js';

/** Inclusive byte positions, as in `Content-Range`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a file of `size` bytes:
 * - `null`: serve the whole file (no header, another unit than bytes, or several ranges; one
 *   200 answer is simpler than multipart/byteranges and every browser accepts it);
 * - `'unsatisfiable'`: answer 416 (a malformed bytes range, or one that starts past the end);
 * - a range, clipped to the file.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!m) return null;
  const spec = (m[1] ?? '').trim();
  if (spec.includes(',')) return null;
  const parts = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  if (!parts) return 'unsatisfiable';
  const [, first = '', last = ''] = parts;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (last === '' || length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return 'unsatisfiable';
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/**
 * The content never changes under a hash, so the browser may keep it for ever (the kiosk's
 * offline copy is this cache), but only for the one user of that browser.
 */
const IMMUTABLE = 'private, max-age=31536000, immutable';

export interface MediaAccess {
  store: Store;
  now: () => Date;
  facts: () => VisibilityFacts;
}

export async function serveMedia(
  req: IncomingMessage,
  res: ServerResponse,
  dataDir: string,
  hash: string,
  access: MediaAccess,
): Promise<void> {
  if (!MEDIA_HASH.test(hash))
    throw new HttpError(400, 'invalid', 'A media address is a SHA-256 hex digest.');
  const principal = await authenticate(access.store.db, bearer(req) ?? '', access.now());
  if (!principal)
    throw new HttpError(401, 'unauthorized', 'A kiosk token or a login is needed for media.');
  if (!(await mayFetchMedia(access.store.db, principal, hash, access.facts())))
    throw new HttpError(404, 'not_found', 'No such media.');
  let handle: FileHandle;
  try {
    handle = await open(mediaFile(dataDir, hash), 'r');
  } catch (err) {
    if (err instanceof Error && 'code' in err && (err.code === 'ENOENT' || err.code === 'EISDIR'))
      throw new HttpError(404, 'not_found', 'No such media.');
    throw err;
  }
  let streaming = false;
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    if (head.length > 0) await handle.read(head, 0, head.length, 0);
    const type = sniffMediaType(head);
    // The hash is the content, so it is the strongest validator there is.
    const etag = `"${hash}"`;
    const headers: Record<string, string | number> = {
      'content-type': type.contentType,
      'cache-control': IMMUTABLE,
      etag,
      'accept-ranges': 'bytes',
      'content-security-policy': KIOSK_CSP,
      'x-content-type-options': 'nosniff',
      ...(type.attachment ? { 'content-disposition': `attachment; filename="${hash}"` } : {}),
    };

    if (matchesEtag(req.headers['if-none-match'], etag)) {
      const { 'content-type': _type, ...rest } = headers;
      res.writeHead(304, rest);
      res.end();
      return;
    }

    // If-Range names the version the client holds; any other version gets the whole file.
    const ifRange = req.headers['if-range'];
    const range =
      ifRange === undefined || String(ifRange).trim() === etag
        ? parseRange(req.headers.range, size)
        : null;
    if (range === 'unsatisfiable') {
      return sendJson(
        res,
        416,
        { error: 'range_not_satisfiable', message: `The media is ${size} bytes long.` },
        { 'content-range': `bytes */${size}`, 'accept-ranges': 'bytes' },
      );
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const length = size === 0 ? 0 : end - start + 1;
    res.writeHead(range ? 206 : 200, {
      ...headers,
      'content-length': length,
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    streaming = true;
    // A player aborts range requests all the time while it seeks: that is no server error, so
    // the stream's failure only ends the response.
    pipeline(handle.createReadStream({ start, end }), res, () => undefined);
  } finally {
    if (!streaming) await handle.close();
  }
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
