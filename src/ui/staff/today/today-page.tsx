/**
 * I dag, the landing page: anything that needs attention first (a kiosk off for hours, this
 * browser's changes stuck or refused), then what the wall shows now, today's activities with
 * signed-up and waiting counts, who is on duty, today's meals and the kiosks. All from the cache.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { MealSlot } from '../../../domain/model.js';
import { useKioskViews, type KioskView } from '../kiosks/presence.js';
import { dayBounds } from '../../../domain/rules/days.js';
import { isLive, nextNewsChange } from '../../../domain/rules/news.js';
import { useNowUntil, useRejections, useToday } from '../../shared/data/hooks.js';
import { PageHeader } from '../shell/page-header.js';
import { useStaff } from '../shell/staff-env.js';
import { clockOf, dayWords, langOf, whenWords } from './time.js';
import './operations.css';

/** A kiosk off this long is worth a look. */
export const KIOSK_DOWN_MS = 2 * 60 * 60_000;
const SLOT_ORDER: MealSlot[] = ['breakfast', 'lunch', 'snack', 'dinner'];

/** Enrolled kiosks that have been off (or never seen) for at least KIOSK_DOWN_MS. */
export function kiosksDown(kiosks: readonly KioskView[], now: Date): KioskView[] {
  return kiosks.filter(
    (k) =>
      k.enrolled &&
      !k.revoked &&
      k.online === false &&
      (k.lastSeenAt === null || now.getTime() - Date.parse(k.lastSeenAt) >= KIOSK_DOWN_MS),
  );
}

