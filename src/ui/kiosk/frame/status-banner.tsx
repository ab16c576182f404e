/**
 * The calm connection line. Offline it says how old the screen is ("Skærmen er ikke opdateret
 * siden kl. 14.32") and how many changes wait, never an error box: everything stays usable.
 * Online and up to date it shows nothing, unless a change has been stuck for a long time (the
 * server keeps failing it): then, online or not, it asks the resident to tell the staff.
 */
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../client/index.js';
import { dayOf } from '../../../domain/rules/days.js';
import { useEnv } from '../data/kiosk-env.js';
import { useToday } from '../../shared/data/hooks.js';
import { clockOf, dayAndMonth } from '../time/format.js';
import type { TFunction } from 'i18next';
import type { Lang } from '../settings.js';
import { Pictogram, pictogramUrl } from '../shared/pictogram.js';

// Fetched while the connection is still up: the line shows it only once the connection is gone,
// and an icon first asked for then came out as a broken image.
const offlineIcon = pictogramUrl('offline', 'cross');
if (offlineIcon && typeof Image !== 'undefined') new Image().src = offlineIcon;

function since(at: Date, now: Date, timeZone: string, lang: Lang, t: TFunction): string {
  const time = t('at', { time: clockOf(at, timeZone, lang) });
  const day = dayOf(at, timeZone);
  if (day === dayOf(now, timeZone)) return time;
  return `${dayAndMonth(day, lang)} ${time}`;
}

export function describeStatus(
  status: SyncStatus | null,
  now: Date,
  timeZone: string,
  lang: Lang,
  t: TFunction,
): { text: string; stale: boolean } | null {
  if (!status) return { text: t('status.starting'), stale: false };
  const last = status.lastSyncedAt;
  const stuck = status.stuck > 0 ? t('status.stuck', { count: status.stuck }) : null;
  const waiting = stuck
    ? ` ${stuck}`
    : status.pending > 0
      ? ` ${t('status.waiting', { count: status.pending })}`
      : '';
  switch (status.state) {
    case 'online':
      if (stuck) return { text: stuck, stale: true };
      return last ? null : { text: t('status.fetching'), stale: false };
    case 'connecting':
      if (stuck) return { text: stuck, stale: true };
      return last ? null : { text: t('status.connecting'), stale: false };
    case 'offline':
      return {
        text:
          (last
            ? t('status.staleSince', { when: since(last, now, timeZone, lang, t) })
            : t('status.neverSynced')) + waiting,
        stale: true,
      };
    case 'unauthorized':
      return { text: t('status.unauthorized'), stale: true };
    case 'protocol_mismatch':
      return { text: t('status.outdated'), stale: true };
  }
}

export function StatusBanner() {
  const { t } = useTranslation();
  const { status, settings } = useEnv();
  const { now, timeZone } = useToday();
  const d = describeStatus(status, now, timeZone, settings.lang, t);
  // The live region stays mounted so a screen reader hears the change.
  return (
    <div className="status-slot" role="status" aria-label={t('status.label')}>
      {d && (
        <p className={d.stale ? 'status-banner stale' : 'status-banner'}>
          {d.stale && <Pictogram name="offline" fallback="cross" className="status-icon" />}
          {d.text}
        </p>
      )}
    </div>
  );
}
