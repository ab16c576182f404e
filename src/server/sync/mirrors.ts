/**
 * The staff-only mirrors of the `device` and `app_user` tables in the change log: the `kiosk`
 * and `user` entities the staff admin reads from its sync cache (issue 9). The tables stay the
 * truth for authentication; a mirror is rewritten from them whenever either changes here (the
 * handlers, the REST kiosk creation, a kiosk's presence), and at start for what the command line
 * changed while the server was down (`reconcileMirrors`). A mirror carries no secret: no token,
 * hash or enrolment code.
 */
import type { Kiosk, UserAccount } from '../../domain/model.js';
import type { Device, User } from '../store/schema.js';
import type { Writer } from '../store/writer.js';

/** What a kiosk's connections say about it (kept in the entity between writes). */
export interface Presence {
  online: boolean;
  lastSeenAt: string | null;
  appVersion: string | null;
}

export function kioskOf(device: Device, codeExpiresAt: string | null, presence: Presence): Kiosk {
  return {
    id: device.id,
    name: device.name,
    location: device.location,
    groupIds: JSON.parse(device.group_ids) as string[],
    createdAt: device.created_at,
    enrolled: device.token_hash !== null,
    codeExpiresAt: device.token_hash === null ? codeExpiresAt : null,
    revoked: device.revoked !== 0,
    online: presence.online && device.revoked === 0,
    lastSeenAt: presence.lastSeenAt ?? device.last_seen_at,
    appVersion: presence.appVersion,
  };
}

export const userOf = (u: User): UserAccount => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  disabled: u.disabled !== 0,
  residentIds: JSON.parse(u.resident_ids) as string[],
  createdAt: u.created_at,
});

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

async function codeExpiry(w: Writer, deviceId: string): Promise<string | null> {
  const row = await w.db
    .selectFrom('enrol_code')
    .select((eb) => eb.fn.max('expires_at').as('at'))
    .where('device_id', '=', deviceId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return row?.at ?? null;
}

/**
 * Rewrites one kiosk's mirror from its device row (a change only when something differs);
 * `presence` replaces what the entity held. Returns the mirror, or undefined for no such kiosk.
 */
export async function mirrorKiosk(
  w: Writer,
  deviceId: string,
  presence?: Partial<Presence>,
): Promise<Kiosk | undefined> {
  const device = await w.db
    .selectFrom('device')
    .selectAll()
    .where('id', '=', deviceId)
    .executeTakeFirst();
  const existing = await w.get('kiosk', deviceId);
  if (!device) {
    if (existing) await w.del('kiosk', deviceId);
    return undefined;
  }
  const next = kioskOf(device, await codeExpiry(w, deviceId), {
    online: existing?.online ?? false,
    lastSeenAt: existing?.lastSeenAt ?? null,
    appVersion: existing?.appVersion ?? null,
    ...presence,
  });
  if (!existing || !same(existing, next)) await w.put('kiosk', next);
  return next;
}

/** Rewrites one login's mirror from its row (a change only when something differs). */
export async function mirrorUser(w: Writer, userId: string): Promise<void> {
  const user = await w.db
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst();
  const existing = await w.get('user', userId);
  if (!user) {
    if (existing) await w.del('user', userId);
    return;
  }
  const next = userOf(user);
  if (!existing || !same(existing, next)) await w.put('user', next);
}

/**
 * Brings every mirror in line with its table, for what the command line changed (it writes the
 * tables from another process): at start, where every kiosk is offline until it connects again
 * (`atStart`), and then now and then while running (presence kept as it is).
 */
export async function reconcileMirrors(w: Writer, atStart = false): Promise<void> {
  const devices = await w.db.selectFrom('device').select('id').execute();
  const users = await w.db.selectFrom('app_user').select('id').execute();
  const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const deviceIds = ids(devices);
  const userIds = ids(users);
  for (const id of deviceIds) await mirrorKiosk(w, id, atStart ? { online: false } : {});
  for (const id of userIds) await mirrorUser(w, id);
  for (const k of await w.list('kiosk', null)) if (!deviceIds.has(k.id)) await w.del('kiosk', k.id);
  for (const u of await w.list('user', null)) if (!userIds.has(u.id)) await w.del('user', u.id);
}
