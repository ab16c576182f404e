/**
 * The week as big toggle buttons: "I dag", "I morgen", then the weekday names of the next five
 * days (inside seven days a weekday name is never ambiguous, so no dates are needed). Shared by
 * the Activities, Meals and Book screens, with the words for a day at the start of a line or
 * inside a sentence.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { dateWindow } from '../../../domain/rules/days.js';
import type { Lang } from '../settings.js';
import { capitalise, dateInWords, weekdayName } from '../time/format.js';

/** How many days a resident can look ahead on the wall. */
export const WEEK_DAYS = 7;

export const weekFrom = (today: string): string[] => dateWindow(today, WEEK_DAYS);

interface DayWords {
  today: string;
  tomorrow: string;
  lang: Lang;
  c: TFunction;
}

/** "I dag", "I morgen", "Torsdag": a day on a button or at the start of a line. */
export function dayLabel(date: string, w: DayWords): string {
  if (date === w.today) return w.c('today');
  if (date === w.tomorrow) return w.c('tomorrow');
  return capitalise(weekdayName(date, w.lang));
}

/** "I dag", "I morgen", "Torsdag den 26. november": a heading for a day. */
export function dayHeading(date: string, w: DayWords): string {
  if (date === w.today || date === w.tomorrow) return dayLabel(date, w);
  return capitalise(dateInWords(date, w.lang));
}

/**
 * "i dag", "i morgen", "torsdag" inside a sentence ("Vil du booke Vaskemaskine i morgen kl. 10.00
 * til 12.00?"). English weekday names keep their capital letter.
 */
export function dayInSentence(date: string, w: DayWords): string {
  if (date === w.today || date === w.tomorrow) {
    return w.c(date === w.today ? 'today' : 'tomorrow').toLocaleLowerCase(w.lang);
  }
  return weekdayName(date, w.lang);
}

interface Props {
  days: readonly string[];
  selected: string;
  onSelect: (date: string) => void;
  words: DayWords;
  label: string;
}

export function DayChoice({ days, selected, onSelect, words, label }: Props) {
  return (
    <div className="choices day-choice" role="group" aria-label={label}>
      {days.map((d) => (
        <button
          key={d}
          type="button"
          aria-pressed={d === selected}
          onClick={() => onSelect(d)}
          className="day-button"
        >
          {dayLabel(d, words)}
        </button>
      ))}
    </div>
  );
}

/** The common words a day label needs, from the current language. */
export function useDayWords(today: string, tomorrow: string, lang: Lang): DayWords {
  const { t: c } = useTranslation();
  return { today, tomorrow, lang, c };
}
