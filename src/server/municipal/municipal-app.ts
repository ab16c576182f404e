/**
 * The municipal admin's HTTP API, on the deployment's base domain (hosts.ts): sign in, list the
 * centres, create a centre with its first admin. A municipal admin never sees a centre's
 * residents, staff or content: nothing here reads a centre's schema beyond creating it.
 * Municipal admins are made from the command line (`municipal-admin`, README.md).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateCentreBody, MunicipalLogin } from '../../protocol/municipal.js';
import { assertNewCredentials } from '../auth/accounts.js';
import { DUMMY_HASH, hashPassword, hashToken, newToken, verifyPassword } from '../auth/tokens.js';
import { baseFastify, PERMISSIONS_POLICY } from '../http/app.js';
import { cookieOptions, isSameOrigin } from '../http/credentials.js';
import { HttpError } from '../http/errors.js';
import { createLimit, storeOver, WindowCounters, type Limit } from '../http/limits.js';
import { ASSET_CACHE, PAGE, PAGE_CACHE } from '../http/ui-routes.js';
import { isSecureRequest } from '../http/transport-security.js';
import type { Logger } from '../logger.js';
import type { SharedPostgres } from '../store/postgres.js';
import { CentreError, createCentre } from './centres.js';
import { limitsDb, listCentres, type DirectoryDb } from './directory.js';

export const MUNICIPAL_SESSION_TTL_MS = 12 * 3_600_000;
/** Sign-in attempts a minute per address, counted over every node. */
export const MUNICIPAL_LOGIN_LIMIT = 10;
const COOKIE = { http: 'cg_municipal', https: '__Host-cg_municipal' } as const;
const cookieName = (req: FastifyRequest): string => COOKIE[isSecureRequest(req) ? 'https' : 'http'];

export interface MunicipalAppDeps {
  shared: SharedPostgres;
  logger: Logger;
  now: () => Date;
  /** A centre's address, as its staff, kiosks and relatives open it. */
  urlOf: (slug: string) => string;
  trustProxy?: boolean | string | string[];
  /** /metrics and /healthz of this node (the front decides who may read /metrics). */
  ops: (app: FastifyInstance) => void;
  /**
   * The built front ends (`dist/ui`, as the centres' servers have them): the admin's page is
   * its `municipal/` folder, served at `/` when it has been built (`npm run build:ui`).
   */
  uiDir?: string | null;
}

/**
 * The municipal admin's page and its assets at `/`, as the centre's front ends are served
 * (http/ui-routes.ts: the page revalidated on every load, the assets cached an hour, files only
 * from the page's own folder), under the same CSP as every answer of this app (baseFastify).
 * Its routes are the wildcard's, so the API's, /metrics' and /healthz's own routes come first;
 * a path that is no file is 404 as before.
 */
function adminPage(app: FastifyInstance, uiDir: string | null | undefined): void {
  if (!uiDir) return;
  const dir = join(isAbsolute(uiDir) ? uiDir : resolve(uiDir), 'municipal');
  if (!existsSync(join(dir, PAGE))) return;
  void app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    index: PAGE,
    cacheControl: false,
    serveDotFiles: false,
    setHeaders: (reply, path) => {
      void reply.header('cache-control', path.endsWith(PAGE) ? PAGE_CACHE : ASSET_CACHE);
      void reply.header('permissions-policy', PERMISSIONS_POLICY);
    },
  });
}

// The bodies' schemas are the protocol's, which the admin's page validates its forms with.
const Login = MunicipalLogin;
const CreateCentre = CreateCentreBody;

/** A municipal admin's username for a username and password, or null (timing kept even). */
export async function checkMunicipalLogin(
  db: DirectoryDb,
  username: string,
  password: string,
): Promise<string | null> {
  const user = await db
    .selectFrom('municipal_user')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  return user && ok ? user.username : null;
}

