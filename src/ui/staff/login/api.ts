/**
 * Signing in and out of the staff admin: the shared REST calls (ui/shared/session/api.ts) with the
 * staff admin's own rule on top: a kiosk's session is no way into it.
 */
import type { LoginBody, SessionInfo } from '../../../protocol/rest.js';
import * as session from '../../shared/session/api.js';

export { logout } from '../../shared/session/api.js';

export type LoginOutcome = session.LoginOutcome<'kioskOnly'>;

/**
 * Who is signed in on this browser (by the cookie), or null; `offline` when it cannot ask. No
 * timeout of its own (the browser's): an office desk is not a train, and a slow answer shown as
 * the login page would send a signed-in person to sign in again.
 */
export function fetchSession(): Promise<SessionInfo | null | 'offline'> {
  return session.fetchSession();
}

export async function login(body: LoginBody): Promise<LoginOutcome> {
  const outcome = await session.login(body);
  if (outcome.ok && outcome.session.role === 'kiosk') return { ok: false, why: 'kioskOnly' };
  return outcome;
}

export type PasswordOutcome =
  { ok: true } | { ok: false; why: 'wrongCurrent' | 'other'; message: string };

/** The staff page shows the server's own message for any refusal but a wrong current password. */
export async function changePassword(current: string, next: string): Promise<PasswordOutcome> {
  const r = await session.changePassword(current, next);
  if (r.ok) return r;
  if (r.why === 'offline') return { ok: false, why: 'other', message: 'no connection' };
  return {
    ok: false,
    // 401: the session ended meanwhile; staff have always been told to check the password then.
    why: r.status === 401 || r.status === 403 ? 'wrongCurrent' : 'other',
    message: r.message ?? `HTTP ${r.status}`,
  };
}
