/**
 * Kiosks' presence for the staff admin: `online`, `lastSeenAt` and `appVersion` in the `kiosk`
 * mirror (sync/mirrors.ts). Written on connect and on the last socket's disconnect, but at most
 * once a minute per kiosk (a flapping connection is folded into one write at the end of its
 * minute), and while connected every ten minutes, so "last seen" stays true without the change
 * log filling with presence. Through `MutationService.internal`, so the writes are pushed in
 * commit order to staff like any change (never to kiosks: the mirror is staff-only).
 */
import type { Logger } from '../logger.js';
import { mirrorKiosk, type Presence } from './mirrors.js';
import type { MutationService } from './mutate.js';
import type { SyncNamespace } from './socket.js';

export const PRESENCE_MIN_MS = 60_000;
export const PRESENCE_REFRESH_MS = 10 * 60_000;

/** What a kiosk may say it runs (`auth.app`): short and printable, else nothing. */
export function appVersionOf(auth: unknown): string | null {
  const app = typeof auth === 'object' && auth !== null ? (auth as { app?: unknown }).app : null;
  return typeof app === 'string' && /^[\x20-\x7e]{1,40}$/.test(app) ? app : null;
}

interface State {
  lastWriteMs: number;
  pending: Partial<Presence> | null;
  timer: NodeJS.Timeout | null;
}

export class KioskPresence {
  readonly #states = new Map<string, State>();
  readonly #refresh: NodeJS.Timeout;

  constructor(
    private readonly deps: {
      nsp: SyncNamespace;
      mutations: Pick<MutationService, 'internal'>;
      now: () => Date;
      logger: Logger;
      minMs?: number;
      refreshMs?: number;
    },
  ) {
    deps.nsp.on('connection', (socket) => {
      const p = socket.data.principal;
      if (p.kind !== 'device') return;
      this.#note(p.id, { online: true, appVersion: appVersionOf(socket.handshake.auth) });
      socket.on('disconnect', () => {
        if ((deps.nsp.adapter.rooms.get(`device:${p.id}`)?.size ?? 0) === 0)
          this.#note(p.id, { online: false });
      });
    });
    const refreshMs = deps.refreshMs ?? PRESENCE_REFRESH_MS;
    this.#refresh = setInterval(() => this.#heartbeat(refreshMs), Math.min(refreshMs, 60_000));
    this.#refresh.unref();
  }

  /** Stops the timers (server close); what is pending is dropped: a restart marks all offline. */
  stop(): void {
    clearInterval(this.#refresh);
    for (const s of this.#states.values()) if (s.timer) clearTimeout(s.timer);
    this.#states.clear();
  }

  #note(deviceId: string, change: Partial<Presence>): void {
    const state = this.#states.get(deviceId) ?? { lastWriteMs: 0, pending: null, timer: null };
    this.#states.set(deviceId, state);
    state.pending = { ...state.pending, ...change };
    if (state.timer) return;
    const wait = state.lastWriteMs + (this.deps.minMs ?? PRESENCE_MIN_MS) - Date.now();
    if (wait <= 0) return this.#flush(deviceId, state);
    state.timer = setTimeout(() => this.#flush(deviceId, state), wait);
    state.timer.unref();
  }

  #flush(deviceId: string, state: State): void {
    state.timer = null;
    const pending = state.pending;
    state.pending = null;
    if (!pending) return;
    state.lastWriteMs = Date.now();
    const at = this.deps.now().toISOString();
    this.deps.mutations
      .internal('kiosk.presence', async (w) => {
        await w.db
          .updateTable('device')
          .set({ last_seen_at: at })
          .where('id', '=', deviceId)
          .execute();
        await mirrorKiosk(w, deviceId, { ...pending, lastSeenAt: at });
      })
      .catch((err: unknown) =>
        this.deps.logger.warn({ err, deviceId }, 'kiosk presence not written'),
      );
  }

  /** Connected kiosks not written for `refreshMs`: their "last seen" moves on. */
  #heartbeat(refreshMs: number): void {
    for (const socket of this.deps.nsp.sockets.values()) {
      const p = socket.data.principal;
      if (p.kind !== 'device') continue;
      const state = this.#states.get(p.id);
      if (state && Date.now() - state.lastWriteMs < refreshMs) continue;
      this.#note(p.id, { online: true });
    }
  }
}
