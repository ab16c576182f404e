/**
 * Read-aloud. Many residents cannot read, and kiosk PCs rarely have a Danish system voice, so:
 *
 * 1. a system voice for the language (Web Speech API) when there is one;
 * 2. otherwise audio the centre server renders with eSpeak NG (`GET /api/speech`), kept in the
 *    kiosk's clip cache (IndexedDB) so a text heard once, or fetched ahead, plays offline too;
 * 3. when neither exists (no system voice and the server answers `no_voice`), a visible
 *    "no voice" state on every read-aloud button instead of a button that silently does nothing.
 *
 * Everything the browser gives is injected, so this runs and is tested without a browser.
 */
import type { Lang } from '../settings.js';

export interface SpeechSynthesisLike {
  getVoices(): readonly { lang: string; name: string }[];
  speak: (u: SpeechSynthesisUtterance) => void;
  cancel: () => void;
}

export interface ClipCache {
  get: (key: string) => Promise<ArrayBuffer | undefined>;
  put: (key: string, audio: ArrayBuffer) => Promise<void>;
}

export interface SpeakerDeps {
  /** The Web Speech API, or null where there is none. */
  synth: SpeechSynthesisLike | null;
  /** Makes an utterance for the synth (the browser's SpeechSynthesisUtterance). */
  utter?: (
    text: string,
    lang: string,
    voice: unknown,
    done: () => void,
  ) => SpeechSynthesisUtterance;
  /** `GET /api/speech?lang=&text=` with the kiosk's token. Rejects when the network is down. */
  fetchAudio: (text: string, lang: Lang) => Promise<Response>;
  cache: ClipCache;
  /** Plays WAV bytes; resolves when done (or stopped). */
  play: (audio: ArrayBuffer) => Promise<void>;
  stopAudio: () => void;
}

export type SpeakOutcome = 'spoken' | 'no-voice' | 'offline' | 'failed';

export interface SpeakerState {
  /** The text being read now, or null. */
  speaking: string | null;
  /** Neither a system voice nor the server can speak: buttons show "no voice". */
  noVoice: boolean;
  /** The outcome of the last attempt that did not speak (for a short message), or null. */
  problem: Exclude<SpeakOutcome, 'spoken'> | null;
}

const clipKey = (lang: Lang, text: string): string => `${lang}:${text}`;

export class Speaker {
  private state: SpeakerState = { speaking: null, noVoice: false, problem: null };
  private readonly listeners = new Set<(s: SpeakerState) => void>();
  private run = 0;

  constructor(private readonly deps: SpeakerDeps) {}

  getState(): SpeakerState {
    return this.state;
  }

  subscribe(listener: (s: SpeakerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<SpeakerState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** A system voice for `lang`, if the machine has one. */
  systemVoice(lang: Lang): unknown {
    const voices = this.deps.synth?.getVoices() ?? [];
    return voices.find((v) => v.lang.toLowerCase().startsWith(lang)) ?? null;
  }

  /** Reads `text` aloud; a second tap on the same text stops it. */
  async speak(text: string, lang: Lang): Promise<SpeakOutcome> {
    if (this.state.speaking === text) {
      this.stop();
      return 'spoken';
    }
    this.stop();
    const run = ++this.run;
    this.set({ speaking: text, problem: null });
    const outcome = await this.say(text, lang);
    if (run === this.run)
      this.set({ speaking: null, problem: outcome === 'spoken' ? null : outcome });
    return outcome;
  }

  stop(): void {
    this.run++;
    this.deps.synth?.cancel();
    this.deps.stopAudio();
    if (this.state.speaking !== null) this.set({ speaking: null });
  }

  private async say(text: string, lang: Lang): Promise<SpeakOutcome> {
    const voice = this.systemVoice(lang);
    if (voice && this.deps.synth && this.deps.utter) {
      const synth = this.deps.synth;
      const utter = this.deps.utter;
      await new Promise<void>((done) => synth.speak(utter(text, lang, voice, done)));
      this.set({ noVoice: false });
      return 'spoken';
    }
    const audio = await this.clip(text, lang);
    if (typeof audio === 'string') return audio;
    await this.deps.play(audio);
    return 'spoken';
  }

  /** The server's audio for `text`, from the clip cache or fetched (and then cached). */
  private async clip(
    text: string,
    lang: Lang,
  ): Promise<ArrayBuffer | Exclude<SpeakOutcome, 'spoken'>> {
    const key = clipKey(lang, text);
    const cached = await this.deps.cache.get(key).catch(() => undefined);
    if (cached) return cached;
    let res: Response;
    try {
      res = await this.deps.fetchAudio(text, lang);
    } catch {
      return 'offline';
    }
    if (res.status === 503) {
      this.set({ noVoice: true });
      return 'no-voice';
    }
    if (!res.ok) return 'failed';
    const audio = await res.arrayBuffer();
    this.set({ noVoice: false });
    await this.deps.cache.put(key, audio).catch(() => undefined);
    return audio;
  }

  /**
   * Fetches ahead the audio for texts on screen today, one at a time, so they play offline later.
   * Skipped where a system voice speaks. Stops at the first network failure or "no voice".
   */
  async prefetch(texts: readonly string[], lang: Lang): Promise<number> {
    if (this.systemVoice(lang)) return 0;
    let fetched = 0;
    for (const text of new Set(texts)) {
      const key = clipKey(lang, text);
      if (await this.deps.cache.get(key).catch(() => undefined)) continue;
      const r = await this.clip(text, lang);
      if (typeof r === 'string') break;
      fetched++;
    }
    return fetched;
  }
}
