/**
 * The kiosk's own cache hooks (the shared ones, clock and centre and rejections, are in
 * src/ui/shared/data/hooks.ts). Privacy on the wall is enforced here as well as on the server:
 * only residents with wall consent are ever returned for display.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Resident } from '../../../domain/model.js';
import { useEnv } from './kiosk-env.js';

/** Residents who may appear on the shared screen, by first name order; undefined while loading. */
export function useWallResidents(): Resident[] | undefined {
  const { db } = useEnv();
  return useLiveQuery(
    async () =>
      (await db.resident.toArray())
        .filter((r) => r.wallConsent)
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'da')),
    [db],
  );
}

/** The same, by id (for "who signed up"); ids not in the map are shown only as a count. */
export function useWallResidentMap(): ReadonlyMap<string, Resident> {
  const list = useWallResidents();
  return useMemo(() => new Map((list ?? []).map((r) => [r.id, r])), [list]);
}
