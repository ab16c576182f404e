/**
 * The HTTP layer beside the socket, on fastify: one plugin per area (auth, devices, media,
 * speech, ui, ops), each under its prefix, behind the same guards:
 * - security headers on every answer (helmet: CSP, nosniff, Referrer-Policy; Permissions-Policy);
 * - the same-origin rule for cookie-authenticated state changes (CSRF, `credentials.ts`);
 * - one error handler and one JSON error shape (`errors.ts`);
 * - zod schemas on every input, through fastify-type-provider-zod.
 *
 * Engine.IO (socket.io) is attached to `app.server` by the caller and answers `/socket.io/`
 * itself: it wraps fastify's request listener, so those requests never reach this router.
 */
import type { Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerFactory,
} from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../logger.js';
import { speechRoutes, type SpeechRouteDeps } from '../speech/speech-route.js';
import type { Store } from '../store/store.js';
import type { VisibilityFacts } from '../sync/visibility.js';
import { authRoutes, DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth-routes.js';
import { hasCredentialCookie, isSameOrigin } from './credentials.js';
import { deviceRoutes } from './device-routes.js';
import { peopleRoutes } from './people-routes.js';
import { icalRoute } from './ical-route.js';
import { operationsRoutes, type OperationsDeps } from './operations-routes.js';
import { mirrorKiosk } from '../sync/mirrors.js';
import { frameworkErrors, HttpError, installErrorHandling, MAX_BODY_BYTES } from './errors.js';
import { storeOver, WindowCounters } from './limits.js';
import { mediaRoutes } from './media-routes.js';
import { opsRoutes, type OpsDeps } from './ops-routes.js';
import { HSTS_HEADER, isSecureRequest, type TlsMaterial } from './transport-security.js';
import { uiRoutes } from './ui-routes.js';
import { uploadRoute } from './upload-route.js';

/** Which proxies may say who the client is (X-Forwarded-For): fastify's `trustProxy`. */
export type TrustProxy = boolean | string | string[];

export interface HttpDeps extends OpsDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  dataDir: string;
  /** Built kiosk UI (`dist/ui`), if present. */
  uiDir: string | null;
  onLogout: (sessionToken: string) => void;
  speech: Omit<SpeechRouteDeps, 'store' | 'now'>;
  /** What decides visibility now (for `/media`, which follows the same rule as pull and push). */
  facts: () => VisibilityFacts;
  trustProxy?: TrustProxy;
  loginLimits?: LoginLimits;
  /** Serve HTTPS with this certificate and key (transport-security.ts); default plain HTTP. */
  tls?: TlsMaterial;
  /** The staff admin's operations (audit, evaluation, own password, kiosk mirrors). */
  operations?: OperationsDeps;
}

export type HttpApp = FastifyInstance;

/**
 * The document policy: nothing from outside, no inline script, and connections (fetch, the
 * socket) only to this server. `'self'` covers same-origin ws:/wss: (CSP Level 3, Chromium).
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Powerful features the pages never use, off for them and anything they might embed. */
export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=(), display-capture=(), fullscreen=(self)';

