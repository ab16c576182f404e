/**
 * The kiosk once it has a sync engine: the env every screen reads (cache, actions, status,
 * settings, clock, speaker), the words in the kiosk's language, the theme and text size, and the
 * frame with the current screen.
 */
import type { i18n } from 'i18next';
import { useEffect, useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { CacheDb, SyncEngine, SyncStatus } from '../../client/index.js';
import { KioskEnvProvider, type KioskActions, type KioskEnv } from './data/kiosk-env.js';
import { systemClock } from '../shared/data/sync-env.js';
import { Frame } from './frame/frame.js';
import { CurrentScreen } from './frame/screens.js';
import type { DisplaySettings } from './settings.js';
import type { Speaker } from './speech/speaker.js';
import { useSpeechPrefetch } from './speech/use-prefetch.js';

/** The engine's writes as the kiosk's actions. */
export function engineActions(engine: SyncEngine): KioskActions {
  return {
    mutate: (name, args) => engine.mutate(name, args),
    dismissRejection: (id) => engine.dismissRejection(id),
    unlockResident: (residentId, pin) => engine.unlockResident(residentId, pin),
  };
}

/** Theme and text size go on the root element, so every rem and colour follows them. */
export function useDisplaySettings(settings: DisplaySettings): void {
  useEffect(() => {
    const root = document.documentElement;
    root.lang = settings.lang;
    root.dataset['theme'] = settings.theme;
    root.style.setProperty('--text-scale', String(settings.textScale));
  }, [settings]);
}

function Prefetch() {
  useSpeechPrefetch();
  return null;
}

interface Props {
  db: CacheDb;
  actions: KioskActions;
  status: SyncStatus | null;
  settings: DisplaySettings;
  speaker: Speaker;
  i18n: i18n;
  clock?: KioskEnv['clock'];
  /** The centre as already read from `db` (tests draw at once); left out, it is read first. */
  initialCentre?: KioskEnv['initialCentre'];
}

export function KioskApp(props: Props) {
  const { db, actions, status, settings, speaker, i18n, clock, initialCentre } = props;
  useDisplaySettings(settings);
  const env = useMemo<KioskEnv>(
    () => ({ db, actions, status, settings, speaker, clock: clock ?? systemClock, initialCentre }),
    [db, actions, status, settings, speaker, clock, initialCentre],
  );
  return (
    <I18nextProvider i18n={i18n}>
      <KioskEnvProvider env={env}>
        <Frame>
          <CurrentScreen />
        </Frame>
        <Prefetch />
      </KioskEnvProvider>
    </I18nextProvider>
  );
}
