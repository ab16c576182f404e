/**
 * Who of the staff is at work now: faces, first names and until when, compact, for the Home
 * screen. Prop-free: it reads the roster itself, so Home only places it. Each is a small card
 * with the read-aloud button in the same top-right corner as every other card ("Mette er på
 * arbejde nu, fra klokken 7 til klokken 15.").
 */
import { useTranslation } from 'react-i18next';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { Face, firstName } from '../shared/avatar.js';
import { ReadAloud } from '../shared/read-aloud.js';
import { clockOf, spokenTime, wallTime } from '../time/format.js';
import { useRoster } from './shifts.js';
import './on-duty.css';

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
      {roster.now.map((s) => {
        const name = firstName(s.staffName);
        const speech = t('spokenOnDuty', {
          name,
          from: spokenTime(wallTime(s.start, timeZone)),
          to: spokenTime(wallTime(s.end, timeZone)),
        });
        return (
          <li key={s.id}>
            <article className="on-duty-card" aria-label={name}>
              <Face name={s.staffName} photo={s.photo} />
              <span className="on-duty-name">{name}</span>
              <span className="on-duty-until">
                {t('until', { time: clockOf(s.end, timeZone, settings.lang) })}
              </span>
              <ReadAloud text={speech} what={name} />
            </article>
          </li>
        );
      })}
    </ul>
  );
}
