/**
 * Who a request is from: `Authorization: Bearer TOKEN`, else the person's session cookie, else
 * the kiosk's device cookie (what a browser sends with a plain `<img src="/media/…">`).
 * And the same-origin rule that makes a cookie safe to accept (src/protocol/README.md, section 2):
 * a browser sends cookies to this server whichever site made the request, so a state-changing
 * request or a socket authenticated by a cookie must come from the server's own pages.
 *
 * The cookies' names and attributes are defined here only: over plain HTTP `cg_session` and
 * `cg_device`; over HTTPS (transport-security.ts) `__Host-cg_session` and `__Host-cg_device`,
 * `Secure`. A browser takes a `__Host-` cookie only from an https page, with `Secure`,
 * `Path=/` and no `Domain`, so no other host, subdomain or plain-HTTP page on the network can
 * set or shadow it; and over HTTPS only those names are read, for the same reason.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { HandshakeAuth } from '../../protocol/index.js';
import { authenticate, type Principal } from '../auth/principal.js';
import type { Database } from '../store/schema.js';
import { HttpError } from './errors.js';
import { isSecureRequest } from './transport-security.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a route's auth hook, for its handler. */
    principal: Principal | null;
  }
}

export type CookieKind = 'session' | 'device';

/** The cookies' names over plain HTTP and over HTTPS. */
export const COOKIE_NAMES = {
  http: { session: 'cg_session', device: 'cg_device' },
  https: { session: '__Host-cg_session', device: '__Host-cg_device' },
} as const satisfies Record<'http' | 'https', Record<CookieKind, string>>;

/** Chromium keeps no cookie longer than 400 days; the kiosk renews it at every start. */
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 86400;
export const SESSION_COOKIE_MAX_AGE_S = 30 * 86400;
const MAX_AGE_S: Record<CookieKind, number> = {
  session: SESSION_COOKIE_MAX_AGE_S,
  device: DEVICE_COOKIE_MAX_AGE_S,
};

/** The name of a cookie on a connection that is (or is not) HTTPS. */
export const cookieName = (kind: CookieKind, secure: boolean): string =>
  COOKIE_NAMES[secure ? 'https' : 'http'][kind];

/** Set-Cookie attributes; `__Host-` needs exactly these: Secure, Path=/, no Domain. */
export const cookieOptions = (secure: boolean, maxAge?: number): CookieSerializeOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  path: '/',
  secure,
  ...(maxAge === undefined ? {} : { maxAge }),
});

/** `reply.setCookie(...)`'s arguments for this request's connection: name, value, attributes. */
export function cookieFor(
  req: FastifyRequest,
  kind: CookieKind,
  value: string,
): [string, string, CookieSerializeOptions] {
  const secure = isSecureRequest(req);
  return [cookieName(kind, secure), value, cookieOptions(secure, MAX_AGE_S[kind])];
}

/** `reply.clearCookie(...)`'s arguments: the same name and attributes the cookie was set with. */
export function clearCookieFor(
  req: FastifyRequest,
  kind: CookieKind,
): [string, CookieSerializeOptions] {
  const secure = isSecureRequest(req);
  return [cookieName(kind, secure), cookieOptions(secure)];
}

/** A credential cookie of the request, under the name its connection uses. */
const cookieOf = (req: FastifyRequest, kind: CookieKind): string | undefined =>
  req.cookies[cookieName(kind, isSecureRequest(req))];

export interface Credential {
  token: string;
  /** A cookie is sent by the browser on its own; a bearer header only by the page's code. */
  via: 'bearer' | 'cookie';
}

function bearerHeader(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** The request's token and how it came (the cookies as parsed by @fastify/cookie). */
export function credentialOf(req: FastifyRequest): Credential | null {
  const token = bearerHeader(req.headers);
  if (token !== undefined) return { token, via: 'bearer' };
  const cookie = cookieOf(req, 'session') || cookieOf(req, 'device');
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/** The principal behind the request, or 401 with `message`. */
export async function requirePrincipal(
  db: Kysely<Database>,
  req: FastifyRequest,
  now: Date,
  message: string,
): Promise<Principal> {
  const principal = await authenticate(db, credentialOf(req)?.token ?? '', now);
  if (!principal) throw new HttpError(401, 'unauthorized', message);
  return principal;
}

/**
 * Whether a browser made this request from the server's own pages: its `Origin` names the host
 * (name and port) the request was sent to, or, without an `Origin`, `Sec-Fetch-Site` says
 * `same-origin` (Chromium sends no `Origin` on a same-origin GET, e.g. Engine.IO's polling).
 * Both headers are set by the browser and cannot be set by a page's script. The host is the
 * `Host` header, so a reverse proxy must pass it through (Caddy does by default).
 */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin !== undefined) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false; // `null` (a sandboxed frame, a file) or garbage
    }
    return host !== '' && host === headers.host?.toLowerCase();
  }
  return headers['sec-fetch-site'] === 'same-origin';
}

/** Does a cookie that authenticates come with the request (a browser sends them by itself)? */
export function hasCredentialCookie(req: FastifyRequest): boolean {
  return Boolean(cookieOf(req, 'session') || cookieOf(req, 'device'));
}

/** The bearer header, if any, of a raw request (the socket handshake's). */
export const bearerOf = (req: IncomingMessage): string | undefined => bearerHeader(req.headers);

/**
 * The session cookie of a socket handshake (Engine.IO's request never passes through fastify,
 * so its cookies are read here), under the name its connection uses (`secure`, by
 * transport-security.ts). A malformed `%`-escape is no credential, and no error.
 */
export function sessionCookieOf(req: IncomingMessage, secure: boolean): string | undefined {
  const name = cookieName('session', secure);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim()) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The token of a `/sync` handshake. A kiosk (or any client with a token) sends it in `auth`
 * (`{ token, protocol }`). A browser page of a person (staff, relatives) sends `{ protocol }`
 * alone and is known by its HttpOnly session cookie, so the session token never lives in page
 * JavaScript; that handshake must come from this server's own pages (`isSameOrigin`), or any
 * site the person visits could open a socket with their cookie. `secure`: the handshake came
 * over HTTPS (transport-security.ts), so the cookie is `__Host-cg_session`.
 */
export function handshakeToken(
  auth: unknown,
  req: IncomingMessage,
  secure: boolean,
): { token: string } | { refused: string } {
  const parsed = HandshakeAuth.safeParse(auth);
  if (parsed.success) return { token: parsed.data.token };
  const byCookie =
    typeof auth === 'object' &&
    auth !== null &&
    !Object.hasOwn(auth, 'token') &&
    Number.isInteger((auth as { protocol?: unknown }).protocol);
  if (!byCookie) return { refused: 'auth must be { token: string, protocol: 1 }.' };
  const cookie = sessionCookieOf(req, secure);
  if (cookie === undefined)
    return { refused: 'auth has no token and the request no session cookie: log in first.' };
  if (!isSameOrigin(req.headers))
    return {
      refused: 'A socket signed in by cookie must come from this server’s own pages (Origin).',
    };
  return { token: cookie };
}
