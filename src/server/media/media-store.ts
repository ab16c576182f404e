/**
 * Media are content-addressed: a blob lives at `<dataDir>/media/<sha256 hex of its bytes>`, so the
 * same picture stored twice is one file, and a file's name proves its content (the `/media/<hash>`
 * route can be cached for ever).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/permissions.js';

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
