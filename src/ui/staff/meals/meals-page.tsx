/**
 * Madplan: the week as a grid, the four meals of the day down and Monday to Sunday across (on a
 * phone the grid stacks), each cell the meal's dish with its marks (allergens, photo, no sign-up)
 * and "Tilføj" for an empty one; a meal opens in a dialog. "Kopiér sidste uge hertil" copies the
 * previous week's meals with one `meal.copyWeek` (asking first when this week has meals), and a
 * spreadsheet imports with one `meal.import` (csv-import.tsx). The week is in the address
 * (`?uge=2026-11-30`), so Back returns to it.
 */
import { getISOWeek } from 'date-fns';
import { useState, useSyncExternalStore } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { ALLERGEN_CODES } from '../../../domain/allergens.js';
import type { Meal, MealSlot } from '../../../domain/model.js';
import { addDaysToDate, dateWindow, mondayOf, weekdayOf } from '../../../domain/rules/days.js';
import { mealsOfWeek, takesSignUp } from '../../../domain/rules/meal-plan.js';
import { dateWords } from '../../../domain/rules/recurrence-words.js';
import { useToday } from '../../shared/data/hooks.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { CsvImport } from './csv-import.js';
import { MealDialog, type MealFormValues } from './meal-dialog.js';
import '../media/media.css';
import '../news/news.css';
import './meals.css';

