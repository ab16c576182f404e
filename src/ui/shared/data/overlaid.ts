/**
 * The cache's rows of one kind with the outbox's pending `<kind>.put` / `<kind>.del` over them
 * (src/client/overlay-entities.ts), live: a staff edit shows the moment it is saved and rolls
 * back by itself when refused. Undefined while loading.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { overlayEntities, type EditableKind, type Overlaid } from '../../../client/index.js';
import type { EntityType } from '../../../domain/model.js';
import { useSyncEnv } from './sync-env.js';

export function useOverlaid<T extends { id: string }>(
  kind: EditableKind & EntityType,
  opts: { hideDeleted?: boolean } = {},
): Overlaid<T>[] | undefined {
  const { db } = useSyncEnv();
  const hideDeleted = opts.hideDeleted ?? false;
  return useLiveQuery(async () => {
    const [rows, outbox] = await Promise.all([
      db.cacheTable(kind).toArray() as Promise<T[]>,
      db.outbox.toArray(),
    ]);
    return overlayEntities(kind, rows, outbox, { hideDeleted });
  }, [db, kind, hideDeleted]);
}
