/** Kiosk devices. (Residents and their consent: people.ts.) */
import { markDeviceRevoked } from '../../store/secrets.js';
import { Rejection, type PartialHandlers } from '../handler.js';
import { mirrorKiosk } from '../mirrors.js';

export const adminHandlers: PartialHandlers<'device.revoke'> = {
  async 'device.revoke'(ctx, { deviceId }) {
    if (!(await markDeviceRevoked(ctx.w.db, deviceId)))
      throw new Rejection('not_found', 'No such kiosk.');
    await mirrorKiosk(ctx.w, deviceId);
    ctx.effect({ kind: 'revoke-device', deviceId });
    return undefined;
  },
};
