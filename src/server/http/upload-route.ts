/**
 * `POST /api/media`: staff upload one photo or video (multipart/form-data, one file part; its
 * field name is not looked at) and get back its address and kind:
 * `201 { hash, kind, contentType, width?, height?, posterHash? }` (src/protocol/README.md,
 * section 2). Checks in order, the first failing answers: who asks (401 without a login, 403
 * for a kiosk or a relative), the body (415 when it is not multipart, 400 without a file), then
 * the file itself (media/upload.ts: 400 empty or unreadable, 413 too large, 415 not a photo or
 * video). A cookie-signed upload must come from the server's own pages (the CSRF hook in
 * app.ts). The blob is stored only when every check passed, so a refusal leaves nothing behind.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginCallback } from 'fastify';
import { isStaff } from '../auth/principal.js';
import { uploadTmpDir } from '../media/media-store.js';
import {
  ACCEPTED_TYPES_TEXT,
  PHOTO_MAX_BYTES,
  storeUpload,
  UploadRefused,
  VIDEO_MAX_BYTES,
  type UploadRefusal,
} from '../media/upload.js';
import type { Store } from '../store/store.js';
import { requirePrincipal } from './credentials.js';
import { HttpError } from './errors.js';

export interface UploadRouteOptions {
  store: Store;
  now: () => Date;
  dataDir: string;
}

const STATUS: Record<UploadRefusal, [number, string]> = {
  empty: [400, 'invalid'],
  unreadable_photo: [400, 'invalid'],
  unreadable_video: [400, 'invalid'],
  too_large: [413, 'too_large'],
  unsupported_type: [415, 'unsupported_media_type'],
};

/** An upload's temporary file untouched this long is one a crash or a restart cut off. */
const LEFT_UPLOAD_MS = 6 * 3_600_000;

/**
 * Uploads cut off by a crash or a restart left their temporary file. Only old ones go: with
 * several nodes on one shared data directory, another node may be writing an upload there now
 * (removing its file would fail that upload).
 */
function removeLeftUploads(dir: string, nowMs: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // none yet
  }
  for (const name of names) {
    const file = join(dir, name);
    try {
      if (nowMs - statSync(file).mtimeMs > LEFT_UPLOAD_MS)
        rmSync(file, { recursive: true, force: true });
    } catch {
      // Gone meanwhile (another node cleaned it): nothing to do.
    }
  }
}

export const uploadRoute: FastifyPluginCallback<UploadRouteOptions> = (app, opts, done) => {
  const { store, now, dataDir } = opts;
  removeLeftUploads(uploadTmpDir(dataDir), Date.now());
  app.post('/', async (req, reply) => {
    const principal = await requirePrincipal(
      store.db,
      req,
      now(),
      'Log in as staff to upload photos and videos.',
    );
    if (!isStaff(principal))
      throw new HttpError(403, 'forbidden', `A ${principal.role} may not upload media.`);
    if (!req.isMultipart())
      throw new HttpError(
        415,
        'unsupported_media_type',
        'Send the file as multipart/form-data, in one file part.',
      );
    const part = await req.file({ limits: { fileSize: VIDEO_MAX_BYTES } });
    if (!part) throw new HttpError(400, 'invalid', 'The form holds no file.');
    try {
      const stored = await storeUpload(dataDir, part.file, () => part.file.truncated);
      return await reply.code(201).header('cache-control', 'no-store').send(stored);
    } catch (err) {
      if (err instanceof UploadRefused) {
        const [status, code] = STATUS[err.reason];
        throw new HttpError(status, code, err.message);
      }
      throw err;
    }
  });
  done();
};

/** The limits as the protocol document states them (for messages and the staff page). */
export const UPLOAD_RULES = {
  photoMaxBytes: PHOTO_MAX_BYTES,
  videoMaxBytes: VIDEO_MAX_BYTES,
  accepted: ACCEPTED_TYPES_TEXT,
};
