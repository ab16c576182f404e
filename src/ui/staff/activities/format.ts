/** Dates and times on the Activities pages, in the centre's zone: "tirsdag", "14.00". */
import { localTimeOf, weekdayOf } from '../../../domain/rules/days.js';

const WEEKDAYS = {
  da: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;

/** "14.00" (STYLE.md: the Danish time of day). */
export const clock = (instant: string, timeZone: string): string =>
  localTimeOf(instant, timeZone).replace(':', '.');

/** "tirsdag" / "Tuesday" for a local date. */
export const weekdayWord = (date: string, lang: 'da' | 'en'): string =>
  WEEKDAYS[lang][weekdayOf(date)] ?? '';
