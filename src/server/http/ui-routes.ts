/**
 * The built front ends, each under its own path (`/kiosk/`, `/staff/`, `/family/`) from its own
 * folder of the UI dir (`dist/ui/kiosk`, …), through @fastify/static: files only from the UI's own
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

// Also the municipal admin's page (municipal/municipal-app.ts): the same rule for every page.
export const PAGE = 'index.html';
export const PAGE_CACHE = 'no-cache';
export const ASSET_CACHE = 'public, max-age=3600';

const RedirectQuery = z.record(z.string(), z.unknown());

/** Each front end is built into its own folder of the UI dir and served under its own path. */
export const FRONT_ENDS = ['kiosk', 'staff', 'family'] as const;

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
  app.get('/staff', (_req, reply) => reply.redirect('/staff/', 302));
  app.get('/family', { schema: { querystring: RedirectQuery } }, (req, reply) => {
    const q = req.url.indexOf('?');
    return reply.redirect(`/family/${q < 0 ? '' : req.url.slice(q)}`, 302);
  });

  const { uiDir } = opts;
  if (uiDir === null) return;

  for (const front of FRONT_ENDS) {
    const dir = join(uiDir, front);
    await app.register(
      async (scope) => {
        await scope.register(fastifyStatic, {
          root: dir,
          prefix: '/',
          index: PAGE,
          cacheControl: false,
          serveDotFiles: false,
          setHeaders: (reply, path) => {
            void reply.header('cache-control', path.endsWith(PAGE) ? PAGE_CACHE : ASSET_CACHE);
          },
        });
        scope.setNotFoundHandler((req, reply) => {
          if (req.method !== 'GET' && req.method !== 'HEAD')
            throw new HttpError(404, 'not_found', `Nothing at ${req.method} ${req.url}.`);
          if (!existsSync(join(dir, PAGE)))
            throw new HttpError(
              404,
              'not_found',
              `The ${front} UI is not built: run \`npm run build:ui\`.`,
            );
          return reply.header('cache-control', PAGE_CACHE).sendFile(PAGE);
        });
      },
      { prefix: `/${front}` },
    );
  }
};
