/**
 * Dagsstruktur: a resident's or a group's week (Monday first), filled from the weekday templates
 * in one click, copied from last week in one click, each item edited in a dialog beside the
 * kiosk's own card. Today's column is marked; an item changed today shows "Ændret i dag", as the
 * wall shows "Ændret".
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayItem, DayTemplate } from '../../../domain/model.js';
import { addDaysToDate, mondayOf } from '../../../domain/rules/days.js';
import { sortDayItems } from '../../../domain/rules/day-structure.js';
import { sameOwner, weekDates } from '../../../domain/rules/week-plan.js';
import { useToday } from '../../shared/data/hooks.js';
import { withoutPending, type Overlaid } from '../../../client/index.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { pictogramUrl } from '../../kiosk/shared/pictogram.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { ItemDialog, type ItemDraft } from './item-dialog.js';
import { OwnerSelect, ownerOf, type Owner } from './owner-select.js';
import { TemplateDialog, type TemplateDraft } from './template-dialog.js';
import {
  WEEKDAYS_FROM_MONDAY,
  clock,
  dayInWords,
  shortDay,
  useLang,
  weekNumber,
  weekdayWord,
} from '../shell/week.js';
import './planning.css';

const newId = (): string => crypto.randomUUID();

export function DayStructurePage() {
  const { t } = useTranslation('staffDayStructure');
  const lang = useLang();
  const { db } = useStaff();
  const { today } = useToday();
  const save = useSave();
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? [];
  const residents = useLiveQuery(() => db.resident.toArray(), [db]) ?? [];
  const items = useOverlaid<DayItem>('dayitem', { hideDeleted: true });
  const templates = useOverlaid<DayTemplate>('daytemplate', { hideDeleted: true });
  const [chosen, setChosen] = useState<string | null>(null);
  const [monday, setMonday] = useState(() => mondayOf(today));
  const [itemDraft, setItemDraft] = useState<ItemDraft | null>(null);
  const [templateDraft, setTemplateDraft] = useState<TemplateDraft | null>(null);

  const firstOwner = groups[0] ? `g:${groups[0].id}` : residents[0] ? `r:${residents[0].id}` : null;
  const key = chosen ?? firstOwner;
  const owner: Owner | null = key ? ownerOf(key) : null;
  const days = weekDates(monday);
  const mine = useMemo(
    () =>
      owner
        ? (sortDayItems((items ?? []).filter((i) => sameOwner(i, owner))) as Overlaid<DayItem>[])
        : [],
    [items, owner?.residentId, owner?.groupId],
  );
  const myTemplates = (templates ?? []).filter((tp) => owner && sameOwner(tp, owner));
  const lastMonday = addDaysToDate(monday, -7);

  if (!owner) {
    return (
      <>
        <PageHeader title={t('title')} />
        <p>{t('noOwners')}</p>
      </>
    );
  }
  const o = owner;
  return (
    <>
      <PageHeader title={t('title')} />
      <p className="muted">{t('intro')}</p>
      <div className="planning-toolbar">
        <OwnerSelect groups={groups} residents={residents} value={key} onChange={setChosen} />
      </div>
      <div className="week-nav">
        <h2>
          {t('week', {
            week: weekNumber(monday),
            from: shortDay(monday, lang),
            to: shortDay(days[6] ?? monday, lang),
          })}
        </h2>
        <button type="button" className="button" onClick={() => setMonday(lastMonday)}>
          {t('previousWeek')}
        </button>
        <button type="button" className="button" onClick={() => setMonday(mondayOf(today))}>
          {t('thisWeek')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setMonday(addDaysToDate(monday, 7))}
        >
          {t('nextWeek')}
        </button>
      </div>
      <div className="week-actions">
        <button
          type="button"
          className="button primary"
          disabled={myTemplates.length === 0}
          aria-describedby="fill-help"
          onClick={() => void save('dayitem.applyTemplates', { weekStart: monday, ...o })}
        >
          {t('fill')}
        </button>
        <button
          type="button"
          className="button"
          aria-describedby="copy-help"
          onClick={() =>
            void save('dayitem.copyWeek', { fromWeek: lastMonday, toWeek: monday, ...o })
          }
        >
          {t('copyLast')}
        </button>
      </div>
      <p className="muted" id="fill-help">
        {myTemplates.length === 0 ? t('fillNone') : t('fillHelp')}
      </p>
      <p className="muted" id="copy-help">
        {t('copyLastHelp', { week: weekNumber(lastMonday) })}
      </p>
      <ol
        className="week-grid"
        aria-label={t('week', {
          week: weekNumber(monday),
          from: shortDay(monday, lang),
          to: shortDay(days[6] ?? monday, lang),
        })}
      >
        {days.map((date) => {
          const dayItems = mine.filter((i) => i.date === date);
          const label = dayInWords(date, lang);
          return (
            <li key={date} className={date === today ? 'week-day today' : 'week-day'}>
              <h3>{label}</h3>
              {dayItems.length === 0 ? (
                <p className="muted">{t('nothing')}</p>
              ) : (
                <ul className="week-items">
                  {dayItems.map((i) => (
                    <li key={i.id} className={i.pending ? 'week-item pending' : 'week-item'}>
                      <img src={pictogramUrl(i.pictogram, 'activity') ?? ''} alt="" />
                      <div>
                        <span>
                          {clock(i.start, lang)}
                          {i.end ? `–${clock(i.end, lang)}` : ''}{' '}
                        </span>
                        <span className="what">{i.title}</span>
                        {i.changedOn === today && (
                          <>
                            {' '}
                            <span className="badge warn">{t('changed')}</span>
                          </>
                        )}
                        {i.pending && <span className="muted"> {t('pending')}</span>}
                      </div>
                      <div className="item-buttons">
                        <button
                          type="button"
                          className="link-button"
                          aria-label={t('editWhat', { what: `${i.title} ${label}` })}
                          onClick={() =>
                            setItemDraft({ existing: withoutPending(i), id: i.id, ...o, date })
                          }
                        >
                          {t('edit')}
                        </button>
                        <button
                          type="button"
                          className="link-button"
                          aria-label={t('deleteWhat', { what: `${i.title} ${label}` })}
                          onClick={() =>
                            void save(
                              'dayitem.del',
                              { id: i.id },
                              { undo: { name: 'dayitem.put', args: withoutPending(i) } },
                            )
                          }
                        >
                          {t('delete')}
                        </button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              <button
                type="button"
                className="link-button"
                aria-label={t('addItemOn', { day: label })}
                onClick={() => setItemDraft({ existing: null, id: newId(), ...o, date })}
              >
                + {t('addItem')}
              </button>
            </li>
          );
        })}
      </ol>

      <section className="planning-section" aria-labelledby="templates-title">
        <h2 id="templates-title">{t('templates')}</h2>
        <p className="muted">{t('templatesHelp')}</p>
        <ul className="template-days">
          {WEEKDAYS_FROM_MONDAY.map((weekday) => {
            const list = sortDayItems(
              myTemplates
                .filter((tp) => tp.weekday === weekday)
                .map((tp) => ({ ...tp, date: '', changedOn: null })),
            );
            const name = weekdayWord(weekday, lang);
            return (
              <li key={weekday} className="week-day">
                <h3>{name}</h3>
                {list.length === 0 ? (
                  <p className="muted">{t('noTemplates')}</p>
                ) : (
                  <ul className="week-items">
                    {list.map((tp) => {
                      const template = myTemplates.find(
                        (x) => x.id === tp.id,
                      ) as Overlaid<DayTemplate>;
                      return (
                        <li key={tp.id} className="week-item">
                          <img src={pictogramUrl(tp.pictogram, 'activity') ?? ''} alt="" />
                          <div>
                            <span>
                              {clock(tp.start, lang)}
                              {tp.end ? `–${clock(tp.end, lang)}` : ''}{' '}
                            </span>
                            <span className="what">{tp.title}</span>
                          </div>
                          <div className="item-buttons">
                            <button
                              type="button"
                              className="link-button"
                              aria-label={t('editWhat', { what: `${tp.title} ${name}` })}
                              onClick={() =>
                                setTemplateDraft({
                                  existing: withoutPending(template),
                                  id: tp.id,
                                  ...o,
                                  weekday,
                                })
                              }
                            >
                              {t('edit')}
                            </button>
                            <button
                              type="button"
                              className="link-button"
                              aria-label={t('deleteWhat', { what: `${tp.title} ${name}` })}
                              onClick={() =>
                                void save(
                                  'daytemplate.del',
                                  { id: tp.id },
                                  {
                                    undo: {
                                      name: 'daytemplate.put',
                                      args: withoutPending(template),
                                    },
                                  },
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
                  aria-label={`${t('addTemplate')}: ${name}`}
                  onClick={() => setTemplateDraft({ existing: null, id: newId(), ...o, weekday })}
                >
                  + {t('addTemplate')}
                </button>
              </li>
            );
          })}
        </ul>
      </section>

      {itemDraft && (
        <ItemDialog draft={itemDraft} today={today} onClose={() => setItemDraft(null)} />
      )}
      {templateDraft && (
        <TemplateDialog draft={templateDraft} onClose={() => setTemplateDraft(null)} />
      )}
    </>
  );
}
