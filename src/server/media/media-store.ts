/**
 * Media are content-addressed: a blob lives at `<dataDir>/media/<sha256 hex of its bytes>`, so the
 * same picture stored twice is one file, and a file's name proves its content (the `/media/<hash>`
 * route can be cached for ever).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/permissions.js';
import { SNIFF_BYTES, sniffMediaType } from './media-type.js';

export const MEDIA_HASH = /^[0-9a-f]{64}$/;

export const mediaDir = (dataDir: string): string => join(dataDir, 'media');

export function mediaFile(dataDir: string, hash: string): string {
  if (!MEDIA_HASH.test(hash)) throw new Error(`not a media hash: ${hash}`);
  return join(mediaDir(dataDir), hash);
}

export const mediaHash = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/**
 * Stores a blob and returns its hash. Written to a temporary name and renamed, so a reader (or a
 * crash) never sees half a file under a hash.
 */
export async function putMedia(dataDir: string, bytes: Uint8Array): Promise<string> {
  const hash = mediaHash(bytes);
  const file = mediaFile(dataDir, hash);
  if (existsSync(file)) return hash;
  await mkdir(mediaDir(dataDir), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, bytes, { mode: PRIVATE_FILE_MODE });
  await rename(tmp, file);
  return hash;
}

/**
 * Moves a finished file (of this data directory's file system) into the store under `hash`,
 * the SHA-256 of its bytes that the caller computed while writing it.
 */
export async function putMediaFile(dataDir: string, tmpFile: string, hash: string): Promise<void> {
  const file = mediaFile(dataDir, hash);
  await mkdir(mediaDir(dataDir), { recursive: true, mode: PRIVATE_DIR_MODE });
  await rename(tmpFile, file);
}

/** Where an upload is written while it arrives: beside the store, never inside it. */
export const uploadTmpDir = (dataDir: string): string => join(dataDir, 'upload-tmp');

/** What a stored blob is, from its first bytes as `/media/<hash>` serves it; null when absent. */
export type StoredMediaKind = 'image' | 'video' | 'other';

export async function storedMediaKind(
  dataDir: string,
  hash: string,
): Promise<StoredMediaKind | null> {
  if (!MEDIA_HASH.test(hash)) return null;
  let handle;
  try {
    handle = await open(mediaFile(dataDir, hash), 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const type = sniffMediaType(head.subarray(0, bytesRead));
    if (type.contentType.startsWith('image/')) return 'image';
    if (type.contentType.startsWith('video/')) return 'video';
    return 'other';
  } finally {
    await handle.close();
  }
}
