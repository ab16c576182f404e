/** The Speaker wired to the browser: Web Speech, `fetch('/api/speech')`, an IndexedDB clip cache. */
import { Dexie, type Table } from 'dexie';
import type { Lang } from '../settings.js';
import { Speaker, type ClipCache } from './speaker.js';

interface Clip {
  key: string;
  audio: ArrayBuffer;
  at: number;
}

/** At most this many clips are kept; the oldest go first. */
const MAX_CLIPS = 400;

class ClipDb extends Dexie {
  clips!: Table<Clip, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ clips: 'key, at' });
  }
}

export function clipCache(name = 'citizen-guide-speech'): ClipCache {
  const db = new ClipDb(name);
  return {
    get: async (key) => (await db.clips.get(key))?.audio,
    put: async (key, audio) => {
      await db.clips.put({ key, audio, at: Date.now() });
      const extra = (await db.clips.count()) - MAX_CLIPS;
      if (extra > 0) await db.clips.orderBy('at').limit(extra).delete();
    },
  };
}

export function browserSpeaker(token: () => string | null): Speaker {
  let current: HTMLAudioElement | null = null;
  let finish: (() => void) | null = null;
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  return new Speaker({
    synth,
    utter: (text, lang, voice, done) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang === 'da' ? 'da-DK' : 'en-GB';
      u.voice = voice as SpeechSynthesisVoice;
      u.rate = 0.9;
      u.onend = () => done();
      u.onerror = () => done();
      return u;
    },
    fetchAudio: (text: string, lang: Lang) => {
      const t = token();
      return fetch(`/api/speech?lang=${lang}&text=${encodeURIComponent(text)}`, {
        headers: t ? { authorization: `Bearer ${t}` } : {},
      });
    },
    cache: clipCache(),
    play: (audio) =>
      new Promise<void>((resolve) => {
        const url = URL.createObjectURL(new Blob([audio], { type: 'audio/wav' }));
        const el = new Audio(url);
        current = el;
        finish = () => {
          URL.revokeObjectURL(url);
          if (current === el) current = null;
          finish = null;
          resolve();
        };
        const done = finish;
        el.onended = done;
        el.onerror = done;
        el.play().catch(done);
      }),
    stopAudio: () => {
      current?.pause();
      finish?.();
    },
  });
}
