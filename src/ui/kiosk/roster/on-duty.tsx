/**
 * Who of the staff is on duty now: faces and first names, compact, for the Home screen.
 * (A first version written for Home; the roster screen's author may refine it.)
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useToday } from '../data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { Face, firstName } from '../shared/avatar.js';
import { clockOf } from '../time/format.js';

export function OnDutyNow() {
  const { t } = useTranslation();
  const { db, settings } = useEnv();
  const { now, timeZone } = useToday();
  const shifts = useLiveQuery(async () => {
    const from = new Date(now.getTime() - 36 * 3_600_000).toISOString();
    const rows = await db.shift
      .where('start')
      .between(from, now.toISOString(), true, true)
      .toArray();
    return rows
      .filter((s) => Date.parse(s.start) <= now.getTime() && Date.parse(s.end) > now.getTime())
      .sort((a, b) => a.staffName.localeCompare(b.staffName, 'da'));
  }, [db, now.getTime()]);
  if (shifts === undefined) return null;
  if (shifts.length === 0) return <p className="empty">—</p>;
  return (
    <ul className="on-duty">
      {shifts.map((s) => (
        <li key={s.id}>
          <Face name={s.staffName} photo={s.photo} />
          <span className="on-duty-name">{firstName(s.staffName)}</span>
          <span className="on-duty-until">
            {t('fromTo', {
              from: clockOf(s.start, timeZone, settings.lang),
              to: clockOf(s.end, timeZone, settings.lang),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}
