/**
 * Read-aloud audio for kiosks without a Danish system voice: eSpeak NG renders a text once, the
 * WAV is kept on disk under the data directory, and every later request for the same text is a
 * file read. Renders are few and bounded: at most `maxConcurrent` programs run at once (the rest
 * wait in line, up to `maxQueued`), and identical requests arriving together share one render.
 * The cache is bounded (`maxCacheBytes`): past the cap the least recently used clips are deleted,
 * so a caller asking for endless new texts cannot fill the disk (a deleted clip is rendered again
 * when asked for).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/permissions.js';
import { locateProgram, probe, renderWav, RenderError } from './espeak.js';
import { Slots } from './slots.js';

/** The languages a kiosk may ask for, and eSpeak's voice for each. */
export const SPEECH_VOICES = { da: 'da', en: 'en' } as const;
export type SpeechLang = keyof typeof SPEECH_VOICES;

export interface SpeechOptions {
  /** The eSpeak NG program: a path, or a name looked up on PATH. Default: env
   * `CITIZEN_GUIDE_ESPEAK`, else `espeak-ng`. */
  program?: string;
  /** Words per minute; eSpeak's default 175 is fast for many residents. */
  rate?: number;
  /** A render taking longer is killed and answered `no_voice`. */
  timeoutMs?: number;
  maxConcurrent?: number;
  /** Renders waiting for a slot; beyond this the request is told to come back later. */
  maxQueued?: number;
  /** The most bytes of WAV kept on disk; least recently used clips go first. */
  maxCacheBytes?: number;
}

/** 200 MB: some 1,000 minutes of speech, far more than a centre's texts of a few weeks. */
export const DEFAULT_SPEECH_CACHE_BYTES = 200 * 1024 * 1024;

export class SpeechUnavailable extends Error {}
export class SpeechBusy extends Error {}

export interface CachedSpeech {
  /** The cache key (hex SHA-256 of voice, rate and text): the ETag. */
  key: string;
  /** The WAV, read once: a clip evicted while it is being sent is no broken answer. */
  wav: Buffer;
}

interface Clip {
  size: number;
  /** When it was rendered (the file's mtime, kept as it is when a use is stamped). */
  renderedMs: number;
}

