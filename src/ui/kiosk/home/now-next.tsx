/**
 * "Nu" and "Bagefter", always visible on Home (KIOSK-UX "Predictability"): from the shared day
 * structure, with the time, the pictogram, and how long until the next thing ("om 20 minutter").
 * The "Nu" card sits on the part-of-day colour. Both change exactly at an item's start and end
 * (plan-clock.ts), and both show the time as a disc for residents who cannot read a clock: what
 * is left of "Nu", and the last hour before "Bagefter" begins.
 */
import { useTranslation } from 'react-i18next';
import type { DayItem } from '../../../domain/model.js';
import { nowAndNext } from '../../../domain/rules/day-structure.js';
import {
  dayBounds,
  dayOf,
  minutesOfTime,
  partOfDay,
  zonedInstant,
} from '../../../domain/rules/days.js';
import { useCentre } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { ItemCard } from '../shared/item-card.js';
import { sentences } from '../shared/read-aloud.js';
import { shownTime, spokenTime } from '../time/format.js';
import { usePlanClock } from './plan-clock.js';
import { TimeLeft } from './time-left.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * When "Nu" ends, as nowAndNext decides it: its end time, the next later start when it has
 * none, or null when it runs to the end of the day (no disc: there is no end to count down to).
 */
function endOf(item: DayItem, items: readonly DayItem[], today: string, timeZone: string) {
  const start = zonedInstant(today, item.start, timeZone).getTime();
  if (item.end !== null) {
    return minutesOfTime(item.end) > minutesOfTime(item.start)
      ? { start, end: zonedInstant(today, item.end, timeZone).getTime() }
      : null;
  }
  const dayEnd = dayBounds(today, timeZone).end.getTime();
  const later = items
    .filter((i) => i.date === today)
    .map((i) => zonedInstant(today, i.start, timeZone).getTime())
    .filter((s) => s > start)
    .reduce((a, b) => Math.min(a, b), dayEnd);
  return later === dayEnd ? null : { start, end: later };
}

export function NowNext({ items }: { items: readonly DayItem[] }) {
  const { t } = useTranslation('home');
  const { t: c } = useTranslation();
  const { settings } = useEnv();
  const { timeZone } = useCentre();
  const now = usePlanClock(items, timeZone);
  const today = dayOf(now, timeZone);
  const { now: current, next } = nowAndNext(items, now, timeZone);
  const part = partOfDay(now, timeZone);
  const msTo = (item: DayItem) =>
    zonedInstant(today, item.start, timeZone).getTime() - now.getTime();
  const minutesTo = (item: DayItem) => Math.max(1, Math.round(msTo(item) / MINUTE));
  const changed = (item: DayItem) => item.changedOn === today;
  const at = (item: DayItem) => c('at', { time: shownTime(item.start, settings.lang) });

  const span = current ? endOf(current, items, today, timeZone) : null;
  const left = span ? span.end - now.getTime() : 0;
  const leftWords = (ms: number) => {
    const minutes = Math.ceil(ms / MINUTE);
    // "Mere end 4 timer" for 4 h 1 min up to 5 h: always true, never more than is left.
    return minutes <= 60
      ? t('minutesLeft', { count: minutes })
      : t('hoursLeft', { count: Math.floor((minutes - 1) / 60) });
  };

  return (
    <section className="now-next" aria-label={`${t('now')} / ${t('next')}`}>
      <div className={`now-slot part-${part}`}>
        <p className="now-label">{t('now')}</p>
        {current && span && left > 0 && (
          <TimeLeft fraction={left / (span.end - span.start)} label={leftWords(left)}>
            {leftWords(left)}
          </TimeLeft>
        )}
        {current ? (
          <ItemCard
            pictogram={current.pictogram}
            title={current.title}
            when={at(current)}
            changed={changed(current)}
            tone="now"
            headingLevel={2}
            speech={sentences(
              t('spokenNow', { what: current.title, time: spokenTime(current.start) }),
              changed(current) && c('spoken.changed'),
            )}
          />
        ) : (
          <p className="empty">{items.length === 0 ? t('noPlan') : t('nothingNow')}</p>
        )}
      </div>
      <div className="next-slot">
        <p className="now-label">{t('next')}</p>
        {next && msTo(next) <= HOUR && (
          <TimeLeft
            fraction={msTo(next) / HOUR}
            label={t('startsIn', { count: minutesTo(next) })}
          />
        )}
        {next ? (
          <ItemCard
            pictogram={next.pictogram}
            title={next.title}
            when={`${at(next)}, ${minutesTo(next) <= 60 ? c('inMinutes', { count: minutesTo(next) }) : ''}`.replace(
              /, $/,
              '',
            )}
            changed={changed(next)}
            headingLevel={2}
            speech={sentences(
              t('spokenNext', { what: next.title, time: spokenTime(next.start) }),
              changed(next) && c('spoken.changed'),
            )}
          />
        ) : (
          <p className="empty">{t('nothingNext')}</p>
        )}
      </div>
    </section>
  );
}
