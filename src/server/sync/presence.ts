/**
 * Which kiosks are enrolled and on right now, for the staff admin (`GET /api/devices/presence`): kept in
 * memory from the kiosks' sockets, with "last seen" written to the device row on connect and on
 * the last socket's disconnect (so it survives a restart). Not in the change log: presence
 * changes with every connection, and a change-log entry made by the server at such moments would
 * move the head under clients that just caught up with it.
 */
import type { Kysely } from 'kysely';
import { KioskHealth, type KioskHealthAck } from '../../protocol/kiosk-health.js';
import type { KioskPresenceRow } from '../../protocol/operations.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/schema.js';
import type { SyncNamespace } from './socket.js';

export type { KioskPresenceRow };

/** What a kiosk may say it runs (`auth.app`): short and printable, else nothing. */
export function appVersionOf(auth: unknown): string | null {
  const app = typeof auth === 'object' && auth !== null ? (auth as { app?: unknown }).app : null;
  return typeof app === 'string' && /^[\x20-\x7e]{1,40}$/.test(app) ? app : null;
}

/** What one node knows of kiosks' presence, for the others (several nodes, cluster/). */
export interface PresenceReport {
  online: string[];
  versions: [string, string | null][];
  health: [string, { health: KioskHealth; at: string }][];
}

/** A report from another node, checked (nodes are trusted, but a bad answer must not throw). */
function reportOf(raw: unknown): PresenceReport | null {
  const r = raw as Partial<PresenceReport> | null;
  if (!r || !Array.isArray(r.online) || !Array.isArray(r.versions) || !Array.isArray(r.health))
    return null;
  return {
    online: r.online.filter((id): id is string => typeof id === 'string'),
    versions: r.versions.filter((v) => Array.isArray(v) && typeof v[0] === 'string'),
    health: r.health.filter(
      (h) => Array.isArray(h) && typeof h[0] === 'string' && typeof h[1]?.at === 'string',
    ),
  };
}

export class KioskPresence {
  /** Kiosks another node said were on, at the last `list` (for `reload`). */
  #onlineElsewhere = new Set<string>();
  readonly #versions = new Map<string, string | null>();
  /** The last `kiosk.health` of each kiosk, with when it came (memory only, like presence). */
  readonly #health = new Map<string, { health: KioskHealth; at: string }>();

  constructor(
    private readonly deps: {
      nsp: SyncNamespace;
      db: Kysely<Database>;
      now: () => Date;
      logger: Logger;
      /** The other nodes' reports (several nodes); absent: this node is all there is. */
      others?: () => Promise<unknown[]>;
    },
  ) {
    deps.nsp.on('connection', (socket) => {
      const p = socket.data.principal;
      socket.on('kiosk.health', (req, ack) => {
        if (typeof ack !== 'function') return;
        ack(this.#report(p.kind === 'device' ? p.id : null, req));
      });
      if (p.kind !== 'device') return;
      this.#versions.set(p.id, appVersionOf(socket.handshake.auth));
      this.#seen(p.id);
      socket.on('disconnect', () => {
        if (!this.#online(p.id)) this.#seen(p.id);
      });
    });
  }

  #report(deviceId: string | null, req: unknown): KioskHealthAck {
    if (deviceId === null)
      return { status: 'rejected', code: 'forbidden', message: 'Only a kiosk reports its health.' };
    const r = KioskHealth.safeParse(req);
    if (!r.success) {
      const why = r.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
      return { status: 'rejected', code: 'invalid', message: why.join('; ') };
    }
    this.#health.set(deviceId, { health: r.data, at: this.deps.now().toISOString() });
    return { status: 'ok' };
  }

  /** This node's part, for the other nodes' `list`. */
  report(): PresenceReport {
    const online = [...this.#versions.keys()].filter((id) => this.#online(id));
    return { online, versions: [...this.#versions], health: [...this.#health] };
  }

  /**
   * Staff's "reload": tells the kiosk's sockets to reload their page, on whichever node they are
   * (the room reaches every node through the adapter); false when it is off.
   */
  reload(deviceId: string): boolean {
    if (!this.#online(deviceId) && !this.#onlineElsewhere.has(deviceId)) return false;
    this.deps.nsp.to(`device:${deviceId}`).emit('kiosk.reload', { reason: 'staff' });
    return true;
  }

  #online(deviceId: string): boolean {
    return (this.deps.nsp.adapter.rooms.get(`device:${deviceId}`)?.size ?? 0) > 0;
  }

  #seen(deviceId: string): void {
    this.deps.db
      .updateTable('device')
      .set({ last_seen_at: this.deps.now().toISOString() })
      .where('id', '=', deviceId)
      .execute()
      .catch((err: unknown) => this.deps.logger.warn({ err, deviceId }, 'last seen not written'));
  }

  /** Every kiosk not revoked, as staff see it now. */
  async list(): Promise<KioskPresenceRow[]> {
    const rows = await this.deps.db
      .selectFrom('device')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('enrol_code')
            .select(['device_id', (e) => e.fn.max('expires_at').as('expires_at')])
            .where('used_at', 'is', null)
            .groupBy('device_id')
            .as('code'),
        (j) => j.onRef('code.device_id', '=', 'device.id'),
      )
      .select([
        'device.id as id',
        'device.last_seen_at as lastSeen',
        'device.token_hash as token',
        'code.expires_at as codeExpiresAt',
      ])
      .where('device.revoked', '=', 0)
      .execute();
    const now = this.deps.now().toISOString();
    // With several nodes a kiosk may be on any of them: merge their reports with this node's
    // (on: on any node; the app version of a node it is on; the newest health report).
    const reports = ((await this.deps.others?.()) ?? [])
      .map(reportOf)
      .filter((r): r is PresenceReport => r !== null);
    const elsewhere = new Set(reports.flatMap((r) => r.online));
    this.#onlineElsewhere = elsewhere;
    const versions = new Map(this.#versions);
    const health = new Map(this.#health);
    for (const r of reports) {
      const on = new Set(r.online);
      for (const [id, v] of r.versions) if (on.has(id) || !versions.has(id)) versions.set(id, v);
      for (const [id, h] of r.health) {
        const mine = health.get(id);
        if (!mine || mine.at < h.at) health.set(id, h);
      }
    }
    return rows.map((r) => {
      const online = this.#online(r.id) || elsewhere.has(r.id);
      const enrolled = r.token !== null;
      return {
        id: r.id,
        enrolled,
        codeExpiresAt: enrolled ? null : (r.codeExpiresAt ?? null),
        online,
        lastSeenAt: online ? now : r.lastSeen,
        appVersion: versions.get(r.id) ?? null,
        health: health.get(r.id)?.health ?? null,
        healthAt: health.get(r.id)?.at ?? null,
      };
    });
  }
}
