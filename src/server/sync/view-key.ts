/**
 * The view key: a short digest of everything, beyond the change log itself, that decides what a
 * client sees — the database identity, the viewer, and the facts about residents its projection
 * reads (wall consent, PINs, groups, relatives' consent). Every pull page and every push carries it.
 *
 * Why: the change log records entity changes, not changes of who may see them. A kiosk that was
 * offline while a resident's consent was withdrawn would otherwise pull on from its cursor and keep
 * the withdrawn resident's records for good; one offline while consent was given back would never
 * receive the older records. A client that stored key K with its cache and is answered with
 * another key drops its cache (never its outbox) and pulls from 0, so its cache always equals a
 * fresh full pull. Equal keys mean equal projections of every change, which is what makes pulling
 * on from the cursor correct.
 */
import { createHash } from 'node:crypto';
import type { Viewer, VisibilityFacts } from './visibility.js';

const memo = new WeakMap<VisibilityFacts, Map<string, string>>();

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

function factsPart(viewer: Viewer, facts: VisibilityFacts): string[] {
  switch (viewer.role) {
    case 'staff':
    case 'admin':
      return [viewer.role];
    case 'kiosk': {
      // Only PINs of residents the kiosk may see matter to it.
      const pinned = sorted([...facts.pinned].filter((id) => facts.consenting.has(id)));
      return [
        'kiosk',
        sorted(viewer.groupIds).join(','),
        sorted(facts.consenting).join(','),
        pinned.join(','),
      ];
    }
    case 'relative':
      // Their residents' groups and consent for the relatives' view (given back: start over).
      // `relative:2`: issue 10 changed what a relative receives (no others' bookings, the
      // resident record without staff's facts); the new key makes every relative start over.
      return [
        'relative:2',
        ...sorted(viewer.residentIds).map((id) => {
          const r = facts.residents.get(id);
          return `${id}:${r?.relativesConsent ? 'c' : '-'}:${sorted(r?.groupIds ?? []).join(',')}`;
        }),
      ];
  }
}

/** The view key of `viewer` under `facts` on the database `identity`. */
export function viewKey(identity: string, viewer: Viewer, facts: VisibilityFacts): string {
  // A relative's key reads only their few residents; staff and kiosk keys are the same for every
  // socket of the room, so they are made once per facts snapshot.
  if (viewer.role === 'relative') return digest([identity, ...factsPart(viewer, facts)]);
  const cacheKey = `${identity}|${viewer.role}|${viewer.role === 'kiosk' ? sorted(viewer.groupIds).join(',') : ''}`;
  let perFacts = memo.get(facts);
  if (!perFacts) {
    perFacts = new Map();
    memo.set(facts, perFacts);
  }
  let key = perFacts.get(cacheKey);
  if (key === undefined) {
    key = digest([identity, ...factsPart(viewer, facts)]);
    perFacts.set(cacheKey, key);
  }
  return key;
}
