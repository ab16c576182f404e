/**
 * Accepting an invitation (`POST /api/invitations/accept`, protocol README section 2): the
 * token from the link's `#` part, and an answer the page can put in words.
 */
import type { SessionInfo } from '../../protocol/rest.js';

export type AcceptOutcome =
  | { ok: true; username: string; session: SessionInfo }
  | { ok: false; code: string; message: string | null };

/** The token from `/family/invite#TOKEN` (or `?token=TOKEN`), or null. */
export function tokenFrom(loc: { hash: string; search: string }): string | null {
  const fromHash = loc.hash.replace(/^#/, '').trim();
  if (fromHash) return fromHash;
  const q = new URLSearchParams(loc.search).get('token');
  return q?.trim() || null;
}

export async function acceptInvitation(
  token: string,
  password: string,
  username: string,
): Promise<AcceptOutcome> {
  try {
    const res = await fetch('/api/invitations/accept', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(username ? { token, password, username } : { token, password }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      userId?: string;
      username?: string;
      displayName?: string;
      error?: string;
      message?: string;
    };
    if (res.ok)
      return {
        ok: true,
        username: body.username ?? '',
        session: {
          userId: body.userId ?? '',
          role: 'relative',
          displayName: body.displayName ?? '',
        },
      };
    return { ok: false, code: body.error ?? `http_${res.status}`, message: body.message ?? null };
  } catch {
    return { ok: false, code: 'offline', message: null };
  }
}
