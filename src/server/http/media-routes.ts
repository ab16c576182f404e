/**
 * `GET|HEAD /media/<sha256>`: a stored blob with its real type (from its first bytes, see
 * `media/media-type.ts`) and HTTP Range support, which Chromium's `<video>` needs to seek and,
 * for MP4 with the index at the end, often to start playing at all.
 *
 * Only for a principal who may see an entity referring to the blob (`media-access.ts`), known by
 * `Authorization: Bearer` or a cookie (the session cookie for people, the device cookie for
 * kiosks, so a plain `<img src>` works; names in credentials.ts). A blob the caller may not see is answered exactly like a missing one
 * (404), so nobody can probe which photos exist. Answers are cached `private`: never by a proxy.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MEDIA_HASH, mediaFile } from '../media/media-store.js';
import { SNIFF_BYTES, sniffMediaType } from '../media/media-type.js';
import type { Store } from '../store/store.js';
import type { VisibilityFacts } from '../sync/visibility.js';
import { requirePrincipal } from './credentials.js';
import { HttpError } from './errors.js';
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

export interface MediaRoutesOptions {
  store: Store;
  now: () => Date;
  facts: () => VisibilityFacts;
  dataDir: string;
}

const MediaParams = z.object({
  hash: z.string().regex(MEDIA_HASH, 'A media address is a SHA-256 hex digest.'),
});

export const mediaRoutes: FastifyPluginCallbackZod<MediaRoutesOptions> = (app, opts, done) => {
  const { store, now, facts, dataDir } = opts;
  app.route({
    method: ['GET', 'HEAD'],
    url: '/:hash',
    schema: { params: MediaParams },
    // HEAD is answered here (no stream opened), not by fastify running GET and dropping the body.
    exposeHeadRoute: false,
    handler: async (req, reply) => {
      const { hash } = req.params;
      const principal = await requirePrincipal(
        store.db,
        req,
        now(),
        'A kiosk token or a login is needed for media.',
      );
      if (!(await mayFetchMedia(store.db, principal, hash, facts())))
        throw new HttpError(404, 'not_found', 'No such media.');
      let handle: FileHandle;
      try {
        handle = await open(mediaFile(dataDir, hash), 'r');
      } catch (err) {
        if (
          err instanceof Error &&
          'code' in err &&
          (err.code === 'ENOENT' || err.code === 'EISDIR')
        )
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
        void reply.headers({
          'cache-control': IMMUTABLE,
          etag,
          'accept-ranges': 'bytes',
          ...(type.attachment ? { 'content-disposition': `attachment; filename="${hash}"` } : {}),
        });

        if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send();

        // If-Range names the version the client holds; any other version gets the whole file.
        const ifRange = req.headers['if-range'];
        const range =
          ifRange === undefined || String(ifRange).trim() === etag
            ? parseRange(req.headers.range, size)
            : null;
        if (range === 'unsatisfiable') {
          throw new HttpError(416, 'range_not_satisfiable', `The media is ${size} bytes long.`, {
            'content-range': `bytes */${size}`,
            'cache-control': 'no-store',
          });
        }
        const { start, end } = range ?? { start: 0, end: size - 1 };
        const length = size === 0 ? 0 : end - start + 1;
        void reply
          .code(range ? 206 : 200)
          .type(type.contentType)
          .header('content-length', length);
        if (range) void reply.header('content-range', `bytes ${start}-${end}/${size}`);
        if (req.method === 'HEAD' || length === 0) return reply.send();
        streaming = true;
        // A player aborts range requests all the time while it seeks: fastify ends the stream
        // (and closes the file) when the client goes, and that is no server error.
        return reply.send(handle.createReadStream({ start, end }));
      } finally {
        if (!streaming) await handle.close();
      }
    },
  });
  done();
};
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
