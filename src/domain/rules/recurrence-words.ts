/**
 * What a recurrence does, in words: "hver tirsdag kl. 14.00 til 16.00, fra 1. december" (ADMIN-UX:
 * "recurrence that says in words what it does"). Danish and English, pure: the staff form shows
 * it live as the rule is drawn, and the activity page repeats it.
 *
 * Times are the centre's wall clock ("14.00", STYLE.md), dates "1. december" / "1 December"; the
 * year is named only when the series crosses into another year.
 */
import type { Recurrence } from '../model.js';
import { dayOf, localTimeOf, weekdayOf } from './days.js';
import { ruleParts, type ByDay, type RuleParts } from './recurrence-rule.js';

export type Lang = 'da' | 'en';

const WEEKDAYS = {
  da: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;
const MONTHS = {
  da: [
    'januar',
    'februar',
    'marts',
    'april',
    'maj',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
} as const;

const dayName = (lang: Lang, weekday: number): string => WEEKDAYS[lang][weekday] ?? '';

/** "hver", "hver anden", "hver tredje" … / "every", "every other", "every third" … */
function every(lang: Lang, interval: number): string {
  const da = ['hver', 'hver anden', 'hver tredje', 'hver fjerde', 'hver femte', 'hver sjette'];
  const en = ['every', 'every other', 'every third', 'every fourth', 'every fifth', 'every sixth'];
  const words = lang === 'da' ? da : en;
  return (
    words[interval - 1] ?? (lang === 'da' ? `hver ${interval}.` : `every ${ordinalEn(interval)}`)
  );
}

function ordinalEn(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function nthWord(lang: Lang, nth: number): string {
  if (lang === 'da') {
    if (nth === -1) return 'sidste';
    if (nth === -2) return 'næstsidste';
    return ['første', 'anden', 'tredje', 'fjerde', 'femte'][nth - 1] ?? `${nth}.`;
  }
  if (nth === -1) return 'last';
  if (nth === -2) return 'second to last';
  return ['first', 'second', 'third', 'fourth', 'fifth'][nth - 1] ?? ordinalEn(nth);
}

/** "mandag, onsdag og fredag" / "Monday, Wednesday and Friday". */
function list(lang: Lang, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const and = lang === 'da' ? ' og ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/** Monday first, as Danish calendars are. */
const mondayFirst = (a: ByDay, b: ByDay) =>
  (a.nth ?? 0) - (b.nth ?? 0) || ((a.weekday + 6) % 7) - ((b.weekday + 6) % 7);

/** "1. december" / "1 December", with the year when asked. */
export function dateWords(lang: Lang, date: string, withYear = false): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = MONTHS[lang][m - 1];
  const year = withYear ? ` ${y}` : '';
  return lang === 'da' ? `${d}. ${month}${year}` : `${d} ${month}${year}`;
}

/** "14.00" (STYLE.md: the Danish time of day, used in both languages). */
const clock = (instant: string, timeZone: string) =>
  localTimeOf(instant, timeZone).replace(':', '.');

function howOften(lang: Lang, parts: RuleParts, startDate: string): string {
  const startWeekday = weekdayOf(startDate);
  if (parts.freq === 'DAILY')
    return `${every(lang, parts.interval)} ${lang === 'da' ? 'dag' : 'day'}`;
  if (parts.freq === 'WEEKLY') {
    const days =
      parts.byDay.length > 0
        ? [...parts.byDay].sort(mondayFirst)
        : [{ weekday: startWeekday, nth: null }];
    const weekdaysOnly =
      days.length === 5 && [1, 2, 3, 4, 5].every((w) => days.some((d) => d.weekday === w));
    if (weekdaysOnly)
      return `${every(lang, parts.interval)} ${lang === 'da' ? 'hverdag' : 'weekday'}`;
    return `${every(lang, parts.interval)} ${list(
      lang,
      days.map((d) => dayName(lang, d.weekday)),
    )}`;
  }
  // MONTHLY
  const months =
    parts.interval === 1
      ? lang === 'da'
        ? 'i måneden'
        : 'of the month'
      : lang === 'da'
        ? `${every(lang, parts.interval)} måned`
        : `of ${every(lang, parts.interval)} month`;
  if (parts.byDay.length > 0) {
    const days = [...parts.byDay].sort(mondayFirst).map((d) => {
      const name = dayName(lang, d.weekday);
      return d.nth === null
        ? `${lang === 'da' ? 'hver' : 'every'} ${name}`
        : `${nthWord(lang, d.nth)} ${name}`;
    });
    return lang === 'da' ? `${list(lang, days)} ${months}` : `the ${list(lang, days)} ${months}`;
  }
  const monthDays =
    parts.byMonthDay.length > 0 ? parts.byMonthDay : [Number(startDate.slice(8, 10))];
  const dayNames = [...monthDays]
    .sort((a, b) => (a < 0 ? 99 : a) - (b < 0 ? 99 : b))
    .map((n) =>
      n === -1
        ? lang === 'da'
          ? 'den sidste'
          : 'the last day'
        : lang === 'da'
          ? `den ${n}.`
          : `the ${ordinalEn(n)}`,
    );
  const eachMonth =
    parts.interval === 1 ? (lang === 'da' ? 'i hver måned' : 'of every month') : months;
  return `${list(lang, dayNames)} ${eachMonth}`;
}

export interface Timed {
  /** UTC instants, ISO 8601 with Z. */
  start: string;
  end: string;
  recurrence: Recurrence | null;
}

/**
 * What the activity's recurrence does, e.g. "hver anden tirsdag kl. 14.00 til 16.00, fra 1.
 * december til og med 23. februar" / "every other Tuesday, 14.00 to 16.00, from 1 December until
 * 23 February". Without a recurrence it names the one day: "tirsdag 1. december kl. 14.00 til
 * 16.00".
 */
export function describeRecurrence(activity: Timed, timeZone: string, lang: Lang): string {
  const startDate = dayOf(activity.start, timeZone);
  const times =
    lang === 'da'
      ? `kl. ${clock(activity.start, timeZone)} til ${clock(activity.end, timeZone)}`
      : `${clock(activity.start, timeZone)} to ${clock(activity.end, timeZone)}`;
  if (activity.recurrence === null) {
    const day = `${dayName(lang, weekdayOf(startDate))} ${dateWords(lang, startDate)}`;
    return lang === 'da' ? `${day} ${times}` : `${day}, ${times}`;
  }
  const parts = ruleParts(activity.recurrence);
  const often = howOften(lang, parts, startDate);
  const crossesYear = parts.until !== null && parts.until.slice(0, 4) !== startDate.slice(0, 4);
  const from = `${lang === 'da' ? 'fra' : 'from'} ${dateWords(lang, startDate, crossesYear)}`;
  let bound = '';
  if (parts.until !== null) {
    bound = ` ${lang === 'da' ? 'til og med' : 'until'} ${dateWords(lang, parts.until, crossesYear)}`;
  } else if (parts.count !== null) {
    bound =
      lang === 'da'
        ? `, ${parts.count} ${parts.count === 1 ? 'gang' : 'gange'}`
        : `, ${parts.count} ${parts.count === 1 ? 'time' : 'times'}`;
  }
  return lang === 'da'
    ? `${often} ${times}, ${from}${bound}`
    : `${often}, ${times}, ${from}${bound}`;
}

/**
 * "første tirsdag i måneden" / "the first Tuesday of the month" for the weekday `date` is in its
 * month (the fifth is said "last", as the form's rule makes it), for the form's choice.
 */
export function monthlyWeekdayWords(date: string, lang: Lang): string {
  const nth = Math.ceil(Number(date.slice(8, 10)) / 7);
  const parts: RuleParts = {
    freq: 'MONTHLY',
    interval: 1,
    byDay: [{ weekday: weekdayOf(date), nth: nth === 5 ? -1 : nth }],
    byMonthDay: [],
    until: null,
    count: 1,
  };
  return howOften(lang, parts, date);
}
