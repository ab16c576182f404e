/**
 * Who may see which change. One function serves pull, push and media, so they can never
 * disagree. Pure: the caller supplies the viewer and the facts about residents it depends on.
 *
 * The rules, in order:
 * - staff and admins see everything;
 * - attendance (who came), kiosks, logins, relatives' invitations and day-structure templates
 *   are staff-only;
 * - a calendar address (`feed`) reaches staff and the one relative who made it (`isOwnFeed`);
 * - wall notices reach every kiosk (each shows only those meant for it) and no relative;
 * - news, activities, resources and photo albums reach a viewer only through the audience rule
 *   (domain/rules/audience):
 *   a kiosk for the whole centre sees all, a kiosk of some houses only what is for everyone or for
 *   its houses, a relative what is for everyone or for their residents' groups;
 * - a record about a resident (the resident, sign-ups, bookings, meal answers, personal day
 *   items) reaches a kiosk only with the resident's wall consent, a relative only for their own
 *   residents and only while the resident's consent for the relatives' view is given (consent per
 *   channel, enforced here whatever linked the relative: an invitation, the command line);
 * - a relative receives the resident record without what is staff's (`forRelative`);
 * - a group's day items and shifts reach a relative only for their residents' groups, as news do;
 * - a PIN-guarded resident's personal day items never reach a kiosk through the change log: they
 *   come only in the answer to a successful `resident.unlock` (sync/unlock.ts);
 * - a booking by someone a kiosk may not know still makes the slot taken: sent nameless. A
 *   relative gets no one else's bookings at all: nameless, they would still say when someone used
 *   the machine, and for a resource of another house that it exists; the server refuses an
 *   overlapping booking in any case.
 *
 * When a put is hidden for a reason that belongs to the record itself (its audience), the viewer
 * gets a `del` instead of nothing: it may hold an earlier version that was visible, and a fresh
 * pull would not contain it. Facts that change what a whole viewer
 * may see (consent, PINs, groups) are handled by the view key instead (view-key.ts).
 */
import type { Audience } from '../../domain/model.js';
import { reaches } from '../../domain/rules/audience.js';
import type { Change } from '../../protocol/index.js';
import type { Principal } from '../auth/principal.js';
import type { LoggedChange } from '../store/writer.js';

export type Viewer =
  | { role: 'staff' | 'admin' }
  /** `groupIds` empty: a kiosk for the whole centre. */
  | { role: 'kiosk'; groupIds: readonly string[] }
  /** `userId`: the relative's own records (their calendar addresses) reach only them. */
  | { role: 'relative'; residentIds: ReadonlySet<string>; userId?: string };

/** What visibility needs to know of one resident. */
export interface ResidentFacts {
  wallConsent: boolean;
  hasPin: boolean;
  groupIds: readonly string[];
  /** The resident's consent for the relatives' view (`consent.relatives.given`). */
  relativesConsent: boolean;
}

/** An immutable snapshot of the facts about residents that decide visibility. */
export interface VisibilityFacts {
  /** Residents whose name and photo may appear on the shared wall screen. */
  readonly consenting: ReadonlySet<string>;
  /** Residents whose personal view is guarded by a PIN. */
  readonly pinned: ReadonlySet<string>;
  readonly residents: ReadonlyMap<string, ResidentFacts>;
}

/** Builds a snapshot; a change makes a new one (`withResident`), never edits this one. */
export function factsOf(residents: ReadonlyMap<string, ResidentFacts>): VisibilityFacts {
  const consenting = new Set<string>();
  const pinned = new Set<string>();
  for (const [id, r] of residents) {
    if (r.wallConsent) consenting.add(id);
    if (r.hasPin) pinned.add(id);
  }
  return { consenting, pinned, residents };
}

/** The snapshot after a resident was written (`facts`) or deleted (`null`). */
export function withResident(
  facts: VisibilityFacts,
  residentId: string,
  next: ResidentFacts | null,
): VisibilityFacts {
  const residents = new Map(facts.residents);
  if (next) residents.set(residentId, next);
  else residents.delete(residentId);
  return factsOf(residents);
}

/** The facts of a resident record as stored (its JSON `data`). */
export function residentFacts(data: Record<string, unknown>): ResidentFacts {
  return {
    wallConsent: data.wallConsent === true,
    hasPin: data.hasPin === true,
    groupIds: Array.isArray(data.groupIds)
      ? data.groupIds.filter((g): g is string => typeof g === 'string')
      : [],
    // Records stored before consent was per channel have none for relatives: not given.
    relativesConsent:
      (data.consent as { relatives?: { given?: unknown } } | undefined)?.relatives?.given === true,
  };
}

/** What a principal may see, as the projection below needs it. */
export function viewerOf(p: Principal): Viewer {
  if (p.kind === 'device') return { role: 'kiosk', groupIds: p.groupIds };
  if (p.role === 'relative')
    return { role: 'relative', residentIds: new Set(p.residentIds), userId: p.id };
  return { role: p.role };
}

/** A room shared by every socket that sees exactly the same changes. */
export function viewerRoom(viewer: Viewer, userId: string): string {
  if (viewer.role === 'kiosk')
    return viewer.groupIds.length === 0
      ? 'view:kiosk'
      : `view:kiosk:${[...viewer.groupIds].sort().join(',')}`;
  if (viewer.role === 'relative') return `view:relative:${userId}`;
  return 'view:staff';
}

