/**
 * Aktiviteter: the week's activities day by day (centres plan in weeks), each with its time,
 * place, how many are signed up and waiting, and a link to its sign-up list. Previous / next
 * week and "this week"; the week is in the address (`?uge=2026-11-30`) so Back returns to it.
 */
import { getISOWeek } from 'date-fns';
import { Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import type { Activity, Group } from '../../../domain/model.js';
import { addDaysToDate, dateWindow, dayOf, mondayOf } from '../../../domain/rules/days.js';
import { dateWords } from '../../../domain/rules/recurrence-words.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { useToday } from '../../shared/data/hooks.js';
import { useLiveQuery } from 'dexie-react-hooks';
import { PageHeader } from '../shell/page-header.js';
import { useStaff } from '../shell/staff-env.js';
import { clock, weekdayWord } from './format.js';
import './activities.css';

export function ActivitiesPage() {
  const { t, i18n } = useTranslation('staffActivities');
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const { db } = useStaff();
  const { today, timeZone } = useToday(60_000);
  const [params, setParams] = useSearchParams();
  const asked = params.get('uge');
  const monday = mondayOf(asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : today);
  const days = dateWindow(monday, 7);
  const activities = useOverlaid<Activity>('activity', { hideDeleted: true });
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? ([] as Group[]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const byDay = new Map<string, Activity[]>(days.map((d) => [d, []]));
  for (const a of activities ?? []) byDay.get(dayOf(a.start, timeZone))?.push(a);
  for (const list of byDay.values()) list.sort((a, b) => a.start.localeCompare(b.start));
  const weekNo = getISOWeek(new Date(`${monday}T12:00:00Z`));
  const go = (date: string) => setParams({ uge: date });
  const empty = activities !== undefined && days.every((d) => (byDay.get(d) ?? []).length === 0);

  return (
    <div className="acts-activities-admin">
      <PageHeader
        title={t('title')}
        actions={
          <Link
            className="button primary"
            href={`/activities/new?dato=${monday < today ? today : monday}`}
          >
            {t('newActivity')}
          </Link>
        }
      />
      <nav className="acts-week-nav" aria-label={t('week.label', { week: weekNo })}>
        <button type="button" className="button" onClick={() => go(addDaysToDate(monday, -7))}>
          <span aria-hidden="true">‹ </span>
          {t('week.previous')}
        </button>
        <p className="acts-week-title">
          <strong>{t('week.label', { week: weekNo })}</strong>{' '}
          <span className="muted">
            {t('week.range', {
              from: dateWords(lang, monday),
              to: dateWords(lang, addDaysToDate(monday, 6)),
            })}
          </span>
        </p>
        <button type="button" className="button" onClick={() => go(addDaysToDate(monday, 7))}>
          {t('week.next')}
          <span aria-hidden="true"> ›</span>
        </button>
        {monday !== mondayOf(today) && (
          <button type="button" className="link-button" onClick={() => go(today)}>
            {t('week.thisWeek')}
          </button>
        )}
      </nav>
      {activities === undefined && <p className="muted">{t('week.loading')}</p>}
      {empty && <p className="card">{t('week.nothing')}</p>}
      {!empty &&
        days.map((day) => {
          const list = byDay.get(day) ?? [];
          return (
            <section
              key={day}
              className={[
                'acts-week-day',
                day === today ? 'acts-today' : '',
                list.length === 0 ? 'acts-empty' : '',
              ]
                .join(' ')
                .trim()}
              aria-labelledby={`day-${day}`}
            >
              <h2 id={`day-${day}`}>
                {weekdayWord(day, lang)} {dateWords(lang, day)}
                {day === today && (
                  <span className="badge good acts-today-badge">{t('week.today')}</span>
                )}
              </h2>
              {list.length === 0 ? (
                <p className="muted">{t('week.nothingDay')}</p>
              ) : (
                <ul className="acts-activity-rows">
                  {list.map((a) => (
                    <li key={a.id} className="acts-activity-row">
                      <span className="acts-activity-time">
                        {clock(a.start, timeZone)}–{clock(a.end, timeZone)}
                      </span>
                      <span className="acts-activity-main">
                        <Link
                          href={`/activities/${encodeURIComponent(a.id)}`}
                          className="acts-activity-link"
                        >
                          {a.title}
                        </Link>
                        <span className="muted">
                          {[
                            a.place,
                            a.audience.kind === 'groups'
                              ? t('row.forGroups', {
                                  groups: a.audience.groupIds
                                    .map((g) => groupName.get(g) ?? g)
                                    .join(', '),
                                })
                              : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                      </span>
                      <span className="acts-activity-counts">
                        <span
                          className={
                            a.capacity !== null && a.confirmedCount >= a.capacity
                              ? 'badge warn'
                              : 'badge good'
                          }
                        >
                          {a.capacity === null
                            ? t('row.signedUp', { count: a.confirmedCount })
                            : t('row.signedUpOf', {
                                count: a.confirmedCount,
                                capacity: a.capacity,
                              })}
                        </span>
                        {a.waitlistCount > 0 && (
                          <span className="badge warn">
                            {t('row.waiting', { count: a.waitlistCount })}
                          </span>
                        )}
                        {(a.seriesId !== null || a.recurrence !== null) && (
                          <span className="badge">{t('row.repeats')}</span>
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
    </div>
  );
}
