/**
 * Home's short lists: today's meals, and today's activities still to come (tomorrow's once
 * today's are over), each with its pictogram, time and places left. A tap on an activity opens
 * the Activities screen with its sign-up open (the photo, then "Ja"). Each list shows as many as fit its part of
 * Home (use-fit.ts); the screens behind them have all.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Activity, Meal } from '../../../domain/model.js';
import { dayBounds } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { Pictogram } from '../shared/pictogram.js';
import { useKiosk } from '../state/store.js';
import { clockOf } from '../time/format.js';
import { useFit } from './use-fit.js';
import { stateOf, summaryOf } from '../activities/activity-state.js';
import { useActivitySignUps } from '../activities/use-activity-signups.js';

const SLOT_ORDER = ['breakfast', 'lunch', 'dinner', 'snack'] as const;

/**
 * What of a glance list fits, from the number of parts useFit let stay (the heading counts as
 * the last part): all the items that fit under the heading; then one item without the heading
 * (kept for screen readers) rather than a blank band (issue 11: Home at 1920×1080 ×1.25 had
 * room for an item but not for the heading too, and showed neither); then nothing.
 */
export function shownParts(units: number): { heading: boolean; items: number } {
  if (units >= 2) return { heading: true, items: units - 1 };
  return { heading: false, items: units };
}

export function TodaysMeals() {
  const { t } = useTranslation('home');
  const { db } = useEnv();
  const { today } = useToday();
  const go = useKiosk((s) => s.go);
  const meals = useLiveQuery(() => db.meal.where('date').equals(today).toArray(), [db, today]);
  const sorted = [...(meals ?? [])].sort(
    (a: Meal, b: Meal) => SLOT_ORDER.indexOf(a.slot) - SLOT_ORDER.indexOf(b.slot),
  );
  const [box, units] = useFit<HTMLDivElement>(
    Math.max(1, sorted.length) + 1,
    sorted.map((m) => `${m.id}:${m.dish}`).join(),
  );
  const { heading, items: fits } = shownParts(units);
  return (
    <section className="home-list" aria-labelledby="home-meals">
      <div className="fit-box" ref={box}>
        {meals !== undefined && fits > 0 && (
          <h2 id="home-meals" className={heading ? undefined : 'visually-hidden'}>
            {t('meals')}
          </h2>
        )}
        {meals === undefined || fits === 0 ? null : sorted.length === 0 ? (
          <p className="empty">{t('noMeals')}</p>
        ) : (
          <ul className="strip">
            {sorted.slice(0, fits).map((m) => (
              <li key={m.id}>
                <button type="button" className="strip-item" onClick={() => go('meals')}>
                  <Pictogram name={m.pictogram} fallback={m.slot} />
                  <span className="strip-text">
                    <span className="strip-title">{t(`slot.${m.slot}`)}</span>
                    <span>{m.dish}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

export function TodaysActivities() {
  const { t } = useTranslation('home');
  const { db, settings } = useEnv();
  const { now, today, tomorrow, timeZone } = useToday();
  // Straight to the activity's sign-up (3 taps from Home to signed up, not 4).
  const open = useKiosk((s) => s.open);
  const list = useLiveQuery(async () => {
    const lo = dayBounds(today, timeZone).start.getTime();
    const hi = dayBounds(tomorrow, timeZone).end.getTime();
    // Widened by a day each way, then compared as instants (robust to how a string is spelled).
    const rows = await db.activity
      .where('start')
      .between(new Date(lo - 86_400_000).toISOString(), new Date(hi + 86_400_000).toISOString())
      .toArray();
    return rows
      .filter((a) => Date.parse(a.start) >= lo && Date.parse(a.start) < hi)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }, [db, today, tomorrow, timeZone]);
  // The Activities screen's own derivation and words (consistency engineer, issue 11): Home's
  // line never says "5 ledige pladser" where the card says "Tilmeldingen er lukket", and a
  // sign-up still in the outbox counts here as on the card.
  const { t: ta } = useTranslation('activities');
  const { t: c } = useTranslation();
  const signups = useActivitySignUps(list);
  const todayEnd = dayBounds(today, timeZone).end.getTime();
  const todays = (list ?? []).filter(
    (a) => Date.parse(a.start) < todayEnd && Date.parse(a.end) > now.getTime(),
  );
  const showTomorrow =
    todays.length === 0 && (list ?? []).some((a) => Date.parse(a.start) >= todayEnd);
  const shown = (
    showTomorrow ? (list ?? []).filter((a) => Date.parse(a.start) >= todayEnd) : todays
  ).slice(0, 6);
  const [box, units] = useFit<HTMLDivElement>(
    Math.max(1, shown.length) + 1,
    shown.map((a) => `${a.id}:${a.title}:${a.confirmedCount}`).join(),
  );
  const { heading, items: fits } = shownParts(units);
  const places = (a: Activity) => summaryOf(stateOf(a, now, signups), ta).replace(/\.$/, '');
  return (
    <section className="home-list" aria-labelledby="home-activities">
      <div className="fit-box" ref={box}>
        {list !== undefined && fits > 0 && (
          <h2 id="home-activities" className={heading ? undefined : 'visually-hidden'}>
            {showTomorrow ? t('activitiesTomorrow') : t('activities')}
          </h2>
        )}
        {list === undefined || fits === 0 ? null : shown.length === 0 ? (
          <p className="empty">{t('noActivities')}</p>
        ) : (
          <ul className="strip">
            {shown.slice(0, fits).map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className="strip-item"
                  onClick={() => open('activities', a.id)}
                >
                  <Pictogram name={a.pictogram} fallback="activity" />
                  <span className="strip-text">
                    <span className="strip-title">{a.title}</span>
                    <span>
                      {/* Without the heading, tomorrow's item says so itself. */}
                      {showTomorrow && !heading ? `${c('tomorrow')} ` : ''}
                      {clockOf(a.start, timeZone, settings.lang)} · {places(a)}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** The shared resources: one tap opens today's slots of it on Book (4 taps to a booking). */
export function TodaysResources() {
  const { t } = useTranslation('home');
  const { db } = useEnv();
  const open = useKiosk((s) => s.open);
  const resources = useLiveQuery(
    async () => (await db.resource.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'da')),
    [db],
  );
  const list = resources ?? [];
  const [box, fits] = useFit<HTMLDivElement>(
    Math.max(1, list.length),
    list.map((r) => `${r.id}:${r.name}`).join(),
  );
  if (resources !== undefined && list.length === 0) return null;
  return (
    <section className="home-list home-book" aria-labelledby="home-book">
      <div className="fit-box" ref={box}>
        {resources !== undefined && fits > 0 && (
          <>
            <h2 id="home-book">{t('book')}</h2>
            <ul className="strip strip-row">
              {list.slice(0, fits).map((r) => (
                <li key={r.id}>
                  <button type="button" className="strip-item" onClick={() => open('book', r.id)}>
                    <Pictogram name={r.pictogram} fallback="resource" />
                    <span className="strip-title">{r.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
