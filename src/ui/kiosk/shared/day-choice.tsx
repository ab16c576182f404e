/**
 * The week as big toggle buttons: "I dag", "I morgen", then the weekday names of the next five
 * days (inside seven days a weekday name is never ambiguous, so no dates are needed). Shared by
 * the Activities, Meals and Book screens, with the words for a day at the start of a line or
 * inside a sentence.
 *
 * Where the week does not fit one row (portrait at text scale 1.25 and 1.5: two rows of day
 * buttons took a quarter of the screen), one row instead: "← Forrige dag", the chosen day's
 * name, "Næste dag →" (day-choice.css shows one of the two by the row's width in rem).
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { dateWindow } from '../../../domain/rules/days.js';
import type { Lang } from '../settings.js';
import { capitalise, dateInWords, weekdayName } from '../time/format.js';
import './day-choice.css';

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
  const at = days.indexOf(selected);
  const before = at > 0 ? days[at - 1] : undefined;
  const after = at >= 0 && at < days.length - 1 ? days[at + 1] : undefined;
  return (
    <div className="day-picker">
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
      <div className="day-step">
        <button
          type="button"
          className="secondary day-step-button"
          disabled={before === undefined}
          onClick={() => before !== undefined && onSelect(before)}
        >
          <span className="day-arrow" aria-hidden="true">
            ←
          </span>
          <span>{words.c('previousDay')}</span>
        </button>
        {/* Announced when it changes, so a screen reader hears which day it is after a tap. */}
        <p className="day-step-name" aria-live="polite">
          {dayLabel(selected, words)}
        </p>
        <button
          type="button"
          className="secondary day-step-button"
          disabled={after === undefined}
          onClick={() => after !== undefined && onSelect(after)}
        >
          <span>{words.c('nextDay')}</span>
          <span className="day-arrow" aria-hidden="true">
            →
          </span>
        </button>
      </div>
    </div>
  );
}

/** The common words a day label needs, from the current language. */
export function useDayWords(today: string, tomorrow: string, lang: Lang): DayWords {
  const { t: c } = useTranslation();
  return { today, tomorrow, lang, c };
}
