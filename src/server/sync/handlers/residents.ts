import type { Resident } from '../../../domain/model.js';
import { isStaff } from '../../auth/principal.js';
import { Rejection, type HandlerContext } from '../handler.js';

/** The resident must exist, and the caller must be allowed to act for them. */
export async function residentActingFor(
  ctx: HandlerContext,
  residentId: string,
): Promise<Resident> {
  const resident = await ctx.w.get('resident', residentId);
  const p = ctx.principal;
  if (!resident) throw new Rejection('not_found', 'No such resident.');
  if (isStaff(p)) return resident;
  if (p.role === 'kiosk' && !ctx.hasConsent(residentId)) {
    throw new Rejection(
      'forbidden',
      'This resident is not shown on the wall screen; ask staff.',
      'no_consent',
    );
  }
  if (p.kind === 'user' && p.role === 'relative' && !p.residentIds.includes(residentId)) {
    // Same answer as a missing resident: a relative learns nothing of residents not theirs.
    throw new Rejection('not_found', 'No such resident.');
  }
  return resident;
}
