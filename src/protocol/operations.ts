import type { KioskHealth } from './kiosk-health.js';

/**
 * The answers of the staff admin's operations reads (README section 2, "Staff operations"):
 * `GET /api/audit` and `GET /api/evaluation`. Written once for the server and the pages.
 */

/** One audit row as staff see it; secrets were redacted when it was written. */
export interface AuditItem {
  id: number;
  at: string;
  /** `user:ID`, `cli`, `anonymous`, `system:NAME`. */
  actor: string;
  /** The person's name where the actor is a login still known, else null. */
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  detail: unknown;
}

/** `GET /api/audit`: a page, newest first; `next` is the `before` of the next page, or null. */
export interface AuditPage {
  items: AuditItem[];
  next: number | null;
}

export const COUNTED = ['signup', 'cancel', 'booking', 'meal'] as const;
export type Counted = (typeof COUNTED)[number];
export const SOURCES = ['wall', 'staff', 'relative'] as const;
export type UsageSource = (typeof SOURCES)[number];
export type BySource = Record<UsageSource, number>;

export interface WeekCounts {
  /** The Monday the week starts on (centre-local). */
  monday: string;
  counts: Record<Counted, BySource>;
  /** Read-aloud presses (all sources). */
  speech: number;
}

/** `GET /api/evaluation?from&to`: counts only, never a name. */
export interface EvaluationReport {
  from: string;
  to: string;
  weeks: WeekCounts[];
  /** Kiosk actions and read-aloud presses on kiosks by local hour 0–23, over the period. */
  kioskByHour: number[];
}

/** `GET /api/devices/presence`: `{ kiosks: KioskPresenceRow[] }`, every kiosk not revoked. */
export interface KioskPresenceRow {
  id: string;
  /** Enrolled with its code (it holds a device token). */
  enrolled: boolean;
  /** When its unused enrolment code expires; null once enrolled or without a code. */
  codeExpiresAt: string | null;
  online: boolean;
  /** Now while online; else its last connect or disconnect; null if never seen. */
  lastSeenAt: string | null;
  /** What it said it runs when it last connected (`auth.app`), if it did. */
  appVersion: string | null;
  /** Its shell's last `kiosk.health` since the server started (kiosk-health.ts), or null. */
  health: KioskHealth | null;
  /** When that report came. */
  healthAt: string | null;
}
