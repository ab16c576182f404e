/**
 * The staff-only mirrors of the `device` and `app_user` tables in the change log: the `kiosk`
 * and `user` entities the staff admin reads from its sync cache (issue 9). The tables stay the
 * truth for authentication; a mirror is rewritten from them wherever staff change them here
 * (the handlers, kiosk creation over REST), and at start for what the command line
 * changed meanwhile (`reconcileMirrors`). Only at those moments: a change-log entry at any other
 * time would move the head under clients that just caught up with it. A mirror carries no
 * secret: no token, hash or enrolment code.
 */
import type { Kiosk, UserAccount } from '../../domain/model.js';
import type { Device, User } from '../store/schema.js';
import type { Writer } from '../store/writer.js';

export function kioskOf(device: Device): Kiosk {
  return {
    id: device.id,
    name: device.name,
    location: device.location,
    groupIds: JSON.parse(device.group_ids) as string[],
    createdAt: device.created_at,
    revoked: device.revoked !== 0,
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

/** Rewrites one kiosk's mirror from its device row (a change only when something differs). */
export async function mirrorKiosk(w: Writer, deviceId: string): Promise<Kiosk | undefined> {
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
  const next = kioskOf(device);
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
 * Brings every mirror in line with its table, at start: the command line writes the tables from
 * another process, and what it changed while the server ran reaches staff at the next start.
 */
export async function reconcileMirrors(w: Writer): Promise<void> {
  const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const deviceIds = ids(await w.db.selectFrom('device').select('id').execute());
  const userIds = ids(await w.db.selectFrom('app_user').select('id').execute());
  for (const id of deviceIds) await mirrorKiosk(w, id);
  for (const id of userIds) await mirrorUser(w, id);
  for (const k of await w.list('kiosk', null)) if (!deviceIds.has(k.id)) await w.del('kiosk', k.id);
  for (const u of await w.list('user', null)) if (!userIds.has(u.id)) await w.del('user', u.id);
}
