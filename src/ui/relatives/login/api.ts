/**
 * The REST calls of signing in and out (protocol README section 2), as the staff page makes them:
 * the session is an HttpOnly cookie the server sets, so this page's script never holds it.
 * Answers become outcomes the login page puts in plain words.
 */
import { SessionInfo, type LoginBody } from '../../../protocol/rest.js';

export type LoginOutcome =
  | { ok: true; session: SessionInfo }
  | { ok: false; why: 'wrong' | 'busy' | 'offline' | 'notRelative' }
  | { ok: false; why: 'limited'; minutes: number };

const json = { 'content-type': 'application/json' };

/** How long the page waits to learn who is signed in before it opens the cache it has. */
export const SESSION_WAIT_MS = 8000;

/**
 * Who is signed in on this browser (by the cookie), or null; `offline` when it cannot ask, or
 * gets no answer in time (a train's coverage: the page then opens what it has).
 */
export async function fetchSession(): Promise<SessionInfo | null | 'offline'> {
  let res: Response;
  try {
    res = await fetch('/api/session', {
      credentials: 'same-origin',
      signal: AbortSignal.timeout(SESSION_WAIT_MS),
    });
  } catch {
    return 'offline';
  }
  if (!res.ok) return null;
  const parsed = SessionInfo.safeParse(await res.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

export async function login(body: LoginBody): Promise<LoginOutcome> {
  let res: Response;
  try {
    res = await fetch('/api/login', {
      method: 'POST',
      headers: json,
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, why: 'offline' };
  }
  if (res.status === 429) {
    const seconds = Number(res.headers.get('retry-after') ?? '900');
    return { ok: false, why: 'limited', minutes: Math.max(1, Math.ceil(seconds / 60)) };
  }
  if (res.status === 503) return { ok: false, why: 'busy' };
  if (!res.ok) return { ok: false, why: 'wrong' };
  const session = await fetchSession();
  if (session === 'offline') return { ok: false, why: 'offline' };
  if (!session) return { ok: false, why: 'wrong' };
  if (session.role !== 'relative') {
    // This page shows one relative's residents; a staff member's view belongs on /staff/.
    await logout();
    return { ok: false, why: 'notRelative' };
  }
  return { ok: true, session };
}

export async function logout(): Promise<void> {
  try {
    await fetch('/api/logout', {
      method: 'POST',
      headers: json,
      body: '{}',
      credentials: 'same-origin',
    });
  } catch {
    // Offline: the cookie stays until it expires, but this phone's cache is wiped anyway.
  }
}
