/**
 * The known sign-ups of some activities with the outbox laid over them, live: what `stateOf`
 * needs to count pending changes. For screens that show activities without the Activities
 * screen's own query (Home's line), so they count a sign-up made offline exactly as the card does.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { overlaySignUps, signUpsOfActivities, type OverlaidSignUp } from '../../../client/index.js';
import type { Activity } from '../../../domain/model.js';
import { useEnv } from '../data/kiosk-env.js';

const none: readonly OverlaidSignUp[] = [];

export function useActivitySignUps(
  list: readonly Activity[] | undefined,
): readonly OverlaidSignUp[] {
  const { db } = useEnv();
  const ids = (list ?? []).map((a) => a.id);
  const key = ids.join('\n');
  return (
    useLiveQuery(async () => {
      if (ids.length === 0) return none;
      return overlaySignUps(await signUpsOfActivities(db, ids), await db.outbox.toArray()).filter(
        (s) => ids.includes(s.activityId),
      );
    }, [db, key]) ?? none // `key` stands for `ids`
  );
}