const SLOTS: readonly MealSlot[] = ['breakfast', 'lunch', 'dinner', 'snack'];
const WEEKDAYS = {
  da: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;

/** The Monday of the week a day is in (Danish weeks start on Monday). */

type Row = Meal & { pending: 'put' | 'del' | null };

const NARROW = '(max-width: 56rem)';
const subscribeNarrow = (onChange: () => void) => {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia(NARROW) : null;
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
};
/** A phone-sized window (the grid's seven columns do not fit); false where unknown (tests). */
const useNarrow = (): boolean =>
  useSyncExternalStore(subscribeNarrow, () =>
    typeof window.matchMedia === 'function' ? window.matchMedia(NARROW).matches : false,
  );
const record = ({ pending: _p, ...meal }: Row): Meal => meal;
const newMealId = (): string => `meal-${crypto.randomUUID()}`;

export function MealsPage() {
  const { t, i18n } = useTranslation('staffMeals');
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const save = useSave();
  const { today } = useToday(60_000);
  const [params, setParams] = useSearchParams();
  const asked = params.get('uge');
  const monday = mondayOf(asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : today);
  const days = dateWindow(monday, 7);
  const meals = useOverlaid<Meal>('meal', { hideDeleted: true }) as Row[] | undefined;
  const [editing, setEditing] = useState<{ meal: Row | null; date: string; slot: MealSlot } | null>(
    null,
  );
  const [confirmCopy, setConfirmCopy] = useState(false);
  const narrow = useNarrow();

  const weekNo = getISOWeek(new Date(`${monday}T12:00:00Z`));
  const go = (date: string) => setParams({ uge: date });
  const dayWords = (d: string) => `${WEEKDAYS[lang][weekdayOf(d)] ?? ''} ${dateWords(lang, d)}`;
  const thisWeek = meals ? mealsOfWeek(meals, monday) : [];
  const lastWeek = meals ? mealsOfWeek(meals, addDaysToDate(monday, -7)) : [];
  const cell = (date: string, slot: MealSlot) =>
    thisWeek.filter((m) => m.date === date && m.slot === slot);

  const copy = async (replace: boolean) => {
    setConfirmCopy(false);
    await save('meal.copyWeek', { fromWeek: addDaysToDate(monday, -7), toWeek: monday, replace });
  };

  const saveMeal = async (values: MealFormValues) => {
    if (!editing) return;
    const before = editing.meal ? record(editing.meal) : null;
    const id = before?.id ?? newMealId();
    setEditing(null);
    await save(
      'meal.put',
      {
        id,
        date: editing.date,
        slot: editing.slot,
        dish: values.dish,
        description: values.description,
        allergens: values.allergens,
        photo: values.photo,
        pictogram: before?.pictogram ?? null,
        signUp: values.signUp,
      },
      before ? undefined : { undo: { name: 'meal.del', args: { id } } },
    );
  };

  const deleteMeal = async (meal: Meal) => {
    setEditing(null);
    await save('meal.del', { id: meal.id }, { undo: { name: 'meal.put', args: toPutArgs(meal) } });
  };

  return (
    <div className="meals-admin">
      <PageHeader title={t('title')} />
      <nav className="week-nav" aria-label={t('week.label', { week: weekNo })}>
        <button type="button" className="button" onClick={() => go(addDaysToDate(monday, -7))}>
          <span aria-hidden="true">‹ </span>
          {t('week.previous')}
        </button>
        <p className="week-title">
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
      <div className="meal-tools">
        <div>
          <button
            type="button"
            className="button"
            disabled={meals === undefined || lastWeek.length === 0}
            aria-describedby={lastWeek.length === 0 ? 'copy-nothing' : undefined}
            onClick={() => (thisWeek.length > 0 ? setConfirmCopy(true) : void copy(false))}
          >
            {t('copy.button')}
          </button>
          {meals !== undefined && lastWeek.length === 0 && (
            <p className="field-help" id="copy-nothing">
              {t('copy.nothing')}
            </p>
          )}
        </div>
        <CsvImport />
      </div>
      {meals === undefined ? (
        <p className="muted">{t('week.loading')}</p>
      ) : narrow ? (
        // On a phone: day by day, the four meals of each day under it.
        <div className="meal-days" role="group" aria-label={t('grid.caption', { week: weekNo })}>
          {days.map((d) => (
            <section
              key={d}
              className={d === today ? 'meal-day today' : 'meal-day'}
              aria-labelledby={`meal-day-${d}`}
            >
              <h2 id={`meal-day-${d}`}>{dayWords(d)}</h2>
              <dl className="meal-day-slots">
                {SLOTS.map((slot) => (
                  <div key={slot}>
                    <dt>{t(`slot.${slot}`)}</dt>
                    <dd>
                      <CellContent
                        list={cell(d, slot)}
                        where={{ slot: t(`slot.${slot}`).toLocaleLowerCase(), day: dayWords(d) }}
                        onEdit={(m) => setEditing({ meal: m, date: d, slot })}
                        onAdd={() => setEditing({ meal: null, date: d, slot })}
                      />
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      ) : (
        <table className="table meal-grid">
          <caption>{t('grid.caption', { week: weekNo })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('grid.slot')}</th>
              {days.map((d) => (
                <th key={d} scope="col" className={d === today ? 'today' : undefined}>
                  {WEEKDAYS[lang][weekdayOf(d)]}
                  <br />
                  <span className="muted">{dateWords(lang, d)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SLOTS.map((slot) => (
              <tr key={slot}>
                <th scope="row">{t(`slot.${slot}`)}</th>
                {days.map((d) => {
                  const list = cell(d, slot);
                  const where = { slot: t(`slot.${slot}`).toLocaleLowerCase(), day: dayWords(d) };
                  return (
                    <td
                      key={d}
                      data-day={dayWords(d)}
                      className={d === today ? 'today' : undefined}
                    >
                      <CellContent
                        list={list}
                        where={where}
                        onEdit={(m) => setEditing({ meal: m, date: d, slot })}
                        onAdd={() => setEditing({ meal: null, date: d, slot })}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <MealDialog
          meal={editing.meal ? record(editing.meal) : null}
          date={editing.date}
          slot={editing.slot}
          dayWords={dayWords(editing.date)}
          onSave={saveMeal}
          onDelete={deleteMeal}
          onClose={() => setEditing(null)}
        />
      )}
      <ModalOverlay
        className="modal-overlay"
        isOpen={confirmCopy}
        isDismissable
        onOpenChange={(open) => !open && setConfirmCopy(false)}
      >
        <Modal className="modal">
          <Dialog role="alertdialog" aria-labelledby="copy-title">
            <Heading slot="title" id="copy-title">
              {t('copy.confirmTitle')}
            </Heading>
            <p>{t('copy.confirmText', { count: thisWeek.length, from: lastWeek.length })}</p>
            <div className="form-actions">
              <button type="button" className="button danger" onClick={() => void copy(true)}>
                {t('copy.yes')}
              </button>
              <button
                type="button"
                className="button"
                autoFocus
                onClick={() => setConfirmCopy(false)}
              >
                {t('copy.no')}
              </button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </div>
  );
}

interface CellProps {
  list: readonly Row[];
  where: { slot: string; day: string };
  onEdit: (meal: Row) => void;
  onAdd: () => void;
}

/** One day's meals in one slot: each opens its dialog; "Tilføj" when there is none. */
function CellContent({ list, where, onEdit, onAdd }: CellProps) {
  const { t } = useTranslation('staffMeals');
  return (
    <>
      {list.map((m) => (
        <button key={m.id} type="button" className="meal-cell" onClick={() => onEdit(m)}>
          <span className="meal-dish">{m.dish}</span>
          <span className="badges">
            {m.allergens.length > 0 && (
              <span className="badge">{t('grid.allergens', { count: m.allergens.length })}</span>
            )}
            {m.photo && <span className="badge">{t('grid.photo')}</span>}
            {!takesSignUp(m) && <span className="badge warn">{t('grid.noSignUp')}</span>}
            {m.pending && <span className="badge warn">{t('grid.sending')}</span>}
          </span>
          {/* The visible words first, then where it is (WCAG 2.5.3). */}
          <span className="sr-only">{t('grid.where', where)}</span>
        </button>
      ))}
      {list.length === 0 && (
        <button
          type="button"
          className="link-button meal-add"
          aria-label={t('grid.addNamed', where)}
          onClick={onAdd}
        >
          <span aria-hidden="true">+ </span>
          {t('grid.add')}
        </button>
      )}
    </>
  );
}

/**
 * A stored meal as `meal.put` takes it back (undo of a delete): allergens from before the EU
 * list are kept only when they name one of the 14.
 */
function toPutArgs(meal: Meal) {
  return { ...meal, allergens: mealCodes(meal.allergens) };
}
function mealCodes(list: readonly string[]) {
  return list.filter((a): a is (typeof ALLERGEN_CODES)[number] =>
    (ALLERGEN_CODES as readonly string[]).includes(a),
  );
}
