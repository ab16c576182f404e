/**
 * Home / Today: "Nu" and "Bagefter", who of the staff is on duty, today's meals, today's
 * activities, and big tiles to every other screen (low on a portrait screen, within reach).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { sharedPlan, useDayItems } from '../data/day-plan.js';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { screenKey, screenPictogram } from '../frame/frame.js';
import { OnDutyNow } from '../roster/on-duty.js';
import { Pictogram } from '../shared/pictogram.js';
import { screens, useKiosk } from '../state/store.js';
import { NowNext } from './now-next.js';
import { TodaysActivities, TodaysMeals, TodaysResources } from './today-strip.js';
import { useFit } from './use-fit.js';
import './home.css';

/**
 * Marks (once per page load) the first frame in which Home shows the day from the cache:
 * `performance.getEntriesByName('kiosk:home-painted')` is what the cold-start benchmark reads.
 */
function useHomePaintedMark(ready: boolean): void {
  useEffect(() => {
    if (!ready || performance.getEntriesByName('kiosk:home-painted').length > 0) return;
    requestAnimationFrame(() => {
      if (performance.getEntriesByName('kiosk:home-painted').length === 0)
        performance.mark('kiosk:home-painted');
    });
  }, [ready]);
}

export function HomeScreen() {
  const { t } = useTranslation('home');
  const { t: c } = useTranslation();
  const { today } = useToday();
  const items = useDayItems(today);
  const go = useKiosk((s) => s.go);
  useHomePaintedMark(items !== undefined);
  // Shown whole or not at all: faces cut in two help nobody (the Staff screen has them all).
  const [staffBox, staffFits] = useFit<HTMLDivElement>(1);
  // Large text (1.25, 1.5): the glance keeps only meals and activities, with all its room.
  const { textScale } = useEnv().settings;
  const large = textScale > 1.1;
  // 1.5: in landscape not even the glance fits beside Now/Next and the tiles (home.css).
  const largest = textScale > 1.4;
  return (
    <div className={`home${large ? ' text-large' : ''}${largest ? ' text-largest' : ''}`}>
      <h1 className="visually-hidden">{t('title')}</h1>
      <div className="home-main">
        {items !== undefined && <NowNext items={sharedPlan(items)} />}
      </div>
      <div className="home-glance">
        <section className="home-list home-staff" aria-labelledby="home-staff">
          <div className="fit-box" ref={staffBox}>
            {staffFits > 0 && (
              <>
                <h2 id="home-staff">{t('staff')}</h2>
                <OnDutyNow />
              </>
            )}
          </div>
        </section>
        <TodaysMeals />
        <TodaysActivities />
        <TodaysResources />
      </div>
      <nav className="tiles home-tiles" aria-label={t('tilesLabel')}>
        {screens
          .filter((s) => s !== 'home')
          .map((s) => (
            <button key={s} type="button" className="tile" onClick={() => go(s)}>
              <Pictogram name={screenPictogram[s]} />
              <span>{c(screenKey[s])}</span>
            </button>
          ))}
      </nav>
    </div>
  );
}
