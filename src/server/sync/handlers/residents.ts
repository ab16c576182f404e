import type { Audience, Resident } from '../../../domain/model.js';
import { reaches } from '../../../domain/rules/audience.js';
import { isStaff } from '../../auth/principal.js';
import { Rejection, type HandlerContext } from '../handler.js';

/**
 * The resident must exist, and the caller must be allowed to act for them.
 *
 * `missing` is the message for a resident the caller may not know: a relative acting for
 * someone else's resident gets exactly the answer of an id that does not exist (the privacy
 * suite compares them byte for byte), so a caller that looked the resident up through another
 * record (a booking) passes that record's not-found message and the two stay alike.
 */
export async function residentActingFor(
  ctx: HandlerContext,
  residentId: string,
  missing = 'No such resident.',
): Promise<Resident> {
  const resident = await ctx.w.get('resident', residentId);
  const p = ctx.principal;
  if (!resident) throw new Rejection('not_found', missing);
  if (isStaff(p)) return resident;
  if (p.role === 'kiosk' && !ctx.hasConsent(residentId)) {
    throw new Rejection(
      'forbidden',
      'This resident is not shown on the wall screen; ask staff.',
      'no_consent',
    );
  }
  if (p.kind === 'user' && p.role === 'relative') {
    // Same answer as a missing resident: a relative learns nothing of residents not theirs, nor
    // of their own while the resident's consent for the relatives' view is not given (they
    // receive nothing of them either: sync/visibility.ts).
    if (!p.residentIds.includes(residentId) || !resident.consent.relatives.given)
      throw new Rejection('not_found', missing);
    // Their own resident: only where staff allowed relatives to act (absent: not allowed).
    if (resident.relativesMayAct !== true)
      throw new Rejection(
        'forbidden',
        'Staff have not allowed relatives to sign up or cancel for this resident.',
        'relatives_may_not_act',
      );
  }
  return resident;
}

/**
 * Is a record of this audience one the relative never receives (for none of their residents'
 * houses: sync/visibility.ts)? Then acting on it must answer as a missing one, so an error does
 * not tell what the pull does not. False for everyone but relatives.
 */
export async function hiddenFromRelative(
  ctx: HandlerContext,
  audience: Audience,
): Promise<boolean> {
  const p = ctx.principal;
  if (p.kind !== 'user' || p.role !== 'relative') return false;
  const groups = new Set<string>();
  for (const id of p.residentIds) {
    const r = await ctx.w.get('resident', id);
    if (r?.consent.relatives.given) for (const g of r.groupIds) groups.add(g);
  }
  return !reaches(audience, [...groups]);
}
