/**
 * Dates and times as the operations pages write them (STYLE.md): "tirsdag 1. december", "14.00",
 * in the centre's zone; "i dag kl. 14.00" for today.
 */
import { dayOf, localTimeOf, weekdayOf } from '../../../domain/rules/days.js';
import { dateWords } from '../../../domain/rules/recurrence-words.js';

type Lang = 'da' | 'en';
const WEEKDAYS: Record<Lang, string[]> = {
  da: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export const langOf = (language: string): Lang => (language === 'en' ? 'en' : 'da');

/** "14.00". */
export const clockOf = (instant: string | Date, timeZone: string): string =>
  localTimeOf(instant, timeZone).replace(':', '.');

/** "tirsdag 1. december". */
export function dayWords(lang: Lang, date: string): string {
  return `${WEEKDAYS[lang][weekdayOf(date)] ?? ''} ${dateWords(lang, date)}`;
}

/** "i dag kl. 14.32" / "tirsdag 1. december kl. 14.32" (or the English). */
export function whenWords(lang: Lang, instant: string, timeZone: string, now: Date): string {
  const day = dayOf(instant, timeZone);
  const at =
    lang === 'da' ? `kl. ${clockOf(instant, timeZone)}` : `at ${clockOf(instant, timeZone)}`;
  if (day === dayOf(now, timeZone)) return `${lang === 'da' ? 'i dag' : 'today'} ${at}`;
  return `${dayWords(lang, day)} ${at}`;
}
