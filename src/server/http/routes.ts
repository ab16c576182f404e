/**
 * The small REST layer beside the socket: login/logout, kiosk enrolment, health, metrics, media,
 * read-aloud audio and the static kiosk page.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { pipeline } from 'node:stream';
import { z } from 'zod';
import { AccountError, createEnrolCode, enrol, logout } from '../auth/accounts.js';
import { authenticate, isStaff } from '../auth/principal.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { VisibilityFacts } from '../sync/visibility.js';
import {
  ClientAborted,
  HttpError,
  KIOSK_CSP,
  canAnswer,
  SESSION_COOKIE,
  bearer,
  clientIp,
  deviceCookie,
  readJson,
  sendError,
  sendJson,
} from './io.js';
import { createLoginRoute } from './login-route.js';
import { serveMedia } from './media-route.js';
import { RateLimiter } from './rate-limit.js';

export interface HttpDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  dataDir: string;
  /** Built kiosk UI (`dist/ui`), if present. */
  uiDir: string | null;
  metrics: () => Record<string, number>;
  onLogout: (sessionToken: string) => void;
  /** `GET /api/speech` (see `speech/speech-route.ts`). */
  speech: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  /**
   * Engine.IO's path prefix (`/socket.io/`). Engine.IO answers every request under it itself, so
   * this router must not answer it a second time.
   */
  enginePath?: string;
  /** What decides visibility now (for `/media`, which follows the same rule as pull and push). */
  facts: () => VisibilityFacts;
}

const EnrolBody = z.object({ code: z.string().min(1).max(40) });
const DeviceBody = z.object({
  name: z.string().min(1).max(100),
  location: z.string().max(200).optional(),
});

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    throw new HttpError(
      400,
      'invalid',
      r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return r.data;
}

