/**
 * Dates and times as residents say them, in the centre's time zone (date-fns + @date-fns/tz):
 * "tirsdag den 24. november", "14.30", and for read-aloud "klokken 14 30". Pure functions.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { da, enGB } from 'date-fns/locale';
import type { Lang } from '../settings.js';

const locales = { da, en: enGB } as const;

/** A local date ("2026-11-24") as a date-fns date at noon in UTC: no zone can shift its day. */
const localDate = (date: string): TZDate => new TZDate(`${date}T12:00:00Z`, 'UTC');

/** "tirsdag den 24. november" / "Tuesday 24 November". */
export function dateInWords(date: string, lang: Lang): string {
  const pattern = lang === 'da' ? "EEEE 'den' d'.\u00a0'MMMM" : 'EEEE d\u00a0MMMM';
  return format(localDate(date), pattern, { locale: locales[lang] });
}

/** "tirsdag" / "Tuesday". */
export const weekdayName = (date: string, lang: Lang): string =>
  format(localDate(date), 'EEEE', { locale: locales[lang] });

/** "24. november" / "24 November". */
export const dayAndMonth = (date: string, lang: Lang): string =>
  format(localDate(date), lang === 'da' ? "d'.\u00a0'MMMM" : 'd\u00a0MMMM', {
    locale: locales[lang],
  });

/** "14.30" (Danish) / "14:30": the centre's wall clock at `instant`. */
export const clockOf = (instant: Date | string, timeZone: string, lang: Lang): string =>
  format(new TZDate(new Date(instant).getTime(), timeZone), lang === 'da' ? 'HH.mm' : 'HH:mm');

/** A wall-clock "HH:mm" as shown: "07.30" / "07:30". */
export const shownTime = (hhmm: string, lang: Lang): string =>
  lang === 'da' ? hhmm.replace(':', '.') : hhmm;

/** For speech: "14 30", "12" on the hour (eSpeak says "14.00" as digits and dots). */
export function spokenTime(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  const hours = String(Number(h));
  return m === '00' ? hours : `${hours} ${m ?? ''}`;
}

/** "14:30" of an instant in the centre's zone. */
export const wallTime = (instant: Date | string, timeZone: string): string =>
  format(new TZDate(new Date(instant).getTime(), timeZone), 'HH:mm');

/** Capital first letter: a weekday starting a sentence. */
export const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase() + s.slice(1);
