/**
 * A resident's day as a vertical time line: past items dimmed, the current one marked "Nu". Given
 * as the items of My day's one paged list (shared/pager.tsx), its heading first.
 */
import { useTranslation } from 'react-i18next';
import type { DayItem, Resident } from '../../../domain/model.js';
import { nowAndNext } from '../../../domain/rules/day-structure.js';
import { zonedInstant } from '../../../domain/rules/days.js';
import { personalPlan, useDayItems } from '../data/day-plan.js';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { ItemCard } from '../shared/item-card.js';
import type { PagerItem } from '../shared/pager.js';
import { sentences } from '../shared/read-aloud.js';
import { shownTime, spokenTime } from '../time/format.js';

interface Props {
  resident: Resident;
  /** Personal items that came with an unlock (PIN-guarded residents), beside the cache's. */
  own: readonly DayItem[];
}

export function useTimeline({ resident, own }: Props): PagerItem[] | null {
  const { t } = useTranslation('myDay');
  const { t: c } = useTranslation();
  const { settings } = useEnv();
  const { now, today, timeZone } = useToday();
  const all = useDayItems(today);
  if (all === undefined) return null;
  const cachedIds = new Set(all.map((i) => i.id));
  const items = personalPlan(
    [...all, ...own.filter((i) => i.date === today && !cachedIds.has(i.id))],
    resident,
  );
  const current = nowAndNext(items, now, timeZone).now;
  const currentIndex = current ? items.indexOf(current) : -1;
  const startOf = (i: DayItem) => zonedInstant(today, i.start, timeZone).getTime();
  const tone = (i: DayItem, index: number): 'past' | 'now' | 'normal' => {
    if (i === current) return 'now';
    if (currentIndex >= 0) return index < currentIndex ? 'past' : 'normal';
    return startOf(i) < now.getTime() ? 'past' : 'normal';
  };
  const when = (i: DayItem) =>
    i.end
      ? c('fromTo', {
          from: shownTime(i.start, settings.lang),
          to: shownTime(i.end, settings.lang),
        })
      : c('at', { time: shownTime(i.start, settings.lang) });

  const heading: PagerItem = {
    key: 'timeline',
    heading: true,
    node: <h2 id="timeline">{t('timeline')}</h2>,
  };
  if (items.length === 0) {
    return [heading, { key: 'timeline-none', node: <p className="empty">{t('nothing')}</p> }];
  }
  return [
    heading,
    ...items.map((i, index): PagerItem => {
      const state = tone(i, index);
      return {
        key: `day-${i.id}`,
        node: (
          <div
            className={`timeline-entry timeline-${state}`}
            aria-current={state === 'now' ? 'time' : undefined}
          >
            {state === 'now' && <p className="timeline-mark">{t('now')}</p>}
            {state === 'past' && <p className="timeline-mark done">{t('done')}</p>}
            <ItemCard
              pictogram={i.pictogram}
              title={i.title}
              when={when(i)}
              tone={state}
              changed={i.changedOn === today}
              speech={sentences(
                i.title,
                c('spoken.at', { time: spokenTime(i.start) }),
                i.changedOn === today && c('spoken.changed'),
              )}
            />
          </div>
        ),
      };
    }),
  ];
}
