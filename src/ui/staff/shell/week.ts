/**
 * Weeks as the staff pages show them: Monday first, "Uge 49 · 30. november – 6. december",
 * days as "tirsdag 1. december", times as "14.00". Dates are centre-local (LocalDate).
 */
import { TZDate } from '@date-fns/tz';
import { format, getISOWeek } from 'date-fns';
import { da, enGB } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';
import { addDaysToDate } from '../../../domain/rules/days.js';

export type Lang = 'da' | 'en';
const locales = { da, en: enGB } as const;
const noon = (date: string): TZDate => new TZDate(`${date}T12:00:00Z`, 'UTC');

export const weekNumber = (monday: string): number => getISOWeek(noon(monday));

/** "tirsdag 1. december" / "Tuesday 1 December". */
export const dayInWords = (date: string, lang: Lang): string =>
  format(noon(date), lang === 'da' ? "EEEE d'.' MMMM" : 'EEEE d MMMM', { locale: locales[lang] });

/** "1. december" / "1 December". */
export const shortDay = (date: string, lang: Lang): string =>
  format(noon(date), lang === 'da' ? "d'.' MMMM" : 'd MMMM', { locale: locales[lang] });

/** "mandag" … for a weekday number (0 = Sunday), from a known Monday. */
export function weekdayWord(weekday: number, lang: Lang): string {
  const date = addDaysToDate('2026-11-29', weekday); // a Sunday
  return format(noon(date), 'EEEE', { locale: locales[lang] });
}

/** Weekdays in Danish order: Monday … Sunday. */
export const WEEKDAYS_FROM_MONDAY = [1, 2, 3, 4, 5, 6, 0] as const;

/** "14.00" in Danish, "14:00" in English. */
export const clock = (hhmm: string, lang: Lang): string =>
  lang === 'da' ? hhmm.replace(':', '.') : hhmm;

/** The page's language, for dates and times. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'da';
}
