/**
 * Who may read `GET /metrics`: whoever sends the metrics token (`Authorization: Bearer TOKEN`,
 * a setting), or a request from this machine itself. Metrics name no person, but they tell an
 * outsider how busy the centre is and which clients are connected, so the LAN does not get them.
 *
 * "From this machine" is the address the HTTP layer settled on (with `trustProxy`, the client
 * behind the proxy), and only when the request carries no forwarding header: a reverse proxy on
 * the same machine that the server was not told to trust would otherwise make every outside
 * request look local.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const METRICS_TOKEN_ENV = 'CITIZEN_GUIDE_METRICS_TOKEN';

/** Shortest metrics token accepted: a guessable one would be no protection. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

export function isLoopback(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export type MetricsAccess = { allowed: true } | { allowed: false; status: 403; message: string };

/**
 * The access rule for `/metrics`. `ip` is the client address as the HTTP layer sees it,
 * `token` the configured metrics token (null: none, so only this machine may read).
 */
export function metricsAccess(
  ip: string,
  headers: IncomingHttpHeaders,
  token: string | null,
): MetricsAccess {
  const auth = headers.authorization;
  const offered = typeof auth === 'string' && /^bearer /i.test(auth) ? auth.slice(7).trim() : null;
  // Compared as digests: equal length for timingSafeEqual, and no timing hint of the token.
  const rightToken =
    token !== null && offered !== null && timingSafeEqual(digest(offered), digest(token));
  if (rightToken) return { allowed: true };
  // A wrong token is refused from here too: it is a misconfigured scraper worth noticing.
  const wrongToken = token !== null && offered !== null;
  const forwarded = FORWARDING_HEADERS.some((h) => headers[h] !== undefined);
  if (!wrongToken && !forwarded && isLoopback(ip)) return { allowed: true };
  return {
    allowed: false,
    status: 403,
    message:
      token === null
        ? 'Metrics are answered only on this machine (127.0.0.1), or with the metrics token.'
        : 'Metrics need the metrics token: Authorization: Bearer TOKEN.',
  };
}

/**
 * The metrics token from the setting or the environment; refuses a short one. Empty is none.
 */
export function metricsTokenFrom(
  setting: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const token = (setting ?? env[METRICS_TOKEN_ENV] ?? '').trim();
  if (token === '') return null;
  if (token.length < MIN_METRICS_TOKEN_LENGTH)
    throw new RangeError(
      `The metrics token needs at least ${MIN_METRICS_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 16\`).`,
    );
  return token;
}
