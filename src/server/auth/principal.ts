import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { hashToken } from './tokens.js';

/** Who is on the other end of a socket or request. */
export type Principal =
  | {
      kind: 'device';
      id: string;
      role: 'kiosk';
      name: string;
      /** The groups (houses) the kiosk serves; empty is the whole centre. */
      groupIds: readonly string[];
      tokenHash: string;
    }
  | {
      kind: 'user';
      id: string;
      role: 'staff' | 'admin' | 'relative';
      name: string;
      /** The residents a relative may see; empty for staff. */
      residentIds: readonly string[];
      sessionHash: string;
    };

export const principalKey = (p: Principal): string => `${p.kind}:${p.id}`;
export const isStaff = (p: Principal): boolean => p.role === 'staff' || p.role === 'admin';

/** The hash its token is stored under. */
export const tokenHashOf = (p: Principal): string =>
  p.kind === 'device' ? p.tokenHash : p.sessionHash;

/**
 * Same principal with the same rights? An open socket whose principal no longer matches (role
 * changed, a relative's residents changed, a kiosk moved to other houses) is disconnected, so it
 * reconnects with what it may see now.
 */
export function sameRights(a: Principal, b: Principal): boolean {
  if (a.kind !== b.kind || a.id !== b.id || a.role !== b.role) return false;
  const as = a.kind === 'device' ? a.groupIds : a.residentIds;
  const bs = b.kind === 'device' ? b.groupIds : b.residentIds;
  return as.length === bs.length && as.every((x) => bs.includes(x));
}

/** Resolves a bearer token (kiosk device token or user session token) to its principal. */
export async function authenticate(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<Principal | null> {
  const hash = hashToken(token);
  return (await authenticateHashes(db, [hash], now)).get(hash) ?? null;
}

/** Rows per query when many tokens are checked at once (SQLite's variable limit is far above). */
const HASHES_PER_QUERY = 500;

/**
 * The principals of token hashes that are still valid: kiosks not revoked, sessions not logged
 * out or expired and of users not disabled. Hashes missing from the answer have lost their right.
 * One query per kind for many hashes, so the server can re-check every open socket each second.
 */
export async function authenticateHashes(
  db: Kysely<Database>,
  hashes: readonly string[],
  now: Date,
): Promise<Map<string, Principal>> {
  const out = new Map<string, Principal>();
  for (let i = 0; i < hashes.length; i += HASHES_PER_QUERY) {
    const part = hashes.slice(i, i + HASHES_PER_QUERY);
    const devices = await db
      .selectFrom('device')
      .select(['id', 'name', 'revoked', 'group_ids', 'token_hash'])
      .where('token_hash', 'in', part)
      .where('revoked', '=', 0)
      .execute();
    for (const d of devices) {
      if (d.token_hash === null) continue;
      out.set(d.token_hash, {
        kind: 'device',
        id: d.id,
        role: 'kiosk',
        name: d.name,
        groupIds: JSON.parse(d.group_ids) as string[],
        tokenHash: d.token_hash,
      });
    }
    const sessions = await db
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .select([
        'session.token_hash as hash',
        'app_user.id as id',
        'app_user.role as role',
        'app_user.display_name as name',
        'app_user.resident_ids as residentIds',
      ])
      .where('session.token_hash', 'in', part)
      .where('session.revoked', '=', 0)
      .where('app_user.disabled', '=', 0)
      .where('session.expires_at', '>', now.toISOString())
      .execute();
    for (const s of sessions) {
      out.set(s.hash, {
        kind: 'user',
        id: s.id,
        role: s.role,
        name: s.name,
        residentIds: JSON.parse(s.residentIds) as string[],
        sessionHash: s.hash,
      });
    }
  }
  return out;
}
