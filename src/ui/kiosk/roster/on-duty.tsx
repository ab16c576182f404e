/**
 * Who of the staff is at work now: faces, first names and until when, compact, for the Home
 * screen. Prop-free: it reads the roster itself, so Home only places it.
 */
import { useTranslation } from 'react-i18next';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { Face, firstName } from '../shared/avatar.js';
import { clockOf } from '../time/format.js';
import { useRoster } from './shifts.js';

export function OnDutyNow() {
  const { t } = useTranslation('roster');
  const { settings } = useEnv();
  const { timeZone } = useToday();
  // Today only: the rest of the week is the Staff screen's.
  const roster = useRoster(1);
  if (roster === undefined) return null;
  if (roster.now.length === 0) return <p className="empty">{t('nobodyNow')}</p>;
  return (
    <ul className="on-duty">
      {roster.now.map((s) => (
        <li key={s.id}>
          <Face name={s.staffName} photo={s.photo} />
          <span className="on-duty-name">{firstName(s.staffName)}</span>
          <span className="on-duty-until">
            {t('until', { time: clockOf(s.end, timeZone, settings.lang) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
