/**
 * The REST calls of a signed-in person's browser (protocol README section 2), the same for every
 * front end: who is signed in, signing in and out, changing one's password. The session is an
 * HttpOnly cookie the server sets, so no page's script ever holds the token. Answers become
 * outcomes a page puts in its own words; each front end adds only its own rule on top (staff
 * refuse a kiosk session, the relatives' page a non-relative one).
 */
import { SessionInfo, type LoginBody } from '../../../protocol/rest.js';

export interface SessionOptions {
  /**
   * How long to wait for `GET /api/session` before answering `offline` (none by default: the
   * browser's own). The relatives' phone page sets one, as bad coverage answers slowly rather
   * than not at all and it can open the cache it has meanwhile.
   */
  timeoutMs?: number;
}

/** `limited`: the server's rate limit said when to come back (Retry-After), in whole minutes. */
export type LoginOutcome<Refusal extends string = never> =
  | { ok: true; session: SessionInfo }
  | { ok: false; why: 'wrong' | 'busy' | 'offline' | Refusal }
  | { ok: false; why: 'limited'; minutes: number };

export type PasswordOutcome =
  | { ok: true }
  | { ok: false; why: 'offline' }
  | {
      ok: false;
      why: 'wrongCurrent' | 'same' | 'other';
      status: number;
      /** The server's own message, for a page that shows it (staff do). */
      message: string | null;
    }
  | { ok: false; why: 'limited'; minutes: number; status: number; message: string | null };

const json = { 'content-type': 'application/json' };

async function post(path: string, body: unknown): Promise<Response | 'offline'> {
  try {
    return await fetch(path, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return 'offline';
  }
}

/** A 429's Retry-After (seconds; 15 minutes when absent) as whole minutes, at least one. */
function retryMinutes(res: Response): number {
  const seconds = Number(res.headers.get('retry-after') ?? '900');
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * Who is signed in on this browser (by the cookie), or null; `offline` when it cannot ask, or
 * gets no answer within `timeoutMs`.
 */
export async function fetchSession(
  opts: SessionOptions = {},
): Promise<SessionInfo | null | 'offline'> {
  let res: Response;
  try {
    res = await fetch('/api/session', {
      credentials: 'same-origin',
      ...(opts.timeoutMs !== undefined && { signal: AbortSignal.timeout(opts.timeoutMs) }),
    });
  } catch {
    return 'offline';
  }
  if (!res.ok) return null;
  const parsed = SessionInfo.safeParse(await res.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

/** `POST /api/login`, then who that made signed in (the cookie is set by the answer). */
export async function login(body: LoginBody, opts: SessionOptions = {}): Promise<LoginOutcome> {
  const res = await post('/api/login', body);
  if (res === 'offline') return { ok: false, why: 'offline' };
  if (res.status === 429) return { ok: false, why: 'limited', minutes: retryMinutes(res) };
  if (res.status === 503) return { ok: false, why: 'busy' };
  if (!res.ok) return { ok: false, why: 'wrong' };
  const session = await fetchSession(opts);
  if (session === 'offline') return { ok: false, why: 'offline' };
  if (!session) return { ok: false, why: 'wrong' };
  return { ok: true, session };
}

export async function logout(): Promise<void> {
  // Offline: the cookie stays until it expires, but the front end wipes its cache anyway.
  await post('/api/logout', {});
}

/**
 * `POST /api/password {current, next}`: 403 is a wrong current password, 400 the same one again
 * (the server's answers, see operations-routes.ts), 429 the rate limit.
 */
export async function changePassword(current: string, next: string): Promise<PasswordOutcome> {
  const res = await post('/api/password', { current, next });
  if (res === 'offline') return { ok: false, why: 'offline' };
  if (res.ok) return { ok: true };
  const body = (await res.json().catch(() => ({}))) as { message?: unknown };
  const message = typeof body.message === 'string' ? body.message : null;
  const status = res.status;
  if (status === 429)
    return { ok: false, why: 'limited', minutes: retryMinutes(res), status, message };
  const why = status === 403 ? 'wrongCurrent' : status === 400 ? 'same' : 'other';
  return { ok: false, why, status, message };
}
