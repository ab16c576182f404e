/**
 * Dates and times as the relatives' pages write them, in the centre's time zone: "tirsdag 1.
 * december" / "Tuesday 1 December", "14.00" / "14:00", and "i dag" / "i morgen" / "i går"
 * for the days near today. Pure functions over local dates ("2026-12-01") and instants.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { da, enGB } from 'date-fns/locale';
import { addDaysToDate } from '../../../domain/rules/days.js';
import type { Lang } from './lang.js';

const locales = { da, en: enGB } as const;

/** A local date at noon UTC: no zone can shift its day. */
const noon = (date: string): TZDate => new TZDate(`${date}T12:00:00Z`, 'UTC');

/** "tirsdag 1. december" / "Tuesday 1 December". */
export const dayInWords = (date: string, lang: Lang): string =>
  format(noon(date), lang === 'da' ? "EEEE d'.\u00a0'MMMM" : 'EEEE d\u00a0MMMM', {
    locale: locales[lang],
  });

/** "14.00" / "14:00": the centre's wall clock at `instant`. */
export const clockOf = (instant: Date | string, timeZone: string, lang: Lang): string =>
  format(new TZDate(new Date(instant).getTime(), timeZone), lang === 'da' ? 'HH.mm' : 'HH:mm');

/** A wall-clock "HH:mm" as shown: "07.30" / "07:30". */
export const shownTime = (hhmm: string, lang: Lang): string =>
  lang === 'da' ? hhmm.replace(':', '.') : hhmm;

const near = {
  da: { '-1': 'i går', '0': 'i dag', '1': 'i morgen' },
  en: { '-1': 'yesterday', '0': 'today', '1': 'tomorrow' },
} as const;

/** "i dag" / "i morgen" / "i går", else "tirsdag 1. december". */
export function dayNear(date: string, today: string, lang: Lang): string {
  for (const n of [-1, 0, 1] as const)
    if (addDaysToDate(today, n) === date) return near[lang][`${n}`];
  return dayInWords(date, lang);
}

/** Capital first letter: a weekday starting a heading. */
export const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase() + s.slice(1);
