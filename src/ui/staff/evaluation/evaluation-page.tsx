/**
 * Evaluering: per week, what residents did themselves on the wall against what staff (and
 * relatives) did for them, read-aloud presses, and kiosk use by hour (`GET /api/evaluation`;
 * counts only, never a name). Plain SVG bars with their numbers written on them, the same
 * numbers in a table, and CSV downloads.
 */
import { getISOWeek } from 'date-fns';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDaysToDate } from '../../../domain/rules/days.js';
import type { EvaluationReport, WeekCounts } from '../../../protocol/operations.js';
import { useToday } from '../../shared/data/hooks.js';
import { PageHeader } from '../shell/page-header.js';
import { dayWords, langOf } from '../today/time.js';
import '../today/operations.css';

const METRICS = ['signup', 'cancel', 'booking', 'meal'] as const;
const weekNo = (monday: string) => getISOWeek(new Date(`${monday}T12:00:00Z`));
const sum = (w: WeekCounts, s: 'wall' | 'staff' | 'relative') =>
  METRICS.reduce((n, m) => n + w.counts[m][s], 0);

type State = 'loading' | EvaluationReport | { error: string | null };

export function EvaluationPage() {
  const { t, i18n } = useTranslation('staffEvaluation');
  const lang = langOf(i18n.language);
  const { today } = useToday(60_000);
  const [from, setFrom] = useState(() => addDaysToDate(today, -7 * 7));
  const [to, setTo] = useState(today);
  const [asked, setAsked] = useState({ from, to });
  const [state, setState] = useState<State>('loading');

  useEffect(() => {
    let live = true;
    setState('loading');
    fetch(`/api/evaluation?from=${asked.from}&to=${asked.to}`, { credentials: 'same-origin' })
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as EvaluationReport & {
          message?: string;
        };
        if (!live) return;
        setState(res.ok ? body : { error: body.message ?? `HTTP ${res.status}` });
      })
      .catch(() => live && setState({ error: null }));
    return () => {
      live = false;
    };
  }, [asked]);

  const report = typeof state === 'object' && 'weeks' in state ? state : null;
  const csv = (table: 'weeks' | 'hours') =>
    `/api/evaluation.csv?from=${asked.from}&to=${asked.to}&table=${table}`;

  return (
    <>
      <PageHeader title={t('title')} />
      <p className="muted">{t('intro')}</p>
      <form
        className="ops-filters"
        aria-label={t('show')}
        onSubmit={(e) => {
          e.preventDefault();
          if (from && to) setAsked({ from, to });
        }}
      >
        <div className="field">
          <label htmlFor="eval-from">{t('from')}</label>
          <input
            id="eval-from"
            type="date"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="eval-to">{t('to')}</label>
          <input
            id="eval-to"
            type="date"
            value={to}
            min={from}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <button type="submit" className="button primary">
          {t('show')}
        </button>
        <a className="button" href={csv('weeks')} download>
          {t('csvWeeks')}
        </a>
        <a className="button" href={csv('hours')} download>
          {t('csvHours')}
        </a>
      </form>
      {state === 'loading' && <p className="muted">{t('loading')}</p>}
      {typeof state === 'object' && 'error' in state && (
        <p className="ops-problem" role="alert">
          {state.error === null ? t('offline') : t('failed', { why: state.error })}
        </p>
      )}
      {report && (
        <>
          <section className="ops-section" aria-labelledby="eval-self-title">
            <h2 id="eval-self-title">{t('selfTitle')}</h2>
            <WeekChart report={report} />
            <h3 id="eval-table-title">{t('tableTitle')}</h3>
            <div
              className="ops-table-wrap"
              role="region"
              aria-labelledby="eval-table-title"
              tabIndex={0}
            >
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('week', { week: '' }).trim()}</th>
                    {METRICS.map((m) => (
                      <th scope="col" key={m}>
                        {t(`metrics.${m}`)}: {t('wall')} / {t('staff')} / {t('relative')}
                      </th>
                    ))}
                    <th scope="col">{t('readAloud')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.weeks.map((w) => (
                    <tr key={w.monday}>
                      <th scope="row">
                        {t('weekOf', { week: weekNo(w.monday), date: dayWords(lang, w.monday) })}
                      </th>
                      {METRICS.map((m) => (
                        <td key={m}>
                          {w.counts[m].wall} / {w.counts[m].staff} / {w.counts[m].relative}
                        </td>
                      ))}
                      <td>{w.speech}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="ops-section" aria-labelledby="eval-hours-title">
            <h2 id="eval-hours-title">{t('hoursTitle')}</h2>
            {report.kioskByHour.every((n) => n === 0) ? (
              <p className="card">{t('noUse')}</p>
            ) : (
              <HourChart hours={report.kioskByHour} />
            )}
            <h3 id="eval-hours-table-title">{t('hoursTableTitle')}</h3>
            <div
              className="ops-table-wrap"
              role="region"
              aria-labelledby="eval-hours-table-title"
              tabIndex={0}
            >
              <table className="table">
                <caption className="muted">{t('hoursLabel')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('hour')}</th>
                    <th scope="col">{t('uses')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.kioskByHour.map((n, h) =>
                    n === 0 ? null : (
                      <tr key={h}>
                        <th scope="row">{String(h).padStart(2, '0')}.00</th>
                        <td>{n}</td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

/** Two bars a week (wall, staff), each with its number; the table above says it all in words. */
function WeekChart({ report }: { report: EvaluationReport }) {
  const { t } = useTranslation('staffEvaluation');
  const rows = report.weeks.map((w) => ({ w, wall: sum(w, 'wall'), staff: sum(w, 'staff') }));
  const max = Math.max(1, ...rows.map((r) => Math.max(r.wall, r.staff)));
  const rowH = 48;
  const labelW = 72;
  const barW = 260;
  return (
    <svg
      className="ops-chart"
      viewBox={`0 0 ${labelW + barW + 60} ${rows.length * rowH + 28}`}
      role="img"
      aria-label={t('chartLabel')}
    >
      <g>
        <rect x={labelW} y={4} width={12} height={12} fill="#0b4f8a" />
        <text x={labelW + 18} y={15}>
          {t('wall')}
        </text>
        <rect x={labelW + 150} y={4} width={12} height={12} fill="#8a5a00" />
        <text x={labelW + 168} y={15}>
          {t('staff')}
        </text>
      </g>
      {rows.map((r, i) => {
        const y = 28 + i * rowH;
        return (
          <g key={r.w.monday}>
            <text x={0} y={y + 22}>
              {t('week', { week: weekNo(r.w.monday) })}
            </text>
            <rect x={labelW} y={y + 2} width={(r.wall / max) * barW} height={16} fill="#0b4f8a" />
            <text x={labelW + (r.wall / max) * barW + 6} y={y + 15}>
              {r.wall}
            </text>
            <rect x={labelW} y={y + 20} width={(r.staff / max) * barW} height={16} fill="#8a5a00" />
            <text x={labelW + (r.staff / max) * barW + 6} y={y + 33}>
              {r.staff}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function HourChart({ hours }: { hours: number[] }) {
  const { t } = useTranslation('staffEvaluation');
  const max = Math.max(1, ...hours);
  const colW = 16;
  const h = 120;
  return (
    <svg
      className="ops-chart"
      viewBox={`0 0 ${24 * colW + 10} ${h + 40}`}
      role="img"
      aria-label={t('hoursLabel')}
    >
      {hours.map((n, i) => {
        const bar = (n / max) * h;
        return (
          <g key={i}>
            <rect x={i * colW + 4} y={h - bar + 14} width={colW - 6} height={bar} fill="#0b4f8a" />
            {n > 0 && (
              <text x={i * colW + 4} y={h - bar + 10}>
                {n}
              </text>
            )}
            {i % 3 === 0 && (
              <text x={i * colW + 2} y={h + 32}>
                {String(i).padStart(2, '0')}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
