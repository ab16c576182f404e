/**
 * An upload from staff (`POST /api/media`) made into stored media, or refused with a reason.
 * Its type is read from its bytes (media-type.ts), never from its name or the header the browser
 * sent; photos are decoded and written out afresh (photo.ts: upright, at most 1920 px, no
 * metadata), videos are checked and stripped of metadata when ffmpeg is installed (video.ts).
 * Nothing reaches the store until the whole file has been accepted: the bytes are written to a
 * temporary file outside the media directory, which is removed whatever happens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/permissions.js';
import { putMedia, putMediaFile, uploadTmpDir } from './media-store.js';
import { SNIFF_BYTES, sniffMediaType } from './media-type.js';
import { processPhoto, UnreadablePhoto } from './photo.js';
import { hasFfmpeg, posterFrame, probeVideo, stripVideo } from './video.js';

/** Largest photo accepted, before it is scaled down (a 48-megapixel phone JPEG is 8–12 MB). */
export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;
/** Largest video accepted (about 3 minutes of phone video at 1080p). */
export const VIDEO_MAX_BYTES = 200 * 1024 * 1024;

export type UploadRefusal =
  'empty' | 'too_large' | 'unsupported_type' | 'unreadable_photo' | 'unreadable_video';

export class UploadRefused extends Error {
  constructor(
    readonly reason: UploadRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface StoredUpload {
  hash: string;
  kind: 'image' | 'video';
  /** What the stored blob is served as. */
  contentType: string;
  width?: number;
  height?: number;
  /** A still of the video (stored like a photo), when ffmpeg could take one. */
  posterHash?: string;
}

const MB = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;

export const ACCEPTED_TYPES_TEXT = 'photos (JPEG, PNG, WebP, GIF, AVIF) or videos (MP4, WebM)';

/**
 * Reads `file` (the upload's stream; `truncated()` says whether the multipart limit cut it)
 * and stores what it holds. Throws UploadRefused for anything it will not store.
 */
export async function storeUpload(
  dataDir: string,
  file: Readable,
  truncated: () => boolean,
): Promise<StoredUpload> {
  const dir = uploadTmpDir(dataDir);
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = join(dir, randomBytes(8).toString('hex'));
  const stripped = `${tmp}.out`;
  try {
    try {
      await pipeline(file, createWriteStream(tmp, { mode: PRIVATE_FILE_MODE }));
    } catch (err) {
      // @fastify/multipart ends the stream with this error when the file passes the limit.
      if (!(err instanceof Error && 'code' in err && err.code === 'FST_REQ_FILE_TOO_LARGE'))
        throw err;
      throw new UploadRefused(
        'too_large',
        `The file is larger than ${MB(VIDEO_MAX_BYTES)}, the most for a video.`,
      );
    }
    if (truncated())
      throw new UploadRefused(
        'too_large',
        `The file is larger than ${MB(VIDEO_MAX_BYTES)}, the most for a video.`,
      );
    const { size } = await stat(tmp);
    if (size === 0) throw new UploadRefused('empty', 'The file is empty (0 bytes).');
    const type = sniffMediaType(await head(tmp));
    if (type.attachment)
      throw new UploadRefused(
        'unsupported_type',
        `The file is not one of the ${ACCEPTED_TYPES_TEXT} the wall can show (judged from its content, not its name).`,
      );
    if (type.contentType.startsWith('image/')) {
      if (size > PHOTO_MAX_BYTES)
        throw new UploadRefused(
          'too_large',
          `The photo is ${MB(size)}; the most is ${MB(PHOTO_MAX_BYTES)}.`,
        );
      return await storePhoto(dataDir, await readFile(tmp));
    }
    return await storeVideo(dataDir, tmp, stripped, type.contentType === 'video/webm');
  } finally {
    await rm(tmp, { force: true });
    await rm(stripped, { force: true });
  }
}

async function head(file: string): Promise<Buffer> {
  const h = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await h.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

async function storePhoto(dataDir: string, bytes: Buffer): Promise<StoredUpload> {
  let photo;
  try {
    photo = await processPhoto(bytes);
  } catch (err) {
    if (err instanceof UnreadablePhoto)
      throw new UploadRefused(
        'unreadable_photo',
        'The photo could not be read: the file is damaged or cut short.',
      );
    throw err;
  }
  const hash = await putMedia(dataDir, photo.bytes);
  return {
    hash,
    kind: 'image',
    contentType: photo.contentType,
    width: photo.width,
    height: photo.height,
  };
}

async function storeVideo(
  dataDir: string,
  tmp: string,
  stripped: string,
  webm: boolean,
): Promise<StoredUpload> {
  const contentType = webm ? 'video/webm' : 'video/mp4';
  if (!(await hasFfmpeg())) {
    // Without ffmpeg the bytes are stored as they came: type checked from the first bytes only.
    const hash = await hashFile(tmp);
    await putMediaFile(dataDir, tmp, hash);
    return { hash, kind: 'video', contentType };
  }
  const facts = await probeVideo(tmp);
  if (!facts)
    throw new UploadRefused(
      'unreadable_video',
      'The video could not be read: the file is damaged, cut short, or holds no picture.',
    );
  try {
    await stripVideo(tmp, stripped, webm ? 'webm' : 'mp4');
  } catch {
    throw new UploadRefused(
      'unreadable_video',
      'The video could not be read: the file is damaged or cut short.',
    );
  }
  const frame = await posterFrame(stripped, facts.durationS);
  let posterHash: string | undefined;
  if (frame) {
    try {
      posterHash = (await storePhoto(dataDir, frame)).hash;
    } catch {
      posterHash = undefined; // a video without a poster still plays
    }
  }
  const hash = await hashFile(stripped);
  await putMediaFile(dataDir, stripped, hash);
  return {
    hash,
    kind: 'video',
    contentType,
    width: facts.width,
    height: facts.height,
    ...(posterHash ? { posterHash } : {}),
  };
}

async function hashFile(file: string): Promise<string> {
  const h = await open(file, 'r');
  try {
    const hash = createHash('sha256');
    for await (const chunk of h.createReadStream({ autoClose: false }))
      hash.update(chunk as Buffer);
    return hash.digest('hex');
  } finally {
    await h.close();
  }
}
