/**
 * "Nu" and "Bagefter", always visible on Home (KIOSK-UX "Predictability"): from the shared day
 * structure, with the time, the pictogram, and how long until the next thing ("om 20 minutter").
 * The "Nu" card sits on the part-of-day colour.
 */
import { useTranslation } from 'react-i18next';
import type { DayItem } from '../../../domain/model.js';
import { nowAndNext } from '../../../domain/rules/day-structure.js';
import { partOfDay, zonedInstant } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { ItemCard } from '../shared/item-card.js';
import { sentences } from '../shared/read-aloud.js';
import { shownTime, spokenTime } from '../time/format.js';

export function NowNext({ items }: { items: readonly DayItem[] }) {
  const { t } = useTranslation('home');
  const { t: c } = useTranslation();
  const { settings } = useEnv();
  const { now, timeZone, today } = useToday();
  const { now: current, next } = nowAndNext(items, now, timeZone);
  const part = partOfDay(now, timeZone);
  const minutesTo = (item: DayItem) =>
    Math.max(
      1,
      Math.round((zonedInstant(today, item.start, timeZone).getTime() - now.getTime()) / 60_000),
    );
  const changed = (item: DayItem) => item.changedOn === today;
  const at = (item: DayItem) => c('at', { time: shownTime(item.start, settings.lang) });

  return (
    <section className="now-next" aria-label={`${t('now')} / ${t('next')}`}>
      <div className={`now-slot part-${part}`}>
        <p className="now-label">{t('now')}</p>
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
