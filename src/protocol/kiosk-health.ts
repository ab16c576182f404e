/**
 * `kiosk.health` (kiosk → server) and `kiosk.reload` (server → kiosk): the Electron shell's
 * health, sent by the kiosk page over its sync socket at each connect and every few minutes, and
 * staff's request to reload a kiosk's page (`POST /api/devices/:id/reload`). The server keeps the
 * last report in memory beside the kiosk's presence (`GET /api/devices/presence`, `health`); it is
 * not in the change log, for the same reason presence is not.
 */
import { z } from 'zod';
import { Instant } from '../domain/model.js';

/** What the screen shows, as the shell sees it. */
export const KIOSK_SCREENS = ['wall', 'night', 'enrol', 'removed', 'crash-loop', 'broken'] as const;
export type KioskScreen = (typeof KIOSK_SCREENS)[number];

const Short = z.string().regex(/^[\x20-\x7e]{1,40}$/, 'printable, 1–40 characters');

export const KioskHealth = z.strictObject({
  /** The shell's version (`app.getVersion()`). */
  version: Short,
  /** Seconds since the shell started. */
  uptimeSeconds: z
    .int()
    .min(0)
    .max(10 * 365 * 24 * 3600),
  /** The last time the page's renderer was gone, and why (`crashed`, `oom`, `unresponsive`…). */
  lastCrash: z.strictObject({ at: Instant, reason: Short }).nullable(),
  screen: z.enum(KIOSK_SCREENS),
});
export type KioskHealth = z.infer<typeof KioskHealth>;

/** The answer to `kiosk.health`. */
export type KioskHealthAck =
  | { status: 'ok' }
  | { status: 'rejected'; code: 'invalid' | 'forbidden' | 'rate_limited'; message: string };

/** `kiosk.reload`: staff asked this kiosk to load its page again. */
export interface KioskReloadNotice {
  reason: 'staff';
}

/** How often the kiosk page repeats its health report while connected. */
export const HEALTH_EVERY_MS = 5 * 60_000;
