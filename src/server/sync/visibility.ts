/**
 * Who may see which change. One function serves both pull and push, so the two can never
 * disagree. Pure: the caller supplies the viewer and the set of residents with wall consent.
 */
import type { Change } from '../../protocol/index.js';
import type { Principal } from '../auth/principal.js';
import type { LoggedChange } from '../store/writer.js';

export type Viewer =
  | { role: 'staff' | 'admin' }
  | { role: 'kiosk' }
  | { role: 'relative'; residentIds: ReadonlySet<string> };

export interface VisibilityFacts {
  /** Residents whose name and photo may appear on the shared wall screen. */
  consenting: ReadonlySet<string>;
}

/** What a principal may see, as the projection below needs it. */
export function viewerOf(p: Principal): Viewer {
  if (p.kind === 'device') return { role: 'kiosk' };
  if (p.role === 'relative') return { role: 'relative', residentIds: new Set(p.residentIds) };
  return { role: p.role };
}

/** A room shared by every socket that sees exactly the same changes. */
export function viewerRoom(viewer: Viewer, userId: string): string {
  if (viewer.role === 'kiosk') return 'view:kiosk';
  if (viewer.role === 'relative') return `view:relative:${userId}`;
  return 'view:staff';
}

function mayKnowResident(viewer: Viewer, residentId: string, facts: VisibilityFacts): boolean {
  switch (viewer.role) {
    case 'staff':
    case 'admin':
      return true;
    case 'kiosk':
      return facts.consenting.has(residentId);
    case 'relative':
      return viewer.residentIds.has(residentId);
  }
}

/** The change as `viewer` may see it, or null when it is none of their business. */
export function project(
  change: LoggedChange,
  viewer: Viewer,
  facts: VisibilityFacts,
): Change | null {
  const out: Change = { seq: change.seq, type: change.type, id: change.id, op: change.op };
  if (change.data) out.data = change.data;
  if (viewer.role === 'staff' || viewer.role === 'admin') return out;
  if (change.type === 'attendance') return null;
  if (change.residentId === null) return out;
  if (mayKnowResident(viewer, change.residentId, facts)) return out;
  // A booking by someone the viewer may not know still makes the slot taken: show it, nameless.
  if (change.type === 'booking') {
    if (change.op === 'del' || !change.data) return out;
    return { ...out, data: { ...change.data, residentId: null } };
  }
  return null;
}
