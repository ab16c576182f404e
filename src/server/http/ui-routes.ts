/**
 * The built kiosk UI under `/kiosk/`, through @fastify/static: files only from the UI's own
 * folder (its root check is a whole path segment, so `ui-private` beside `ui` is not inside it,
 * which the old prefix check got wrong), the page revalidated on every load, the assets cached an
 * hour. A path under `/kiosk/` that is no file gets the page: the app's own router decides.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from './errors.js';

const PAGE = 'index.html';
const PAGE_CACHE = 'no-cache';
const ASSET_CACHE = 'public, max-age=3600';

const RedirectQuery = z.record(z.string(), z.unknown());

export const uiRoutes: FastifyPluginAsyncZod<{ uiDir: string | null }> = async (app, opts) => {
  // The enrolment address (`/?code=…`) keeps its query on the way to the page.
  const toKiosk = (url: string): string => {
    const q = url.indexOf('?');
    return `/kiosk/${q < 0 ? '' : url.slice(q)}`;
  };
  app.get('/', { schema: { querystring: RedirectQuery } }, (req, reply) =>
    reply.redirect(toKiosk(req.url), 302),
  );
  app.get('/kiosk', { schema: { querystring: RedirectQuery } }, (req, reply) =>
    reply.redirect(toKiosk(req.url), 302),
  );

  const { uiDir } = opts;
  if (uiDir === null) return;

  await app.register(
    async (kiosk) => {
      await kiosk.register(fastifyStatic, {
        root: uiDir,
        prefix: '/',
        index: PAGE,
        cacheControl: false,
        serveDotFiles: false,
        setHeaders: (reply, path) => {
          void reply.header('cache-control', path.endsWith(PAGE) ? PAGE_CACHE : ASSET_CACHE);
        },
      });
      kiosk.setNotFoundHandler((req, reply) => {
        if (req.method !== 'GET' && req.method !== 'HEAD')
          throw new HttpError(404, 'not_found', `Nothing at ${req.method} ${req.url}.`);
        if (!existsSync(join(uiDir, PAGE)))
          throw new HttpError(
            404,
            'not_found',
            'The kiosk UI is not built: run `npm run build:ui`.',
          );
        return reply.header('cache-control', PAGE_CACHE).sendFile(PAGE);
      });
    },
    { prefix: '/kiosk' },
  );
};
