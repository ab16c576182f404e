/**
 * Read-aloud audio for kiosks without a Danish system voice: eSpeak NG renders a text once, the
 * WAV is kept on disk under the data directory, and every later request for the same text is a
 * file read. Renders are few and bounded: at most `maxConcurrent` programs run at once (the rest
 * wait in line, up to `maxQueued`), and identical requests arriving together share one render.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
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
}

export class SpeechUnavailable extends Error {}
export class SpeechBusy extends Error {}

export interface CachedSpeech {
  file: string;
  /** The cache key (hex SHA-256 of voice, rate and text): the ETag. */
  key: string;
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
  }

  /** Finds and asks the program once at start-up, and logs one line saying what kiosks get. */
  async init(): Promise<void> {
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

  /** The cached WAV for this text, if it was rendered before. */
  cached(lang: SpeechLang, text: string): CachedSpeech | null {
    const key = this.keyOf(lang, text);
    const file = join(this.dir, `${key}.wav`);
    if (!existsSync(file)) return null;
    this.cacheHits += 1;
    return { file, key };
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
      const file = join(this.dir, `${key}.wav`);
      // Write aside and rename, so a crash mid-write never leaves a half file to be served.
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(tmp, wav, { mode: PRIVATE_FILE_MODE });
      await rename(tmp, file).catch(async (err: unknown) => {
        await unlink(tmp).catch(() => undefined);
        throw err;
      });
      this.logger.debug(
        { key, chars: text.length, bytes: wav.length, ms: Math.round(performance.now() - started) },
        'read-aloud rendered',
      );
      return { file, key };
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
