import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { hashToken } from './tokens.js';

/** Who is on the other end of a socket or request. */
export type Principal =
  | { kind: 'device'; id: string; role: 'kiosk'; name: string }
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

/** Resolves a bearer token (kiosk device token or user session token) to its principal. */
export async function authenticate(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<Principal | null> {
  const hash = hashToken(token);
  const device = await db
    .selectFrom('device')
    .select(['id', 'name', 'revoked'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  if (device) {
    return device.revoked
      ? null
      : { kind: 'device', id: device.id, role: 'kiosk', name: device.name };
  }
  const session = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'app_user.id as id',
      'app_user.role as role',
      'app_user.display_name as name',
      'app_user.resident_ids as residentIds',
      'app_user.disabled as disabled',
      'session.expires_at as expiresAt',
      'session.revoked as revoked',
    ])
    .where('session.token_hash', '=', hash)
    .executeTakeFirst();
  if (!session || session.revoked || session.disabled || session.expiresAt <= now.toISOString())
    return null;
  return {
    kind: 'user',
    id: session.id,
    role: session.role,
    name: session.name,
    residentIds: JSON.parse(session.residentIds) as string[],
    sessionHash: hash,
  };
}
