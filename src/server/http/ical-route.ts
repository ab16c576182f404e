/**
 * `GET /ical/:feedToken.ics`: a resident's private calendar feed (issue 10, server/feeds).
 *
 * The address is the secret: no cookie, no header (calendar apps send neither). A token of the
 * wrong shape, unknown, revoked, of a resident without calendar consent, or of a relative who no
 * longer has the resident is answered the same 404 with no detail, so the answer tells nothing
 * about which. The lookup is by the token's SHA-256 (feeds.ts). Rate-limited per address like the
 * other unauthenticated routes. The feed is made inside the mutation queue (`internal`), where it
 * reads one consistent store and records its SEQUENCE/DTSTAMP bookkeeping (feed-serve.ts).
 */
import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import { DEFAULT_CENTRE_ID, DEFAULT_TIME_ZONE } from '../centre.js';
import { buildFeed, type FeedContent } from '../feeds/feed-build.js';
import { renderFeed } from '../feeds/feed-ical.js';
import { FEED_TOKEN_PATTERN, liveFeedByToken } from '../feeds/feeds.js';
import type { Store } from '../store/store.js';
import type { Writer } from '../store/writer.js';
import { createLimit } from './limits.js';

export interface IcalRouteOptions {
  store: Store;
  /** A write through the mutation queue (MutationService.internal). */
  internal: (label: string, run: (w: Writer) => Promise<void>) => Promise<void>;
}

/** A calendar app fetches now and then; a person's address, a few times a minute at most. */
export const ICAL_LIMIT = { max: 60, windowMs: 60_000 };

const notFound = (reply: FastifyReply): FastifyReply =>
  reply
    .code(404)
    .header('cache-control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send('Not found');

export const icalRoute: FastifyPluginCallback<IcalRouteOptions> = (app, opts, done) => {
  const limit = createLimit(app, {
    name: 'ical',
    max: ICAL_LIMIT.max,
    windowMs: ICAL_LIMIT.windowMs,
    key: (req) => req.ip,
    message: 'Too many requests. Try again in a minute.',
  });

  app.get<{ Params: { file: string } }>('/:file', { onRequest: limit.hook }, async (req, reply) => {
    const file = req.params.file;
    // Checked before anything is looked up: only `<43 base64url characters>.ics`.
    if (file.length !== 47 || !file.endsWith('.ics')) return notFound(reply);
    const token = file.slice(0, -4);
    if (!FEED_TOKEN_PATTERN.test(token)) return notFound(reply);
    const feed = await liveFeedByToken(opts.store.db, token);
    if (!feed) return notFound(reply);
    let content: FeedContent | null = null;
    await opts.internal('feed.serve', async (w) => {
      content = await buildFeed(w, feed, {
        centreId: DEFAULT_CENTRE_ID,
        timeZone: DEFAULT_TIME_ZONE,
      });
    });
    if (content === null) return notFound(reply);
    // Written after the transaction: the write queue is not held while the text is made.
    const text = renderFeed(content);
    return reply
      .code(200)
      .header('cache-control', 'private, max-age=300')
      .header('x-robots-tag', 'noindex')
      .header('content-disposition', 'inline; filename="kalender.ics"')
      .type('text/calendar; charset=utf-8')
      .send(text);
  });
  done();
};
