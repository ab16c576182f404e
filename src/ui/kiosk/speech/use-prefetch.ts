/**
 * Fetches ahead, while online, the read-aloud audio for today's day structure, meals and
 * activities as the Home screen says them, so read-aloud keeps working when the network drops.
 * Each screen registers its texts with `speechTexts` below.
 */
import { useEffect } from 'react';
import { useEnv } from '../data/kiosk-env.js';

const wanted = new Set<string>();

/** Screens call this with the sentences their read-aloud buttons speak. */
export function wantSpeech(texts: readonly string[]): void {
  for (const t of texts) wanted.add(t);
}

export function useSpeechPrefetch(): void {
  const { speaker, settings, status } = useEnv();
  const online = status?.state === 'online';
  useEffect(() => {
    if (!online) return undefined;
    let live = true;
    const run = async () => {
      const texts = [...wanted];
      wanted.clear();
      if (texts.length > 0) await speaker.prefetch(texts, settings.lang);
    };
    // Quietly, after the screen has painted, and again now and then for new items.
    const first = setTimeout(() => void run(), 3000);
    const again = setInterval(() => {
      if (live) void run();
    }, 60_000);
    return () => {
      live = false;
      clearTimeout(first);
      clearInterval(again);
    };
  }, [online, speaker, settings.lang]);
}
