/**
 * `GET /api/speech?lang=da&text=…`: the WAV of a text read aloud, for kiosks without a system
 * voice (they keep it in IndexedDB, so it plays offline later). Checks in this order, the first
 * failing answers: who asks (401/403), the query (400), the disk cache (200, no render, no rate
 * limit), the caller's render budget (429), the render itself (503 when there is no voice).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalKey } from '../auth/principal.js';
import { requirePrincipal } from '../http/credentials.js';
import { HttpError } from '../http/errors.js';
import { createLimit } from '../http/limits.js';
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

const MISSING = 'text is missing or empty.';
const LANG = 'lang must be "da" or "en".';

/**
 * The query: the language and the text to read, normalised (NFC, white space runs to one space)
 * so equal texts share one cached file. Its messages are what a 400 says.
 */
export const SpeechQuery = z.object({
  lang: z
    .string({ error: LANG })
    .refine((l) => Object.hasOwn(SPEECH_VOICES, l), LANG)
    .transform((l) => l as SpeechLang),
  text: z
    .string({ error: MISSING })
    .refine((t) => !CONTROL.test(t), 'text contains control characters.')
    .transform((t) => t.normalize('NFC').replace(/\s+/g, ' ').trim())
    .refine((t) => t !== '', MISSING)
    .refine(
      (t) => [...t].length <= SPEECH_MAX_CHARS,
      `text is longer than ${SPEECH_MAX_CHARS} characters; send it in parts.`,
    ),
});

function serveWav(req: FastifyRequest, reply: FastifyReply, wav: CachedSpeech): FastifyReply {
  const etag = `"${wav.key}"`;
  void reply.headers({ 'cache-control': 'private, max-age=31536000, immutable', etag });
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type('audio/wav').send(wav.wav);
}

export const speechRoutes: FastifyPluginCallbackZod<SpeechRouteDeps> = (app, deps, done) => {
  const renders = createLimit(app, {
    name: 'speech-renders',
    max: deps.rendersPerMinute ?? 60,
    windowMs: 60_000,
    key: (req) => (req.principal ? principalKey(req.principal) : req.ip),
    message: 'Too many new texts to read aloud. Wait a minute and try again.',
    retryAfterS: 60,
  });

  app.get(
    '/',
    {
      schema: { querystring: SpeechQuery },
      // Who asks comes before the query (README section 2's order).
      onRequest: async (req) => {
        const principal = await requirePrincipal(
          deps.store.db,
          req,
          deps.now(),
          'A kiosk token or a staff login is needed.',
        );
        if (principal.role === 'relative')
          throw new HttpError(403, 'forbidden', 'Read-aloud audio is for kiosks and staff.');
        req.principal = principal;
      },
    },
    async (req, reply) => {
      const { lang, text } = req.query;
      const cached = await deps.speech.cached(lang, text);
      if (cached) return serveWav(req, reply, cached);
      // Only new renders count toward the caller's budget.
      await renders.take(req);
      try {
        return serveWav(req, reply, await deps.speech.render(lang, text));
      } catch (err) {
        if (err instanceof SpeechUnavailable) throw new HttpError(503, 'no_voice', NO_VOICE);
        if (err instanceof SpeechBusy)
          throw new HttpError(
            429,
            'busy',
            'The server is busy reading other texts. Try again soon.',
            { 'retry-after': '5' },
          );
        throw err;
      }
    },
  );
  done();
};
