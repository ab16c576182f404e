/**
 * Staff: "Hvem er på arbejde nu?" first (faces, first names, until when), then the rest of today
 * ("Senere i dag") and the next days ("I morgen", "Torsdag den 26. november"), one big row per
 * shift. Night shifts show on the day they start.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shift } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { firstName } from '../shared/avatar.js';
import { Pager, type PagerItem } from '../shared/pager.js';
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
  const row = (s: Shift): PagerItem => ({
    key: s.id,
    node: (
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
    ),
  });
  const heading = (key: string, node: ReactNode): PagerItem => ({ key, node, heading: true });
  const empty = (key: string, text: string): PagerItem => ({
    key,
    node: <p className="empty">{text}</p>,
  });

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
  // One list with its headings, one screen-full at a time (pager.tsx): the whole week was
  // 4,151 px tall. A heading is never left at the bottom of a page without its first shift.
  const items: PagerItem[] = [
    heading('h-now', <h2>{t('onNow')}</h2>),
    ...(roster.now.length === 0
      ? [empty('none-now', t('nobodyNow'))]
      : roster.now.map((s): PagerItem => ({
          key: `now-${s.id}`,
          node: (
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
          ),
        }))),
    heading('h-later', <h2 className="roster-sub">{t('later')}</h2>),
    ...(roster.later.length === 0 ? [empty('none-later', t('noneLater'))] : roster.later.map(row)),
    ...(!anyAhead
      ? [empty('none-week', t('empty'))]
      : roster.days.flatMap((d) => [
          heading(`h-${d.date}`, <h3>{dayHeading(d.date)}</h3>),
          ...(d.shifts.length === 0 ? [empty(`none-${d.date}`, t('noneDay'))] : d.shifts.map(row)),
        ])),
  ];
  return (
    <div className="roster-screen">
      {title}
      <Pager listClassName="shift-list" label={t('roster')} items={items} />
    </div>
  );
}
