/** Residents (with wall consent and PIN) and kiosk devices. */
import { hashPassword } from '../../auth/tokens.js';
import { markDeviceRevoked, setPinHash } from '../../store/secrets.js';
import { Rejection, type PartialHandlers } from '../handler.js';
import { mirrorKiosk } from '../mirrors.js';

export const adminHandlers: PartialHandlers<'resident.put' | 'device.revoke'> = {
  async 'resident.put'(ctx, input) {
    const { pin, ...fields } = input;
    const existing = await ctx.w.get('resident', input.id);
    let hasPin = existing?.hasPin ?? false;
    if (pin !== undefined) {
      await setPinHash(ctx.w.db, input.id, pin === null ? null : await hashPassword(pin));
      hasPin = pin !== null;
    }
    await ctx.w.put('resident', { ...fields, hasPin });
    // Consent decides what every kiosk may see: a change makes them start over (`reset`).
    if (!existing || existing.wallConsent !== fields.wallConsent) {
      ctx.effect({ kind: 'consent', residentId: input.id, wallConsent: fields.wallConsent });
    }
    return undefined;
  },
  async 'device.revoke'(ctx, { deviceId }) {
    if (!(await markDeviceRevoked(ctx.w.db, deviceId)))
      throw new Rejection('not_found', 'No such kiosk.');
    await mirrorKiosk(ctx.w, deviceId, { online: false });
    ctx.effect({ kind: 'revoke-device', deviceId });
    return undefined;
  },
};
