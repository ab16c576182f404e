/**
 * The REST calls of signing in and out (protocol README section 2): the session is an HttpOnly
 * cookie the server sets, so this page's script never holds the token. Answers are turned into
 * outcomes the login page words in plain Danish.
 */
import { SessionInfo, type LoginBody } from '../../../protocol/rest.js';

export type LoginOutcome =
  | { ok: true; session: SessionInfo }
  | { ok: false; why: 'wrong' | 'busy' | 'offline' | 'kioskOnly' }
  | { ok: false; why: 'limited'; minutes: number };

const json = { 'content-type': 'application/json' };

/** Who is signed in on this browser (by the cookie), or null. */
export async function fetchSession(): Promise<SessionInfo | null> {
  const res = await fetch('/api/session', { credentials: 'same-origin' });
  if (!res.ok) return null;
  const parsed = SessionInfo.safeParse(await res.json());
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
  if (!session) return { ok: false, why: 'wrong' };
  if (session.role === 'kiosk') return { ok: false, why: 'kioskOnly' };
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
    // Offline: the cookie stays until it expires, but this browser's cache is wiped anyway.
  }
}

export type PasswordOutcome =
  { ok: true } | { ok: false; why: 'wrongCurrent' | 'other'; message: string };

export async function changePassword(current: string, next: string): Promise<PasswordOutcome> {
  try {
    const res = await fetch('/api/password', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ current, next }),
      credentials: 'same-origin',
    });
    if (res.ok) return { ok: true };
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    return {
      ok: false,
      why: res.status === 401 || res.status === 403 ? 'wrongCurrent' : 'other',
      message: body.message ?? `HTTP ${res.status}`,
    };
  } catch {
    return { ok: false, why: 'other', message: 'no connection' };
  }
}