export class SpeechService {
  readonly program: string;
  readonly rate: number;
  readonly dir: string;
  /** Resolved program path, set by `init` when the program exists. */
  #path: string | null = null;
  #voices = new Set<string>();
  #inflight = new Map<string, Promise<CachedSpeech>>();
  #slots: Slots;
  #timeoutMs: number;
  readonly maxCacheBytes: number;
  /** Cached clips by key, least recently used first (a Map keeps insertion order). */
  #lru = new Map<string, Clip>();
  #cacheBytes = 0;
  /**
   * The last use stamp written to a file's access time (its mtime stays the render time): it
   * rises strictly, so the order of use survives a restart.
   */
  #lastStamp = 0;
  renders = 0;
  cacheHits = 0;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
    opts: SpeechOptions = {},
  ) {
    this.program = opts.program ?? process.env.CITIZEN_GUIDE_ESPEAK ?? 'espeak-ng';
    this.rate = opts.rate ?? 140;
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#slots = new Slots(opts.maxConcurrent ?? 2, opts.maxQueued ?? 100);
    this.dir = join(dataDir, 'speech');
    this.maxCacheBytes = opts.maxCacheBytes ?? DEFAULT_SPEECH_CACHE_BYTES;
  }

  /** Bytes of WAV on disk now. */
  get cacheBytes(): number {
    return this.#cacheBytes;
  }

  /** Clips on disk now. */
  get cacheClips(): number {
    return this.#lru.size;
  }

  /**
   * Reads what an earlier run left in the cache, oldest use first (a file's access time is its
   * last use), drops half-written files and trims the cache to the cap.
   */
  async #loadCache(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return; // no cache yet
    }
    const clips: { key: string; clip: Clip; used: number }[] = [];
    for (const name of names) {
      const file = join(this.dir, name);
      if (name.endsWith('.tmp')) {
        await unlink(file).catch(() => undefined);
        continue;
      }
      const m = /^([0-9a-f]{64})\.wav$/.exec(name);
      if (!m?.[1]) continue;
      const st = await stat(file).catch(() => null);
      if (st?.isFile())
        clips.push({
          key: m[1],
          clip: { size: st.size, renderedMs: st.mtimeMs },
          used: Math.max(st.atimeMs, st.mtimeMs),
        });
    }
    clips.sort((a, b) => a.used - b.used);
    for (const c of clips) {
      this.#lru.set(c.key, c.clip);
      this.#cacheBytes += c.clip.size;
      this.#lastStamp = Math.max(this.#lastStamp, c.used);
    }
    await this.#evict();
  }

  #file(key: string): string {
    return join(this.dir, `${key}.wav`);
  }

  /** Marks a clip as just used: last in line for eviction, now and after a restart. */
  /** Resolves when the file's stamp is written (a hit need not wait for it; a render does). */
  #touch(key: string): Promise<void> {
    const clip = this.#lru.get(key);
    if (clip === undefined) return Promise.resolve();
    this.#lru.delete(key);
    this.#lru.set(key, clip);
    this.#lastStamp = Math.max(Date.now(), this.#lastStamp + 1);
    return utimes(this.#file(key), this.#lastStamp / 1000, clip.renderedMs / 1000).catch(
      () => undefined,
    );
  }

  /** Deletes least recently used clips until the cache is within its cap. */
  async #evict(): Promise<void> {
    while (this.#cacheBytes > this.maxCacheBytes) {
      const oldest = this.#lru.keys().next();
      if (oldest.done) break;
      this.#forget(oldest.value);
      await unlink(this.#file(oldest.value)).catch(() => undefined);
    }
  }

  #forget(key: string): void {
    const clip = this.#lru.get(key);
    if (clip === undefined) return;
    this.#lru.delete(key);
    this.#cacheBytes -= clip.size;
  }

  /** Finds and asks the program once at start-up, and logs one line saying what kiosks get. */
  async init(): Promise<void> {
    await this.#loadCache();
    const path = locateProgram(this.program);
    if (!path) {
      this.logger.warn(
        { program: this.program },
        `read-aloud: ${this.program} not found; kiosks without a system voice will show 'no voice'. Install Debian's espeak-ng package (or set CITIZEN_GUIDE_ESPEAK).`,
      );
      return;
    }
    try {
      const info = await probe(path, Object.values(SPEECH_VOICES), 5000);
      this.#path = path;
      this.#voices = new Set(info.voices);
      const missing = Object.values(SPEECH_VOICES).filter((v) => !this.#voices.has(v));
      if (missing.length === 0) {
        this.logger.info(
          { program: path, version: info.version, voices: info.voices, rate: this.rate },
          `read-aloud: audio available from ${path} (eSpeak NG ${info.version}, voices da and en found)`,
        );
      } else {
        this.logger.warn(
          { program: path, version: info.version, voices: info.voices, missing },
          `read-aloud: ${path} has no voice for ${missing.join(' and ')}; kiosks without a system voice will show 'no voice' for it. Install Debian's espeak-ng-data package.`,
        );
      }
    } catch (err) {
      this.logger.warn(
        { program: path, err: err instanceof Error ? err.message : String(err) },
        `read-aloud: ${path} does not work; kiosks without a system voice will show 'no voice'. Install Debian's espeak-ng package.`,
      );
    }
  }

  keyOf(lang: SpeechLang, text: string): string {
    return createHash('sha256')
      .update(`${SPEECH_VOICES[lang]}\n${this.rate}\n${text}`, 'utf8')
      .digest('hex');
  }

  /** The cached WAV for this text, if it was rendered before (and not evicted since). */
  async cached(lang: SpeechLang, text: string): Promise<CachedSpeech | null> {
    const key = this.keyOf(lang, text);
    if (!this.#lru.has(key)) return null;
    let wav: Buffer;
    try {
      wav = await readFile(this.#file(key));
    } catch {
      // Deleted by hand (the README allows it) or evicted meanwhile: render it again.
      this.#forget(key);
      return null;
    }
    this.cacheHits += 1;
    void this.#touch(key);
    return { key, wav };
  }

  /** Renders (or joins the render already running for) this text and caches the WAV. */
  render(lang: SpeechLang, text: string): Promise<CachedSpeech> {
    const voice = SPEECH_VOICES[lang];
    const path = this.#path;
    if (!path || !this.#voices.has(voice))
      return Promise.reject(new SpeechUnavailable(`No ${lang} voice on the server.`));
    const key = this.keyOf(lang, text);
    const running = this.#inflight.get(key);
    if (running) return running;
    const job = this.#renderToFile(path, voice, text, key).finally(() =>
      this.#inflight.delete(key),
    );
    this.#inflight.set(key, job);
    return job;
  }

  async #renderToFile(
    path: string,
    voice: string,
    text: string,
    key: string,
  ): Promise<CachedSpeech> {
    const release = await this.#slots.acquire().catch(() => {
      throw new SpeechBusy('The server is busy reading other texts aloud.');
    });
    try {
      const started = performance.now();
      this.renders += 1;
      const wav = await renderWav(path, {
        voice,
        rate: this.rate,
        text,
        timeoutMs: this.#timeoutMs,
      });
      mkdirSync(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
      const file = this.#file(key);
      // Write aside and rename, so a crash mid-write never leaves a half file to be served.
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(tmp, wav, { mode: PRIVATE_FILE_MODE });
      await rename(tmp, file).catch(async (err: unknown) => {
        await unlink(tmp).catch(() => undefined);
        throw err;
      });
      this.#forget(key);
      this.#lru.set(key, { size: wav.length, renderedMs: Date.now() });
      this.#cacheBytes += wav.length;
      // Awaited: the file's times must be final before anyone is told it exists.
      await this.#touch(key);
      await this.#evict();
      this.logger.debug(
        { key, chars: text.length, bytes: wav.length, ms: Math.round(performance.now() - started) },
        'read-aloud rendered',
      );
      return { key, wav };
    } catch (err) {
      if (err instanceof RenderError) {
        this.logger.warn({ err: err.message, key }, 'read-aloud render failed');
        throw new SpeechUnavailable(err.message);
      }
      throw err;
    } finally {
      release();
    }
  }
}
