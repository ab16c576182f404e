/**
 * Kiosk enrolment: staff open the kiosk page at `/kiosk/#enrol=CODE`; the page exchanges the
 * one-time code for the kiosk's device token (same origin), keeps the token in localStorage and
 * takes the code out of the address bar at once, so it is never bookmarked, shown or reused.
 */

import { enrolDevice, type EnrolOutcome } from '../../client/index.js';
import { shellEnrol, shellToken } from './shell-token.js';

export type { EnrolOutcome };

const TOKEN_KEY = 'citizen-guide.kiosk-token';

export function readToken(): string | null {
  // In the Electron shell the token is the shell's (never localStorage's): shell-token.ts.
  const fromShell = shellToken();
  if (fromShell !== undefined) return fromShell;
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function storeToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
}

/** Reads `enrol=CODE` from the URL hash and removes it from the address bar (keeps the rest). */
export function takeEnrolCode(): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const code = params.get('enrol');
  if (code === null) return null;
  params.delete('enrol');
  const rest = params.toString();
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
  );
  return code.trim() || null;
}

async function exchange(code: string): Promise<EnrolOutcome> {
  const viaShell = shellEnrol();
  if (viaShell) return viaShell(code); // the shell exchanges the code and keeps the token
  const outcome = await enrolDevice(location.origin, code);
  if (outcome.ok) storeToken(outcome.token);
  return outcome;
}

// One exchange per code per page load: a code works once, so a second request (React's
// StrictMode runs effects twice in development) would only be told "already used".
const inFlight = new Map<string, Promise<EnrolOutcome>>();

export function enrolOnce(code: string): Promise<EnrolOutcome> {
  let p = inFlight.get(code);
  if (!p) {
    p = exchange(code);
    inFlight.set(code, p);
    // A network failure may be retried with the same code.
    void p.then((r) => {
      if (!r.ok && r.error === 'network') inFlight.delete(code);
    });
  }
  return p;
}