/** Staff uploads (photos and videos, next issue): one file per request, at most this big. */
export const UPLOAD_LIMITS = {
  fileSize: 200 * 1024 * 1024,
  files: 1,
  fields: 10,
  fieldSize: 1024,
  parts: 12,
  headerPairs: 100,
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What every fastify app of ours starts with (this one, and the municipal admin's): our logger
 * without a line per request, the body limit, the proxies believed, zod schemas, one error
 * handler and shape, the security headers, and cookies.
 */
export function baseFastify(opts: {
  logger: Logger;
  trustProxy?: TrustProxy | undefined;
  serverFactory?: FastifyServerFactory<HttpServer> | undefined;
}): FastifyInstance {
  // Seen as fastify's logger interface (pino is one), so the app keeps fastify's default types.
  const logger: FastifyBaseLogger = opts.logger;
  const app = Fastify({
    loggerInstance: logger,
    // No line per request (as before); errors and client mistakes are logged by errors.ts.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: opts.trustProxy ?? false,
    frameworkErrors,
    ...(opts.serverFactory ? { serverFactory: opts.serverFactory } : {}),
  });
  // Each area plugin is a FastifyPluginAsyncZod: its schemas are zod, its handlers typed by them.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  void app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Sent by the hook below, only on answers that go out over HTTPS (transport-security.ts).
    hsts: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  void app.register(fastifyCookie);
  return app;
}

export function createHttpApp(deps: HttpDeps): HttpApp {
  // HTTPS through node:https as fastify's server (an https.Server is an http.Server to its
  // users), so socket.io attaches to it exactly as to plain HTTP.
  const tls = deps.tls;
  const serverFactory: FastifyServerFactory<HttpServer> | undefined = tls
    ? (handler) => createHttpsServer({ cert: tls.cert, key: tls.key }, handler)
    : undefined;
  const app = baseFastify({ logger: deps.logger, trustProxy: deps.trustProxy, serverFactory });
  // In the store, so every server node counts the same attempts (limits.ts).
  const counters = new WindowCounters(deps.store.db);
  void app.register(fastifyRateLimit, { global: false, store: storeOver(counters) });
  void app.register(fastifyMultipart, { limits: UPLOAD_LIMITS });

  // After the cookie plugin, so its hook has parsed the cookies when this one runs.
  void app.register(
    fastifyPlugin((root: FastifyInstance, _opts, done) => {
      root.decorateRequest('principal', null);
      root.addHook('onRequest', (req, reply, next) => {
        void reply.header('permissions-policy', PERMISSIONS_POLICY);
        // HTTPS from here on (never over plain HTTP: a browser would ignore it, and a proxy
        // that is not trusted must not make this server promise HTTPS for its name).
        if (isSecureRequest(req)) void reply.header('strict-transport-security', HSTS_HEADER);
        // A browser sends cookies with a request whichever site made it: a state change that a
        // cookie authenticates must come from this server's own pages. A bearer header is set
        // by a page's own code (kiosks), so it needs no such check.
        const csrf =
          !SAFE_METHODS.has(req.method) &&
          !req.headers.authorization?.startsWith('Bearer ') &&
          hasCredentialCookie(req) &&
          !isSameOrigin(req.headers);
        if (!csrf) return next();
        next(
          new HttpError(
            403,
            'forbidden',
            'A request signed in by cookie must come from this server’s own pages (Origin).',
          ),
        );
      });
      done();
    }),
  );

  void app.register(opsRoutes, { deps });
  void app.register(authRoutes, {
    prefix: '/api',
    store: deps.store,
    now: deps.now,
    counters,
    limits: deps.loginLimits ?? DEFAULT_LOGIN_LIMITS,
    onLogout: deps.onLogout,
  });
  const operations = deps.operations;
  void app.register(deviceRoutes, {
    prefix: '/api/devices',
    store: deps.store,
    now: deps.now,
    logger: deps.logger,
    dataDir: deps.dataDir,
    ...(operations
      ? {
          mirrorKiosk: (id: string) =>
            operations.internal('kiosk.created', (w) => mirrorKiosk(w, id).then(() => undefined)),
        }
      : {}),
  });
  if (operations)
    void app.register(peopleRoutes, {
      prefix: '/api',
      store: deps.store,
      now: deps.now,
      internal: operations.internal,
    });
  // Residents' private calendar feeds (issue 10): the address is the secret, no session.
  if (operations)
    void app.register(icalRoute, {
      prefix: '/ical',
      store: deps.store,
      internal: operations.internal,
    });
  if (operations)
    void app.register(operationsRoutes, {
      prefix: '/api',
      store: deps.store,
      now: deps.now,
      ...operations,
    });
  void app.register(speechRoutes, {
    prefix: '/api/speech',
    store: deps.store,
    now: deps.now,
    ...deps.speech,
  });
  void app.register(uploadRoute, {
    prefix: '/api/media',
    store: deps.store,
    now: deps.now,
    dataDir: deps.dataDir,
  });
  void app.register(mediaRoutes, {
    prefix: '/media',
    store: deps.store,
    now: deps.now,
    facts: deps.facts,
    dataDir: deps.dataDir,
  });
  const uiDir =
    deps.uiDir === null ? null : isAbsolute(deps.uiDir) ? deps.uiDir : resolve(deps.uiDir);
  void app.register(uiRoutes, { uiDir });
  return app;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `serve --trust-proxy` as a `trustProxy` setting: a comma-separated list of the proxies'
 * addresses or CIDR ranges, or `loopback` (a proxy on this machine, e.g. Caddy). Trusting any
 * address is not offered: then every client could name its own address in X-Forwarded-For.
 */
export function parseTrustProxy(value: string): string[] {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new RangeError('--trust-proxy needs an address, e.g. loopback.');
  for (const e of entries) {
    const [ip = '', bits, ...rest] = e.split('/');
    const prefixOk =
      bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 6 ? 128 : 32));
    if (!PROXY_NAMES.has(e) && !(isIP(ip) !== 0 && prefixOk && rest.length === 0))
      throw new RangeError(`--trust-proxy takes addresses, CIDR ranges or loopback, not "${e}".`);
  }
  return entries;
}