export function TodayPage() {
  const { t, i18n } = useTranslation('staffToday');
  const lang = langOf(i18n.language);
  const { db, status } = useStaff();
  const { now, today, timeZone } = useToday(30_000);
  const rejections = useRejections();
  const { start, end } = dayBounds(today, timeZone);
  const [from, to] = [start.toISOString(), end.toISOString()];
  const nowIso = now.toISOString();
  const data = useLiveQuery(async () => {
    const [activities, shifts, meals, kiosks, notices, news] = await Promise.all([
      db.activity.where('start').between(from, to, true, false).sortBy('start'),
      db.shift.where('start').below(to).toArray(),
      db.meal.where('date').equals(today).toArray(),
      db.kiosk.toArray(),
      db.wallnotice.toArray(),
      db.news.toArray(),
    ]);
    return { activities, shifts: shifts.filter((s) => s.end > from), meals, kiosks, notices, news };
  }, [db, from, to, today]);
  const kiosks = (
    useKioskViews(data?.kiosks.filter((k) => !k.revoked)) ?? ([] as KioskView[])
  ).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const down = kiosksDown(kiosks, now);
  const notices = (data?.notices ?? []).filter((n) => n.until > nowIso);
  // On the wall now, judged at each render and again when the next post comes up or goes.
  const newsNow = useNowUntil((at) => (data ? nextNewsChange(data.news, at) : null)).getTime();
  const news = (data?.news ?? []).filter((n) => isLive(n, newsNow));
  const pending = status?.pending ?? 0;
  const stuck = status?.stuck ?? 0;
  const problems = down.length > 0 || stuck > 0 || rejections.length > 0;
  const shifts = (data?.shifts ?? []).sort((a, b) => a.start.localeCompare(b.start));
  const meals = (data?.meals ?? []).sort(
    (a, b) => SLOT_ORDER.indexOf(a.slot) - SLOT_ORDER.indexOf(b.slot),
  );

  return (
    <>
      <PageHeader title={t('title')} />
      <p>{t('date', { date: dayWords(lang, today) })}</p>
      <section
        className={problems ? 'card ops-problem' : 'card'}
        aria-labelledby="today-stuck-title"
      >
        <h2 id="today-stuck-title">{t('stuckTitle')}</h2>
        {!problems && <p>{t('allWell')}</p>}
        <ul>
          {down.map((k) => (
            <li key={k.id}>
              {k.lastSeenAt
                ? t('kioskDown', {
                    name: k.name,
                    when: whenWords(lang, k.lastSeenAt, timeZone, now),
                  })
                : t('kioskNeverSeen', { name: k.name })}{' '}
              <Link href="/kiosks">{t('allKiosks')}</Link>
            </li>
          ))}
          {stuck > 0 && <li>{t('stuck', { count: stuck })}</li>}
          {rejections.length > 0 && <li>{t('refused', { count: rejections.length })}</li>}
        </ul>
        {pending > 0 && stuck === 0 && <p className="muted">{t('pending', { count: pending })}</p>}
      </section>

      <div className="ops-grid ops-section">
        <section className="card" aria-labelledby="today-wall-title">
          <h2 id="today-wall-title">{t('wallTitle')}</h2>
          {notices.length === 0 && <p>{t('nothingSpecial')}</p>}
          <ul>
            {notices.map((n) => (
              <li key={n.id}>
                {t('noticeNow', { text: n.text, until: clockOf(n.until, timeZone) })}
              </li>
            ))}
            {news.length > 0 && (
              <li>
                {t('newsNow', { count: news.length })}: {news.map((n) => n.title).join(', ')}
              </li>
            )}
          </ul>
          <Link className="button" href="/wall-message">
            {t('sendMessage')}
          </Link>
        </section>

        <section className="card" aria-labelledby="today-activities-title">
          <h2 id="today-activities-title">{t('activitiesTitle')}</h2>
          {data && data.activities.length === 0 && <p>{t('noActivities')}</p>}
          <ul>
            {(data?.activities ?? []).map((a) => (
              <li key={a.id}>
                <strong>
                  {clockOf(a.start, timeZone)} {a.title}
                </strong>
                {': '}
                {a.capacity === null
                  ? t('signedUp', { count: a.confirmedCount })
                  : t('signedUpOf', { count: a.confirmedCount, capacity: a.capacity })}
                {a.waitlistCount > 0 && `, ${t('waiting', { count: a.waitlistCount })}`}
              </li>
            ))}
          </ul>
          <Link href="/activities">{t('allActivities')}</Link>
        </section>

        <section className="card" aria-labelledby="today-duty-title">
          <h2 id="today-duty-title">{t('dutyTitle')}</h2>
          {data && shifts.length === 0 && <p>{t('noDuty')}</p>}
          <ul>
            {shifts.map((s) => (
              <li key={s.id}>
                {clockOf(s.start, timeZone)}–{clockOf(s.end, timeZone)} {s.staffName}
                {s.start <= nowIso && s.end > nowIso && (
                  <span className="badge good"> {t('onNow')}</span>
                )}
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="today-meals-title">
          <h2 id="today-meals-title">{t('mealsTitle')}</h2>
          {data && meals.length === 0 && <p>{t('noMeals')}</p>}
          <ul>
            {meals.map((m) => (
              <li key={m.id}>
                <strong>{t(`slots.${m.slot}`)}:</strong> {m.dish}
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="today-kiosks-title">
          <h2 id="today-kiosks-title">{t('kiosksTitle')}</h2>
          {data && kiosks.length === 0 && <p>{t('noKiosks')}</p>}
          <ul>
            {kiosks.map((k) => (
              <li key={k.id}>
                {k.name}:{' '}
                <span
                  className={k.online ? 'badge good' : k.online === null ? 'badge' : 'badge bad'}
                >
                  {k.online ? t('online') : k.online === null ? t('unknown') : t('offline')}
                </span>{' '}
                <span className="muted">
                  {k.lastSeenAt
                    ? t('lastSeen', { when: whenWords(lang, k.lastSeenAt, timeZone, now) })
                    : t('never')}
                </span>
              </li>
            ))}
          </ul>
          <Link href="/kiosks">{t('allKiosks')}</Link>
        </section>
      </div>
    </>
  );
}