/** The groups whose items reach the viewer, or 'all'. */
export function viewerGroups(viewer: Viewer, facts: VisibilityFacts): readonly string[] | 'all' {
  switch (viewer.role) {
    case 'staff':
    case 'admin':
      return 'all';
    case 'kiosk':
      return viewer.groupIds.length === 0 ? 'all' : viewer.groupIds;
    case 'relative': {
      // Only residents the relative may know: a non-consenting one's houses say where they live.
      const groups = new Set<string>();
      for (const id of viewer.residentIds)
        if (mayKnowResident(viewer, id, facts))
          for (const g of facts.residents.get(id)?.groupIds ?? []) groups.add(g);
      return [...groups];
    }
  }
}

function mayKnowResident(viewer: Viewer, residentId: string, facts: VisibilityFacts): boolean {
  switch (viewer.role) {
    case 'staff':
    case 'admin':
      return true;
    case 'kiosk':
      return facts.consenting.has(residentId);
    case 'relative':
      return (
        viewer.residentIds.has(residentId) &&
        facts.residents.get(residentId)?.relativesConsent === true
      );
  }
}

/**
 * The resident record as a relative receives it: what staff keep about the resident is not the
 * family's. Which staff member recorded a consent and when, and whether a guardian gave it, are
 * blanked (only `given` per channel stays: the relatives' pages say what the resident allows);
 * whether a PIN guards the wall view is the resident's own matter on the wall (always false
 * here). The record keeps its shape, so a client's schema still reads it.
 */
function forRelative(data: Record<string, unknown>): Record<string, unknown> {
  const consent = (data.consent ?? {}) as Record<string, { given?: unknown } | undefined>;
  const blank = (c: { given?: unknown } | undefined) => ({
    given: c?.given === true,
    by: null,
    recordedBy: null,
    at: null,
  });
  return {
    ...data,
    hasPin: false,
    consent: {
      wall: blank(consent.wall),
      relatives: blank(consent.relatives),
      calendar: blank(consent.calendar),
    },
  };
}

/** A group's own records beside news and activities: a house's day items, who is on duty there. */
const GROUP_RECORDS = new Set(['dayitem', 'shift']);

/**
 * Records whose own fields can hide them: the audience of news, activities, resources and photo
 * albums, which staff may change. (A day item's resident cannot change: `dayitem.put` refuses to
 * move one, so a hidden personal item is hidden by facts that the view key covers.)
 */
const WITH_AUDIENCE = new Set(['news', 'activity', 'resource', 'album']);

/** What only staff see: who came, and the admin's kiosks and logins. */
const STAFF_ONLY = new Set(['attendance', 'kiosk', 'user', 'invitation', 'daytemplate']);

/**
 * A calendar address (`feed`) is a secret of the one relative who made it, not of everyone who
 * may see its resident: it reaches staff and that relative only (while they have the resident),
 * never a kiosk nor another relative of the same resident. Its rare delete (the resident erased)
 * carries no owner, so it reaches staff only.
 */
function isOwnFeed(change: LoggedChange, viewer: Viewer): boolean {
  if (viewer.role !== 'relative' || change.op !== 'put' || !change.data) return false;
  const { userId, residentId } = change.data;
  return (
    typeof userId === 'string' &&
    userId === viewer.userId &&
    typeof residentId === 'string' &&
    viewer.residentIds.has(residentId)
  );
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
  if (STAFF_ONLY.has(change.type)) return null;
  if (change.type === 'feed') return isOwnFeed(change, viewer) ? out : null;
  // A notice names kiosks, not residents: every kiosk gets it (rooms are per house, not per
  // kiosk) and shows it only when it is for all or for it (ui/kiosk/frame/wall-notice.tsx).
  if (change.type === 'wallnotice') return viewer.role === 'kiosk' ? out : null;
  if (WITH_AUDIENCE.has(change.type) && change.data) {
    const audience = change.data.audience as Audience | undefined;
    if (audience && !reaches(audience, viewerGroups(viewer, facts)))
      return { seq: change.seq, type: change.type, id: change.id, op: 'del' };
  }
  if (
    viewer.role === 'relative' &&
    GROUP_RECORDS.has(change.type) &&
    typeof change.data?.groupId === 'string'
  ) {
    // A shift may move between houses: an earlier visible version is taken back with a `del`.
    const groups = viewerGroups(viewer, facts);
    if (groups !== 'all' && !groups.includes(change.data.groupId))
      return { seq: change.seq, type: change.type, id: change.id, op: 'del' };
  }
  if (change.residentId === null) return out;
  if (viewer.role === 'kiosk' && change.type === 'dayitem' && facts.pinned.has(change.residentId))
    return null;
  if (mayKnowResident(viewer, change.residentId, facts)) {
    if (viewer.role === 'relative' && change.type === 'resident' && out.data)
      return { ...out, data: forRelative(out.data) };
    return out;
  }
  if (change.type === 'booking' && viewer.role === 'kiosk') {
    if (change.op === 'del' || !change.data) return out;
    return { ...out, data: { ...change.data, residentId: null } };
  }
  return null;
}