/** `decodeURIComponent` that answers 400 for a malformed escape instead of throwing a 500. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new HttpError(400, 'invalid', 'The address holds a malformed %-escape.');
  }
}

function serveFile(res: ServerResponse, file: string, cache: string): void {
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': cache,
    'content-security-policy': KIOSK_CSP,
    'x-content-type-options': 'nosniff',
  });
  // pipeline: a read error (file gone) or a client gone ends the response, never the process.
  pipeline(createReadStream(file), res, () => undefined);
}

export function createHttpHandler(
  deps: HttpDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const loginRoute = createLoginRoute(deps.store, deps.now);
  const enrolLimiter = new RateLimiter(20, 60_000);
  const { store, logger } = deps;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new HttpError(400, 'invalid', 'The request address is not a valid URL.');
    }
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (method === 'GET' && path === '/healthz')
      return sendJson(res, 200, { status: 'ok', ...deps.metrics() });
    if (method === 'GET' && path === '/metrics') {
      const lines = Object.entries(deps.metrics()).map(([k, v]) => `citizen_guide_${k} ${v}`);
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(lines.join('\n') + '\n');
      return;
    }

    if (method === 'POST' && path === '/api/login') return loginRoute(req, res);

    if (method === 'POST' && path === '/api/logout') {
      const token = bearer(req);
      if (token) {
        await logout(store.db, token);
        deps.onLogout(token);
      }
      return sendJson(
        res,
        200,
        { status: 'logged_out' },
        { 'set-cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` },
      );
    }

    if (method === 'POST' && path === '/api/devices/enrol') {
      if (!enrolLimiter.take(clientIp(req))) {
        throw new HttpError(
          429,
          'rate_limited',
          'Too many enrolment attempts. Wait a minute and try again.',
        );
      }
      const body = parse(EnrolBody, await readJson(req));
      try {
        const result = await enrol(store.db, body.code, deps.now());
        logger.info({ deviceId: result.deviceId, name: result.name }, 'kiosk enrolled');
        return sendJson(res, 200, result, { 'set-cookie': deviceCookie(result.token) });
      } catch (err) {
        if (err instanceof AccountError) throw new HttpError(err.status, err.code, err.message);
        throw err;
      }
    }

    if (method === 'POST' && path === '/api/devices') {
      const principal = await authenticate(store.db, bearer(req) ?? '', deps.now());
      if (!principal) throw new HttpError(401, 'unauthorized', 'Log in first.');
      if (!isStaff(principal)) throw new HttpError(403, 'forbidden', 'Only staff can add kiosks.');
      const body = parse(DeviceBody, await readJson(req));
      const created = await createEnrolCode(
        store.db,
        body.name,
        body.location ?? '',
        deps.now(),
      ).catch((err: unknown) => {
        throw err instanceof AccountError ? new HttpError(err.status, err.code, err.message) : err;
      });
      logger.info({ deviceId: created.deviceId, by: principal.id }, 'enrolment code created');
      return sendJson(res, 201, created);
    }

    // The kiosk page calls this at every start: its device token as an HttpOnly cookie, so its
    // <img src="/media/…"> are authorised (the page itself cannot set an HttpOnly cookie).
    if (method === 'POST' && path === '/api/devices/cookie') {
      const token = bearer(req) ?? '';
      const principal = await authenticate(store.db, token, deps.now());
      if (!principal) throw new HttpError(401, 'unauthorized', 'A kiosk token is needed.');
      if (principal.kind !== 'device')
        throw new HttpError(403, 'forbidden', 'Only a kiosk gets a device cookie.');
      return sendJson(res, 200, { status: 'ok' }, { 'set-cookie': deviceCookie(token) });
    }

    if (method === 'GET' && path === '/api/speech') return deps.speech(req, res, url);

    if ((method === 'GET' || method === 'HEAD') && path.startsWith('/media/'))
      return serveMedia(req, res, deps.dataDir, path.slice('/media/'.length), {
        store,
        now: deps.now,
        facts: deps.facts,
      });

    if (method === 'GET' && (path === '/' || path === '/kiosk')) {
      res.writeHead(302, { location: `/kiosk/${url.search}${url.hash}` });
      res.end();
      return;
    }

    if (method === 'GET' && path.startsWith('/kiosk/') && deps.uiDir) {
      const root = resolve(deps.uiDir);
      const wanted = normalize(join(root, decodePath(path.slice('/kiosk/'.length))));
      const file =
        wanted.startsWith(root) && existsSync(wanted) && statSync(wanted).isFile()
          ? wanted
          : join(root, 'index.html');
      if (!existsSync(file))
        throw new HttpError(404, 'not_found', 'The kiosk UI is not built: run `npm run build:ui`.');
      return serveFile(
        res,
        file,
        file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
      );
    }

    throw new HttpError(404, 'not_found', `Nothing at ${method} ${path}.`);
  }

  const enginePath = deps.enginePath ?? '/socket.io/';

  /** The one place a failed request ends: whatever went wrong, it never escapes to the process. */
  function failed(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    try {
      if (err instanceof ClientAborted) {
        logger.debug({ url: req.url, method: req.method }, 'client aborted its request');
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        if (canAnswer(res)) sendError(res, err);
        return;
      }
      logger.error({ err, url: req.url }, 'http request failed');
      if (canAnswer(res))
        sendError(res, new HttpError(500, 'internal', 'The server failed; the error is logged.'));
      // Half an answer cannot be mended: close it so the client is not left waiting.
      else if (!res.writableEnded) res.destroy();
    } catch (again) {
      logger.error({ err: again, url: req.url }, 'http error answer failed');
      res.destroy();
    }
  }

  return (req, res) => {
    // Engine.IO (socket.io's transport, long-polling included) owns its path: it answers there.
    if ((req.url ?? '').startsWith(enginePath)) return;
    // A response that fails after its answer started (a client gone) is no process error.
    res.on('error', () => undefined);
    try {
      route(req, res).catch((err: unknown) => failed(req, res, err));
    } catch (err) {
      failed(req, res, err);
    }
  };
}
