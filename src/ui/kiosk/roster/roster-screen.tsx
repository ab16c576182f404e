/**
 * Staff: "Hvem er på arbejde nu?" first (faces, first names, until when), then the rest of today
 * ("Senere i dag") and the next days ("I morgen", "Torsdag den 26. november"), one big row per
 * shift. Night shifts show on the day they start.
 */
import { useTranslation } from 'react-i18next';
import type { Shift } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { firstName } from '../shared/avatar.js';
import { Pictogram } from '../shared/pictogram.js';
import { sentences } from '../shared/read-aloud.js';
import { capitalise, clockOf, dateInWords, spokenTime, wallTime } from '../time/format.js';
import { ShiftRow } from './shift-row.js';
import { useRoster } from './shifts.js';
import './roster.css';

/** Today and the six days after it: a week ahead. */
const DAYS = 7;

export function RosterScreen() {
  const { t } = useTranslation('roster');
  const { t: c } = useTranslation();
  const { settings } = useEnv();
  const { today, tomorrow, timeZone } = useToday();
  const roster = useRoster(DAYS);
  const lang = settings.lang;

  const dayHeading = (d: string) =>
    d === today ? c('today') : d === tomorrow ? c('tomorrow') : capitalise(dateInWords(d, lang));
  const dayInSentence = (d: string) =>
    d === today || d === tomorrow ? dayHeading(d).toLocaleLowerCase(lang) : dateInWords(d, lang);
  const groupOf = (s: Shift) => (s.groupId ? (roster?.groups.get(s.groupId)?.name ?? null) : null);
  const spokenGroup = (s: Shift) => {
    const g = groupOf(s);
    return g ? t('spokenGroup', { group: g }) : null;
  };
  const shiftTime = (s: Shift) => {
    const from = clockOf(s.start, timeZone, lang);
    const to = clockOf(s.end, timeZone, lang);
    return dayOf(s.end, timeZone) > dayOf(s.start, timeZone) &&
      wallTime(s.end, timeZone) !== '00:00'
      ? t('fromToNextDay', { from, to })
      : c('fromTo', { from, to });
  };
  const row = (s: Shift) => (
    <li key={s.id}>
      <ShiftRow
        shift={s}
        when={shiftTime(s)}
        group={groupOf(s)}
        speech={sentences(
          t('spokenShift', {
            name: firstName(s.staffName),
            day: dayInSentence(dayOf(s.start, timeZone)),
            from: spokenTime(wallTime(s.start, timeZone)),
            to: spokenTime(wallTime(s.end, timeZone)),
          }),
          spokenGroup(s),
        )}
      />
    </li>
  );

  const title = (
    <h1 className="screen-title">
      <Pictogram name="roster" fallback="staff" />
      <span>{t('title')}</span>
    </h1>
  );
  if (!roster) {
    return (
      <div className="roster-screen">
        {title}
        <p className="help">{c('loading')}</p>
      </div>
    );
  }
  const anyAhead = roster.days.some((d) => d.shifts.length > 0);
  return (
    <div className="roster-screen">
      {title}
      <section className="roster-now" aria-labelledby="roster-now">
        <h2 id="roster-now">{t('onNow')}</h2>
        {roster.now.length === 0 ? (
          <p className="empty">{t('nobodyNow')}</p>
        ) : (
          <ul className="shift-list">
            {roster.now.map((s) => (
              <li key={s.id}>
                <ShiftRow
                  now
                  shift={s}
                  when={t('until', { time: clockOf(s.end, timeZone, lang) })}
                  group={groupOf(s)}
                  speech={sentences(
                    t('spokenNow', {
                      name: firstName(s.staffName),
                      time: spokenTime(wallTime(s.end, timeZone)),
                    }),
                    spokenGroup(s),
                  )}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="roster-later" aria-labelledby="roster-later">
        <h2 id="roster-later">{t('later')}</h2>
        {roster.later.length === 0 ? (
          <p className="empty">{t('noneLater')}</p>
        ) : (
          <ul className="shift-list">{roster.later.map(row)}</ul>
        )}
      </section>
      <section className="roster-week" aria-labelledby="roster-week">
        <h2 id="roster-week" className="visually-hidden">
          {t('week')}
        </h2>
        {!anyAhead ? (
          <p className="empty">{t('empty')}</p>
        ) : (
          roster.days.map((d) => (
            <section key={d.date} className="roster-day" aria-labelledby={`roster-${d.date}`}>
              <h3 id={`roster-${d.date}`}>{dayHeading(d.date)}</h3>
              {d.shifts.length === 0 ? (
                <p className="empty">{t('noneDay')}</p>
              ) : (
                <ul className="shift-list">{d.shifts.map(row)}</ul>
              )}
            </section>
          ))
        )}
      </section>
    </div>
  );
}
