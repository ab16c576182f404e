/**
 * The fixed frame around every screen (KIOSK-UX "Layout"): the clock, the date in words and the
 * part of the day at the top; the connection line and notices under it; the screen; the undo;
 * and the big Home button, always in the same place at the bottom, within reach of a seated
 * person. The idle timer and the night screen live here too.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { partOfDay } from '../../../domain/rules/days.js';
import { useCentre, useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { isNight } from '../settings.js';
import { Pictogram } from '../shared/pictogram.js';
import { UndoBar } from '../shared/undo-bar.js';
import { useKiosk, type Screen } from '../state/store.js';
import { capitalise, clockOf, dateInWords, wallTime } from '../time/format.js';
import { IdleQuestion } from './idle-question.js';
import { NightScreen } from './night-screen.js';
import { RejectionNotices } from './rejection-notices.js';
import { StatusBanner } from './status-banner.js';
import { useIdle } from './use-idle.js';
import { WallNoticeView } from './wall-notice.js';

export const screenKey = {
  home: 'screens.home',
  'my-day': 'screens.myDay',
  meals: 'screens.meals',
  activities: 'screens.activities',
  book: 'screens.book',
  news: 'screens.news',
  photos: 'screens.photos',
  roster: 'screens.roster',
} as const satisfies Record<Screen, string>;

export const screenPictogram: Record<Screen, string> = {
  home: 'home',
  'my-day': 'my-day',
  meals: 'meals',
  activities: 'activities',
  book: 'book',
  news: 'news',
  photos: 'photos',
  roster: 'roster',
};

/** After waking from night, the touch that woke the screen must not also press what is under it. */
function swallowNextClick(): void {
  const stop = (e: Event) => {
    e.stopPropagation();
    e.preventDefault();
  };
  window.addEventListener('click', stop, true);
  setTimeout(() => window.removeEventListener('click', stop, true), 600);
}

export function Frame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { settings } = useEnv();
  const { now, timeZone, today } = useToday(1000);
  const { loaded } = useCentre();
  const screen = useKiosk((s) => s.screen);
  const goHome = useKiosk((s) => s.goHome);
  const { asking, stay, finish, idle } = useIdle(settings.idleSeconds);
  const [woken, setWoken] = useState(false);
  const part = partOfDay(now, timeZone);
  const clock = clockOf(now, timeZone, settings.lang);
  const night = isNight(settings.night, wallTime(now, timeZone)) && idle && !woken;

  // A new idle period ends the wake: the night screen returns after the idle time.
  useEffect(() => {
    if (idle) setWoken(false);
  }, [idle]);

  const wake = useCallback(() => {
    swallowNextClick();
    setWoken(true);
    goHome();
  }, [goHome]);

  // Night hours are the centre's wall clock: until its zone is read from the cache (a few ms)
  // the frame stays hidden rather than judge them by the default zone, which opened a kiosk
  // elsewhere on the night screen by day, or on Home at night. The screen is mounted meanwhile,
  // so its own reads start at once.
  if (loaded && night) return <NightScreen clock={clock} onWake={wake} />;

  return (
    <div className="frame" data-screen={screen} hidden={!loaded}>
      <header className={`frame-top part-${part}`}>
        <p className="clock" aria-label={t('at', { time: clock })}>
          {clock}
        </p>
        <div className="frame-day">
          <p className="frame-date">{capitalise(dateInWords(today, settings.lang))}</p>
          <p className="frame-part">
            <Pictogram name={part} fallback="clock" />
            <span>{t(`parts.${part}`)}</span>
          </p>
        </div>
        {/* In the top band, whose room is kept for it (frame.css): the offline line never
            pushes the screen's content down. */}
        <StatusBanner />
      </header>
      <RejectionNotices />
      <main className="screen" id="main">
        {children}
      </main>
      <UndoBar />
      <nav className="frame-bottom" aria-label={t('nav.label')}>
        <button
          type="button"
          className="home-button"
          aria-current={screen === 'home' ? 'page' : undefined}
          onClick={goHome}
        >
          <Pictogram name="home" fallback="home" />
          <span>{t('nav.home')}</span>
        </button>
        {screen !== 'home' && (
          <p className="frame-where">
            <Pictogram name={screenPictogram[screen]} />
            <span>{t(screenKey[screen])}</span>
          </p>
        )}
      </nav>
      <WallNoticeView />
      {asking && <IdleQuestion stay={stay} finish={finish} />}
    </div>
  );
}
