/**
 * Which kiosks are on now (`GET /api/devices/presence`). Not in the sync cache: it changes with
 * every connection, so the page asks when it opens, every 15 seconds, and whenever the kiosks in
 * the cache change (one just enrolled). Unknown (null) until the first answer, and while the
 * server cannot be reached.
 */
import { useEffect, useState } from 'react';
import type { Kiosk } from '../../../domain/model.js';
import type { KioskPresenceRow } from '../../../protocol/operations.js';

export const PRESENCE_EVERY_MS = 15_000;

export type KioskView = Kiosk & {
  /** null: not known right now (no answer from the server). */
  enrolled: boolean | null;
  codeExpiresAt: string | null;
  /** null: not known right now (no answer from the server). */
  online: boolean | null;
  lastSeenAt: string | null;
  appVersion: string | null;
  /** The shell's last health report (version, uptime, last crash, screen), or null. */
  health: KioskPresenceRow['health'];
  healthAt: string | null;
};

export async function fetchPresence(): Promise<Map<string, KioskPresenceRow> | null> {
  try {
    const res = await fetch('/api/devices/presence', { credentials: 'same-origin' });
    if (!res.ok) return null;
    const body = (await res.json()) as { kiosks: KioskPresenceRow[] };
    return new Map(body.kiosks.map((k) => [k.id, k]));
  } catch {
    return null;
  }
}

/** The cached kiosks with what the server says of them now. */
export function useKioskViews(kiosks: readonly Kiosk[] | undefined): KioskView[] | undefined {
  const [presence, setPresence] = useState<Map<string, KioskPresenceRow> | null>(null);
  // A kiosk added or removed changes this, and then the server is asked at once.
  const key = (kiosks ?? []).map((k) => `${k.id}:${k.revoked ? 1 : 0}`).join(',');
  useEffect(() => {
    let live = true;
    const ask = () =>
      void fetchPresence().then((p) => {
        if (live) setPresence(p);
      });
    ask();
    const timer = setInterval(ask, PRESENCE_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [key]);
  return kiosks?.map((k) => {
    const p = presence?.get(k.id);
    return {
      ...k,
      enrolled: presence === null ? null : (p?.enrolled ?? false),
      codeExpiresAt: p?.codeExpiresAt ?? null,
      online: presence === null ? null : (p?.online ?? false),
      lastSeenAt: p?.lastSeenAt ?? null,
      appVersion: p?.appVersion ?? null,
      health: p?.health ?? null,
      healthAt: p?.healthAt ?? null,
    };
  });
}

/** Staff's "reload this screen" (`POST /api/devices/:id/reload`). */
export async function reloadKiosk(id: string): Promise<'sent' | 'offline' | 'failed'> {
  try {
    const res = await fetch(`/api/devices/${encodeURIComponent(id)}/reload`, {
      method: 'POST',
      credentials: 'same-origin',
    });
    if (res.status === 202) return 'sent';
    return res.status === 409 ? 'offline' : 'failed';
  } catch {
    return 'failed';
  }
}
