/**
 * Signing in and out of the relatives' page: the shared REST calls (ui/shared/session/api.ts) with
 * this page's own rules on top: it waits at most SESSION_WAIT_MS to learn who is signed in, and
 * only a relative's session is a way in (a staff member's view belongs on /staff/).
 */
import type { LoginBody, SessionInfo } from '../../../protocol/rest.js';
import * as session from '../../shared/session/api.js';

export { logout } from '../../shared/session/api.js';

export type LoginOutcome = session.LoginOutcome<'notRelative'>;

/** How long the page waits to learn who is signed in before it opens the cache it has. */
export const SESSION_WAIT_MS = 8000;

/**
 * Who is signed in on this browser (by the cookie), or null; `offline` when it cannot ask, or
 * gets no answer in time (a train's coverage: the page then opens what it has).
 */
export function fetchSession(): Promise<SessionInfo | null | 'offline'> {
  return session.fetchSession({ timeoutMs: SESSION_WAIT_MS });
}

export async function login(body: LoginBody): Promise<LoginOutcome> {
  const outcome = await session.login(body, { timeoutMs: SESSION_WAIT_MS });
  if (outcome.ok && outcome.session.role !== 'relative') {
    // This page shows one relative's residents; a staff member's view belongs on /staff/.
    await session.logout();
    return { ok: false, why: 'notRelative' };
  }
  return outcome;
}
