/**
 * The read-aloud button: always in the same corner of every card, with the speaker pictogram and a
 * word. It speaks full sentences ("Frokost. Klokken 12. I spisestuen."). Where the kiosk has no
 * voice at all it says so ("Ingen stemme") instead of doing nothing when tapped.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useEnv } from '../data/kiosk-env.js';
import { countReadAloud } from '../speech/count-use.js';
import { wantSpeech } from '../speech/use-prefetch.js';
import { Pictogram } from './pictogram.js';

export function useSpeakerState() {
  const { speaker } = useEnv();
  return useSyncExternalStore(
    (l) => speaker.subscribe(l),
    () => speaker.getState(),
  );
}

/** Sentences joined for speech: empty parts dropped, each ending with a full stop. */
export const sentences = (...parts: (string | null | undefined | false)[]): string =>
  parts
    .filter((p): p is string => !!p && p.trim() !== '')
    .map((p) => p.trim().replace(/([^.!?])$/, '$1.'))
    .join(' ');

export function ReadAloud({ text, what }: { text: string; what?: string }) {
  const { t } = useTranslation();
  const { speaker, settings } = useEnv();
  const state = useSpeakerState();
  const speaking = state.speaking === text;
  // Fetched ahead while online, so this button still speaks when the network is gone.
  useEffect(() => wantSpeech([text]), [text]);
  const label = what ? t('readAloud.labelFor', { text: what }) : t('readAloud.label');
  if (state.noVoice && !speaker.systemVoice(settings.lang)) {
    return (
      <span className="read-aloud no-voice" role="note" title={t('readAloud.noVoiceHelp')}>
        <Pictogram name="speaker-off" fallback="cross" />
        <span>{t('readAloud.noVoice')}</span>
      </span>
    );
  }
  return (
    <button
      type="button"
      className={speaking ? 'read-aloud speaking' : 'read-aloud'}
      aria-label={label}
      aria-pressed={speaking}
      onClick={() => {
        countReadAloud();
        void speaker.speak(text, settings.lang);
      }}
    >
      <Pictogram name="speaker" fallback="activity" />
      <span aria-hidden="true">{speaking ? t('readAloud.speaking') : t('readAloud.label')}</span>
    </button>
  );
}
