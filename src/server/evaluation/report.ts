/**
 * The evaluation report from the hourly counts (usage-counts.ts): per local week (Monday to
 * Sunday in the centre's zone), how many sign-ups, cancellations, bookings and meal answers came
 * from the wall, from staff and from relatives, and how often read-aloud was asked for; and kiosk
 * use by local hour of the day. Pure: counts in, counts out; never a name.
 */
import { addDaysToDate, dayOf, localTimeOf, mondayOf } from '../../domain/rules/days.js';
import {
  COUNTED,
  SOURCES,
  type BySource,
  type Counted,
  type EvaluationReport,
  type UsageSource,
  type WeekCounts,
} from '../../protocol/operations.js';
import type { UsageRow } from './usage-counts.js';

export { COUNTED, SOURCES };
export type { BySource, Counted, EvaluationReport, WeekCounts };
type Source = UsageSource;

const zero = (): BySource => ({ wall: 0, staff: 0, relative: 0 });
const emptyWeek = (monday: string): WeekCounts => ({
  monday,
  counts: { signup: zero(), cancel: zero(), booking: zero(), meal: zero() },
  speech: 0,
});

const isCounted = (m: string): m is Counted => (COUNTED as readonly string[]).includes(m);
const isSource = (s: string): s is Source => (SOURCES as readonly string[]).includes(s);

/**
 * The report for the local days `from`..`to` (inclusive). Every week of the period is listed,
 * the quiet ones with zeros, so a chart's gaps are real. Hours are UTC hours read in the centre's
 * zone (its offsets are whole hours).
 */
export function buildReport(
  rows: readonly UsageRow[],
  from: string,
  to: string,
  timeZone: string,
): EvaluationReport {
  const weeks = new Map<string, WeekCounts>();
  for (let m = mondayOf(from); m <= to; m = addDaysToDate(m, 7)) weeks.set(m, emptyWeek(m));
  const kioskByHour = Array.from({ length: 24 }, () => 0);
  for (const row of rows) {
    const at = `${row.hour}:00:00.000Z`;
    const day = dayOf(at, timeZone);
    if (day < from || day > to) continue;
    const week = weeks.get(mondayOf(day));
    if (!week) continue;
    if (isCounted(row.metric) && isSource(row.source)) week.counts[row.metric][row.source] += row.n;
    if (row.metric === 'speech') week.speech += row.n;
    if (row.metric === 'kiosk.action' || (row.metric === 'speech' && row.source === 'wall')) {
      const hour = Number(localTimeOf(at, timeZone).slice(0, 2));
      kioskByHour[hour] = (kioskByHour[hour] ?? 0) + row.n;
    }
  }
  return { from, to, weeks: [...weeks.values()], kioskByHour };
}

/** The weekly table as CSV (comma, header line, CRLF as RFC 4180), for a spreadsheet. */
export function weeksCsv(report: EvaluationReport): string {
  const header = [
    'week_starting',
    ...COUNTED.flatMap((c) => SOURCES.map((s) => `${c}_${s}`)),
    'read_aloud',
  ];
  const lines = report.weeks.map((w) =>
    [
      w.monday,
      ...COUNTED.flatMap((c) => SOURCES.map((s) => String(w.counts[c][s]))),
      w.speech,
    ].join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

/** Kiosk use by hour as CSV. */
export function hoursCsv(report: EvaluationReport): string {
  const lines = report.kioskByHour.map((n, h) => `${String(h).padStart(2, '0')}:00,${n}`);
  return ['hour,kiosk_use', ...lines].join('\r\n') + '\r\n';
}
