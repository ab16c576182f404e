/**
 * Dates, times and names as the week says them: "I dag · tirsdag 1. december", "14.00",
 * "Annas uge". Dates are centre-local days, times the centre's wall clock (week-model gives
 * 'HH:mm' already in the zone); the date words are the relatives' shell's (shell/format.ts).
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { da, enGB } from 'date-fns/locale';
import { daysBetween } from '../../../domain/rules/days.js';
import { capitalise, dayInWords, shownTime } from '../shell/format.js';
import type { Lang } from '../shell/lang.js';
import { fill } from '../words.js';
import type { WeekWords } from './words.js';

export type { Lang };
export { capitalise, dayInWords, fill };

/** "14.00" / "14:00" from the model's 'HH:mm'. */
export const clock = (hhmm: string, lang: Lang): string => shownTime(hhmm, lang);

/** "tirsdag" / "Tuesday". */
const weekday = (date: string, lang: Lang): string =>
  format(new TZDate(`${date}T12:00:00Z`, 'UTC'), 'EEEE', { locale: lang === 'da' ? da : enGB });

/** The first name: "Anna Jensen" → "Anna" (what the family calls her). */
export const firstName = (displayName: string): string =>
  displayName.trim().split(/\s+/)[0] ?? displayName;

/** "Annas" / "Lars'" (Danish), "Anna’s" / "Lars’" (English). */
export function possessive(name: string, lang: Lang): string {
  if (lang === 'da') return /[sxz]$/i.test(name) ? `${name}'` : `${name}s`;
  return /s$/i.test(name) ? `${name}’` : `${name}’s`;
}

/** A day's heading: "I dag · tirsdag 1. december", "I morgen · …", else "Torsdag 3. december". */
export function dayHeading(date: string, today: string, w: WeekWords, lang: Lang): string {
  const words = dayInWords(date, lang);
  const ahead = daysBetween(today, date);
  if (ahead === 0) return `${w.today} · ${words}`;
  if (ahead === 1) return `${w.tomorrow} · ${words}`;
  return capitalise(words);
}

/**
 * A day inside a sentence: "i dag", "i morgen", "tirsdag" within the coming week, "tirsdag 8.
 * december" beyond it (a weekday alone would be ambiguous there).
 */
export function dayInSentence(date: string, today: string, w: WeekWords, lang: Lang): string {
  const ahead = daysBetween(today, date);
  if (ahead === 0) return w.today.toLocaleLowerCase();
  if (ahead === 1) return w.tomorrow.toLocaleLowerCase();
  if (ahead > 1 && ahead < 7) return weekday(date, lang);
  return dayInWords(date, lang);
}

/** "i morgen 14.00", "tirsdag 14.00": a day and a time inside a sentence. */
export const whenInSentence = (
  date: string,
  hhmm: string,
  today: string,
  w: WeekWords,
  lang: Lang,
): string => `${dayInSentence(date, today, w, lang)} ${clock(hhmm, lang)}`;