export async function createMunicipalAdmin(
  db: DirectoryDb,
  username: string,
  password: string,
  now = new Date(),
): Promise<void> {
  assertNewCredentials(username, password);
  const inserted = await db
    .insertInto('municipal_user')
    .values({
      username,
      password_hash: await hashPassword(password),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('username')
    .executeTakeFirst();
  if (!inserted) throw new CentreError('exists', `The username "${username}" is taken.`);
}

export function createMunicipalApp(deps: MunicipalAppDeps): FastifyInstance {
  const db = deps.shared.directory as DirectoryDb;
  const app = baseFastify({ logger: deps.logger, trustProxy: deps.trustProxy });
  // Counted in the directory, so every node counts the same attempts (as a centre's limits).
  void app.register(fastifyRateLimit, {
    global: false,
    store: storeOver(new WindowCounters(limitsDb(db), () => deps.now().getTime())),
  });
  deps.ops(app);
  adminPage(app, deps.uiDir);

  // A cookie sent by the browser on its own counts only from the admin's own pages.
  app.addHook('onRequest', (req, _reply, done) => {
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      req.cookies[cookieName(req)] !== undefined &&
      !isSameOrigin(req.headers)
    )
      return done(
        new HttpError(403, 'cross_origin', 'This request must come from the admin page itself.'),
      );
    return done();
  });

  const signedIn = async (req: FastifyRequest): Promise<string> => {
    const token = req.cookies[cookieName(req)];
    const row = token
      ? await db
          .selectFrom('municipal_session')
          .select(['username', 'expires_at'])
          .where('token_hash', '=', hashToken(token))
          .executeTakeFirst()
      : undefined;
    if (!row || Date.parse(row.expires_at) <= deps.now().getTime())
      throw new HttpError(401, 'unauthorized', 'Sign in as a municipal admin first.');
    return row.username;
  };

  // Made at the first attempt: these routes are declared before the rate-limit plugin has
  // loaded, so a route's own `config.rateLimit` was never seen (every attempt went through).
  let limit: Limit | null = null;
  const loginLimit = (): Limit =>
    (limit ??= createLimit(app, {
      name: 'municipal-login',
      max: MUNICIPAL_LOGIN_LIMIT,
      windowMs: 60_000,
      key: (req) => req.ip,
      message: 'Too many sign-in attempts from this address. Try again in a minute.',
    }));

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/municipal/login',
    { schema: { body: Login }, onRequest: (req) => loginLimit().take(req) },
    async (req, reply) => {
      const username = await checkMunicipalLogin(db, req.body.username, req.body.password);
      if (!username) throw new HttpError(401, 'bad_credentials', 'Wrong username or password.');
      const token = newToken();
      const now = deps.now();
      await db
        .insertInto('municipal_session')
        .values({
          token_hash: hashToken(token),
          username,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + MUNICIPAL_SESSION_TTL_MS).toISOString(),
        })
        .execute();
      const secure = isSecureRequest(req);
      void reply.setCookie(
        cookieName(req),
        token,
        cookieOptions(secure, MUNICIPAL_SESSION_TTL_MS / 1000),
      );
      return { username };
    },
  );
  api.post('/api/municipal/logout', async (req, reply) => {
    const token = req.cookies[cookieName(req)];
    if (token)
      await db.deleteFrom('municipal_session').where('token_hash', '=', hashToken(token)).execute();
    void reply.clearCookie(cookieName(req), cookieOptions(isSecureRequest(req)));
    return { ok: true };
  });
  api.get('/api/municipal/session', async (req) => ({ username: await signedIn(req) }));
  api.get('/api/municipal/centres', async (req) => {
    await signedIn(req);
    return {
      centres: (await listCentres(db)).map((c) => ({
        slug: c.slug,
        name: c.name,
        url: deps.urlOf(c.slug),
        createdAt: c.createdAt,
      })),
    };
  });
  api.post('/api/municipal/centres', { schema: { body: CreateCentre } }, async (req, reply) => {
    const by = await signedIn(req);
    const { admin, ...centre } = req.body;
    try {
      const made = await createCentre(deps.shared, centre, admin, deps.now());
      deps.logger.info({ centre: made.slug, by }, 'centre created');
      void reply.code(201);
      return { slug: made.slug, name: made.name, url: deps.urlOf(made.slug) };
    } catch (err) {
      if (err instanceof CentreError)
        throw new HttpError(err.code === 'exists' ? 409 : 400, err.code, err.message);
      throw err;
    }
  });
  return app;
}
