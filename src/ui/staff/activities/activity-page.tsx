/**
 * One activity (/activities/:id): when, where, how it repeats (in words), places; the sign-up
 * list (who has a place, who waits and as which number), signing a resident up or off on their
 * behalf (residents without wall consent too, marked), attendance on the day, a printable list
 * (activities.css `@media print`), and the kiosk card as residents see it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { attendanceOfActivities, signUpsOfActivities } from '../../../client/index.js';
import { Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import type { Activity, Attendance, Resident, SignUp } from '../../../domain/model.js';
import { activityState } from '../../../domain/rules/capacity.js';
import { dayOf } from '../../../domain/rules/days.js';
import { dateWords, describeRecurrence } from '../../../domain/rules/recurrence-words.js';
import { useToday } from '../../shared/data/hooks.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { AttendanceBox, ResidentPicker } from './signup-controls.js';
import { clock, weekdayWord } from './format.js';
import { KioskPreview } from './kiosk-preview.js';
import './activities.css';

export function ActivityPage() {
  const { t, i18n } = useTranslation('staffActivities');
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const { id = '' } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  const { db } = useStaff();
  const { now, today, timeZone } = useToday();
  const save = useSave();
  const activities = useOverlaid<Activity>('activity', { hideDeleted: true });
  const signups = useLiveQuery(() => signUpsOfActivities(db, [id]), [db, id]) ?? ([] as SignUp[]);
  const residents = useLiveQuery(() => db.resident.toArray(), [db]) ?? ([] as Resident[]);
  const attendance =
    useLiveQuery(() => attendanceOfActivities(db, [id]), [db, id]) ?? ([] as Attendance[]);
  if (activities === undefined) return null;
  const a = activities.find((x) => x.id === id);
  if (!a) {
    return (
      <div className="acts-activities-admin">
        <PageHeader title={t('title')} />
        <p className="card">{t('page.notFound')}</p>
        <Link href="/activities">{t('page.back')}</Link>
      </div>
    );
  }
  const head = a.seriesId
    ? activities.find((x) => x.id === a.seriesId)
    : a.recurrence
      ? a
      : undefined;
  const byId = new Map(residents.map((r) => [r.id, r]));
  const nameOf = (rid: string) => byId.get(rid)?.displayName ?? rid;
  const confirmed = signups
    .filter((s) => s.status === 'confirmed')
    .sort((x, y) => nameOf(x.residentId).localeCompare(nameOf(y.residentId), 'da'));
  const waiting = signups
    .filter((s) => s.status === 'waitlisted')
    .sort((x, y) => (x.position ?? 0) - (y.position ?? 0));
  const present = new Map(attendance.map((x) => [x.residentId, x.present]));
  const date = dayOf(a.start, timeZone);
  const when = `${weekdayWord(date, lang)} ${dateWords(lang, date)}, ${clock(a.start, timeZone)}–${clock(a.end, timeZone)}`;
  // The domain's one rule, as the kiosk and the relatives' week say it (a deadline later than
  // the start keeps sign-up open while it runs).
  const closedBy = activityState(a, now).closed;
  const onDay = date <= today;

  const cancel = (rid: string) => void save('signup.cancel', { activityId: a.id, residentId: rid });
  const remove = async () => {
    const series = a.recurrence !== null;
    if (
      !window.confirm(
        t(series ? 'page.confirmDeleteSeries' : 'page.confirmDelete', { title: a.title }),
      )
    )
      return;
    await save('activity.del', { id: a.id });
    navigate('/activities');
  };

  const nameCell = (s: SignUp) => {
    const r = byId.get(s.residentId);
    return (
      <>
        {nameOf(s.residentId)}
        {r && !r.wallConsent && (
          <span className="badge warn acts-consent-mark" title={t('page.noConsentLong')}>
            {t('page.noConsent')}
          </span>
        )}
      </>
    );
  };

  return (
    <div className="acts-activities-admin acts-activity-page">
      <PageHeader
        title={a.title}
        actions={
          <>
            <Link className="button" href={`/activities/${encodeURIComponent(a.id)}/edit`}>
              {t('page.edit')}
            </Link>
            <button type="button" className="button primary" onClick={() => window.print()}>
              {t('page.print')}
            </button>
            <button type="button" className="button danger" onClick={() => void remove()}>
              {a.recurrence !== null ? t('page.deleteSeries') : t('page.delete')}
            </button>
          </>
        }
      />
      <p className="no-print">
        <Link href={`/activities?uge=${date}`}>‹ {t('page.back')}</Link>
      </p>
      <div className="acts-activity-columns">
        <div>
          <section className="card acts-activity-facts" aria-labelledby="facts-title">
            <h2 id="facts-title" className="no-print">
              {t('page.details')}
            </h2>
            <dl>
              <dt>{t('page.when')}</dt>
              <dd>{when}</dd>
              {a.place && (
                <>
                  <dt>{t('page.place')}</dt>
                  <dd>{a.place}</dd>
                </>
              )}
              {head && (
                <>
                  <dt>{t('page.repeats')}</dt>
                  <dd>{describeRecurrence(head, timeZone, lang)}</dd>
                </>
              )}
              <dt>{t('page.places')}</dt>
              <dd>
                {a.capacity === null
                  ? t('page.unlimited')
                  : t('page.placesOf', { count: a.confirmedCount, capacity: a.capacity })}
                {' · '}
                {a.waitlist ? t('page.waitlistOn') : t('page.waitlistOff')}
              </dd>
              <dt>{t('page.deadline')}</dt>
              <dd>
                {a.signupDeadline
                  ? `${weekdayWord(dayOf(a.signupDeadline, timeZone), lang)} ${dateWords(lang, dayOf(a.signupDeadline, timeZone))} ${clock(a.signupDeadline, timeZone)}`
                  : t('page.noDeadline')}
              </dd>
            </dl>
          </section>

          <section className="signup-list" aria-labelledby="confirmed-title">
            <h2 id="confirmed-title">{t('page.confirmed', { count: confirmed.length })}</h2>
            {confirmed.length === 0 ? (
              <p className="muted">{t('page.nobody')}</p>
            ) : (
              <table className="table acts-signup-table" aria-labelledby="confirmed-title">
                <thead>
                  <tr>
                    <th scope="col">{t('page.name')}</th>
                    <th scope="col" className="no-print acts-source">
                      {t('page.by')}
                    </th>
                    <th scope="col">
                      {onDay ? (
                        t('page.present')
                      ) : (
                        <span className="acts-print-only">{t('page.printSignature')}</span>
                      )}
                    </th>
                    <th scope="col" className="no-print">
                      {t('page.actions')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {confirmed.map((s) => (
                    <tr key={s.id}>
                      <td>{nameCell(s)}</td>
                      <td className="no-print acts-source">{t(`page.sources.${s.source}`)}</td>
                      <td>
                        {onDay ? (
                          <AttendanceBox
                            label={`${t('page.present')}: ${nameOf(s.residentId)}`}
                            present={present.get(s.residentId) ?? false}
                            onChange={(v) =>
                              void save('attendance.set', {
                                activityId: a.id,
                                residentId: s.residentId,
                                present: v,
                              })
                            }
                          />
                        ) : (
                          <span className="acts-print-box" aria-hidden="true" />
                        )}
                      </td>
                      <td className="no-print">
                        <button
                          type="button"
                          className="button"
                          aria-label={t('page.cancelFor', { name: nameOf(s.residentId) })}
                          onClick={() => cancel(s.residentId)}
                        >
                          {t('page.cancelShort')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {onDay ? (
              <p className="muted no-print">{t('page.attendanceHelp')}</p>
            ) : (
              <p className="muted no-print">{t('page.attendanceLater')}</p>
            )}

            <h2 id="waiting-title">{t('page.waiting', { count: waiting.length })}</h2>
            {waiting.length === 0 ? (
              <p className="muted">{t('page.nobodyWaiting')}</p>
            ) : (
              <table className="table acts-signup-table" aria-labelledby="waiting-title">
                <thead>
                  <tr>
                    <th scope="col">{t('page.position')}</th>
                    <th scope="col">{t('page.name')}</th>
                    <th scope="col" className="no-print">
                      {t('page.actions')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {waiting.map((s) => (
                    <tr key={s.id}>
                      <td>{s.position}</td>
                      <td>{nameCell(s)}</td>
                      <td className="no-print">
                        <button
                          type="button"
                          className="button"
                          aria-label={t('page.cancelFor', { name: nameOf(s.residentId) })}
                          onClick={() => cancel(s.residentId)}
                        >
                          {t('page.cancelShort')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="no-print add-resident">
              {closedBy ? (
                <p className="muted">
                  {t('page.closedNote', {
                    why: t(
                      closedBy === 'deadline'
                        ? 'page.closedDeadline'
                        : closedBy === 'ongoing'
                          ? 'page.closedStarted'
                          : 'page.closedEnded',
                    ),
                  })}
                </p>
              ) : (
                <ResidentPicker
                  residents={residents}
                  signedUp={
                    new Set(
                      signups.filter((s) => s.status !== 'cancelled').map((s) => s.residentId),
                    )
                  }
                  onAdd={(rid) => void save('signup.add', { activityId: a.id, residentId: rid })}
                />
              )}
            </div>
            <p className="acts-print-only muted">
              {t('page.printedAt', {
                when: `${dateWords(lang, today)} ${clock(now.toISOString(), timeZone)}`,
              })}
            </p>
          </section>
        </div>
        <aside className="no-print acts-activity-preview">
          <KioskPreview
            activity={a}
            signups={signups}
            residents={residents}
            now={now}
            timeZone={timeZone}
          />
        </aside>
      </div>
    </div>
  );
}
