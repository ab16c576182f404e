/**
 * A photo whose last reference went (a resident erased, GDPR) is deleted from the media folder,
 * after the commit: the same file may still be used by another record (content addressing: the
 * same picture uploaded twice is one file), so only one nothing refers to goes.
 */
import { rm } from 'node:fs/promises';
import { mediaFile } from '../media/media-store.js';
import type { Store } from '../store/store.js';

export async function deleteIfUnreferenced(
  store: Store,
  dataDir: string,
  hash: string,
): Promise<boolean> {
  const ref = await store.db
    .selectFrom('media_ref')
    .select('hash')
    .where('hash', '=', hash)
    .executeTakeFirst();
  if (ref) return false;
  await rm(mediaFile(dataDir, hash), { force: true });
  return true;
}
