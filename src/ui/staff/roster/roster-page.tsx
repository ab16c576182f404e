/**
 * Vagtplan: the week's shifts per day (Monday first) with photo and first name, as the wall's
 * "Hvem er på arbejde" shows them; add, edit or delete a shift in a dialog; "copy last week here"
 * in one click (`shift.copyWeek`, same weekdays and clock times).
 */
import { withoutPending } from '../../../client/index.js';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shift } from '../../../domain/model.js';
import { addDaysToDate, dayOf, localTimeOf, mondayOf } from '../../../domain/rules/days.js';
import { weekDates } from '../../../domain/rules/week-plan.js';
import { useToday } from '../../shared/data/hooks.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { clock, dayInWords, shortDay, useLang, weekNumber } from '../shell/week.js';
import { ALL_GROUPS, ShiftDialog, type ShiftDraft } from './shift-dialog.js';
import '../day-structure/planning.css';

export function RosterPage() {
  const { t } = useTranslation('staffRoster');
  const { t: tw } = useTranslation('staffDayStructure');
  const lang = useLang();
  const { db } = useStaff();
  const { today, timeZone } = useToday();
  const save = useSave();
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? [];
  const shifts = useOverlaid<Shift>('shift', { hideDeleted: true }) ?? [];
  const [monday, setMonday] = useState(() => mondayOf(today));
  const [draft, setDraft] = useState<ShiftDraft | null>(null);
  const days = weekDates(monday);
  const lastMonday = addDaysToDate(monday, -7);
  const heading = tw('week', {
    week: weekNumber(monday),
    from: shortDay(monday, lang),
    to: shortDay(days[6] ?? monday, lang),
  });
  const groupName = (id: string | null) =>
    id === null ? null : (groups.find((g) => g.id === id)?.name ?? null);

  return (
    <>
      <PageHeader title={t('title')} />
      <p className="muted">{t('intro')}</p>
      <div className="week-nav">
        <h2>{heading}</h2>
        <button type="button" className="button" onClick={() => setMonday(lastMonday)}>
          {tw('previousWeek')}
        </button>
        <button type="button" className="button" onClick={() => setMonday(mondayOf(today))}>
          {tw('thisWeek')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setMonday(addDaysToDate(monday, 7))}
        >
          {tw('nextWeek')}
        </button>
      </div>
      <div className="week-actions">
        <button
          type="button"
          className="button primary"
          aria-describedby="roster-copy-help"
          onClick={() => void save('shift.copyWeek', { fromWeek: lastMonday, toWeek: monday })}
        >
          {t('copyLast')}
        </button>
      </div>
      <p className="muted" id="roster-copy-help">
        {t('copyLastHelp', { week: weekNumber(lastMonday) })}
      </p>
      <ol className="week-grid" aria-label={heading}>
        {days.map((date) => {
          const label = dayInWords(date, lang);
          const list = shifts
            .filter((s) => dayOf(s.start, timeZone) === date)
            .sort(
              (a, b) => a.start.localeCompare(b.start) || a.staffName.localeCompare(b.staffName),
            );
          return (
            <li key={date} className={date === today ? 'week-day today' : 'week-day'}>
              <h3>{label}</h3>
              {list.length === 0 ? (
                <p className="muted">{t('nothing')}</p>
              ) : (
                <ul className="week-items">
                  {list.map((s) => {
                    const from = localTimeOf(s.start, timeZone);
                    const to = localTimeOf(s.end, timeZone);
                    const house = groupName(s.groupId);
                    return (
                      <li key={s.id} className={s.pending ? 'week-item pending' : 'week-item'}>
                        {s.photo ? (
                          <img className="staff-photo" src={`/media/${s.photo}`} alt="" />
                        ) : (
                          <span className="staff-photo" aria-hidden="true" />
                        )}
                        <div>
                          <span className="what">{s.staffName}</span>{' '}
                          <span>
                            {clock(from, lang)}–{clock(to, lang)}
                          </span>
                          {house && <span className="muted"> · {house}</span>}
                          {s.pending && <span className="muted"> {t('pending')}</span>}
                        </div>
                        <div className="item-buttons">
                          <button
                            type="button"
                            className="link-button"
                            aria-label={t('editWhat', { what: `${s.staffName} ${label}` })}
                            onClick={() =>
                              setDraft({
                                existing: withoutPending(s),
                                id: s.id,
                                values: {
                                  staffName: s.staffName,
                                  photo: s.photo,
                                  date,
                                  start: from,
                                  end: to,
                                  group: s.groupId ?? ALL_GROUPS,
                                },
                              })
                            }
                          >
                            {t('edit')}
                          </button>
                          <button
                            type="button"
                            className="link-button"
                            aria-label={t('deleteWhat', { what: `${s.staffName} ${label}` })}
                            onClick={() =>
                              void save(
                                'shift.del',
                                { id: s.id },
                                { undo: { name: 'shift.put', args: withoutPending(s) } },
                              )
                            }
                          >
                            {t('delete')}
                          </button>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
              <button
                type="button"
                className="link-button"
                aria-label={t('addShiftOn', { day: label })}
                onClick={() =>
                  setDraft({
                    existing: null,
                    id: crypto.randomUUID(),
                    values: {
                      staffName: '',
                      photo: null,
                      date,
                      start: '07:00',
                      end: '15:00',
                      group: ALL_GROUPS,
                    },
                  })
                }
              >
                + {t('addShift')}
              </button>
            </li>
          );
        })}
      </ol>
      {draft && (
        <ShiftDialog
          draft={draft}
          groups={groups}
          timeZone={timeZone}
          onClose={() => setDraft(null)}
        />
      )}
    </>
  );
}
