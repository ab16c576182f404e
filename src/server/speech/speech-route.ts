/**
 * `GET /api/speech?lang=da&text=…`: the WAV of a text read aloud, for kiosks without a system
 * voice (they keep it in IndexedDB, so it plays offline later). Checks in this order, the first
 * failing answers: who asks (401/403), the query (400), the disk cache (200, no render, no rate
 * limit), the caller's render budget (429), the render itself (503 when there is no voice).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, principalKey } from '../auth/principal.js';
import { HttpError, bearer, sendJson } from '../http/io.js';
import { RateLimiter } from '../http/rate-limit.js';
import type { Store } from '../store/store.js';
import {
  SPEECH_VOICES,
  SpeechBusy,
  SpeechUnavailable,
  type CachedSpeech,
  type SpeechLang,
  type SpeechService,
} from './speech-service.js';

/** Longest text read aloud in one request (a news item is read paragraph by paragraph). */
export const SPEECH_MAX_CHARS = 600;

export interface SpeechRouteDeps {
  store: Store;
  now: () => Date;
  speech: SpeechService;
  /** New renders per caller per minute (cached answers are free). */
  rendersPerMinute?: number;
}

const NO_VOICE =
  'Read-aloud audio is not available on the centre server (eSpeak NG is missing or failed). Ask the IT contact to install Debian\u2019s espeak-ng package.';

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators; tab and newlines are
// allowed (a news text has paragraphs) and read as spaces.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;

/** The language and the text to read, normalised so equal texts share one cached file. */
export function parseSpeechQuery(url: URL): { lang: SpeechLang; text: string } {
  const lang = url.searchParams.get('lang');
  if (lang === null || !Object.hasOwn(SPEECH_VOICES, lang))
    throw new HttpError(400, 'invalid', 'lang must be "da" or "en".');
  const raw = url.searchParams.get('text');
  if (raw === null || raw.trim() === '')
    throw new HttpError(400, 'invalid', 'text is missing or empty.');
  if (CONTROL.test(raw)) throw new HttpError(400, 'invalid', 'text contains control characters.');
  const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if ([...text].length > SPEECH_MAX_CHARS)
    throw new HttpError(
      400,
      'invalid',
      `text is longer than ${SPEECH_MAX_CHARS} characters; send it in parts.`,
    );
  return { lang: lang as SpeechLang, text };
}

function serveWav(req: IncomingMessage, res: ServerResponse, wav: CachedSpeech): void {
  const headers = {
    'cache-control': 'private, max-age=31536000, immutable',
    etag: `"${wav.key}"`,
    'x-content-type-options': 'nosniff',
  };
  if (req.headers['if-none-match'] === headers.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': 'audio/wav',
    'content-length': wav.wav.length,
  });
  res.end(wav.wav);
}

export function createSpeechRoute(
  deps: SpeechRouteDeps,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const limiter = new RateLimiter(deps.rendersPerMinute ?? 60, 60_000);

  return async (req, res, url) => {
    const principal = await authenticate(deps.store.db, bearer(req) ?? '', deps.now());
    if (!principal)
      throw new HttpError(401, 'unauthorized', 'A kiosk token or a staff login is needed.');
    if (principal.role === 'relative')
      throw new HttpError(403, 'forbidden', 'Read-aloud audio is for kiosks and staff.');
    const { lang, text } = parseSpeechQuery(url);

    const cached = await deps.speech.cached(lang, text);
    if (cached) return serveWav(req, res, cached);

    if (!limiter.take(principalKey(principal))) {
      return sendJson(
        res,
        429,
        {
          error: 'rate_limited',
          message: 'Too many new texts to read aloud. Wait a minute and try again.',
        },
        { 'retry-after': '60' },
      );
    }
    try {
      return serveWav(req, res, await deps.speech.render(lang, text));
    } catch (err) {
      if (err instanceof SpeechUnavailable) throw new HttpError(503, 'no_voice', NO_VOICE);
      if (err instanceof SpeechBusy) {
        return sendJson(
          res,
          429,
          { error: 'busy', message: 'The server is busy reading other texts. Try again soon.' },
          { 'retry-after': '5' },
        );
      }
      throw err;
    }
  };
}
