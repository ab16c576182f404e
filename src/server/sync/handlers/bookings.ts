import type { Audience } from '../../../domain/model.js';
import { inAudience } from '../../../domain/rules/audience.js';
import { checkBooking } from '../../../domain/rules/booking.js';
import { checkStart, isReleaseDue } from '../../../domain/rules/booking-release.js';
import { isStaff } from '../../auth/principal.js';
import { Rejection, type PartialHandlers } from '../handler.js';
import { hiddenFromRelative, residentActingFor } from './residents.js';

const ALL: Audience = { kind: 'all' };

export const bookingHandlers: PartialHandlers<
  'booking.add' | 'booking.cancel' | 'booking.start' | 'booking.release'
> = {
  async 'booking.add'(ctx, args) {
    const resident = await residentActingFor(ctx, args.residentId);
    const resource = await ctx.w.get('resource', args.resourceId);
    if (!resource || (await hiddenFromRelative(ctx, resource.audience ?? ALL)))
      throw new Rejection('not_found', 'No such resource.');
    // Staff may book for anyone; residents (kiosk, relative) only what is for their groups.
    // Resources stored before they had an audience are for everyone.
    if (!isStaff(ctx.principal) && !inAudience(resource.audience ?? ALL, resident.groupIds))
      throw new Rejection('forbidden', 'This is for other groups.', 'not_in_audience');
    const id = args.bookingId ?? ctx.newId();
    if (await ctx.w.get('booking', id))
      throw new Rejection('conflict', 'A booking with this id exists already.');
    const existing = await ctx.w.list('booking', 'resource_id', args.resourceId);
    const request = {
      residentId: args.residentId,
      start: new Date(args.start),
      end: new Date(args.end),
    };
    const check = checkBooking(resource, request, existing, ctx.now, ctx.timeZone);
    if (!check.ok) throw new Rejection(check.code, check.message, check.reason);
    await ctx.w.put('booking', {
      id,
      resourceId: args.resourceId,
      residentId: args.residentId,
      start: request.start.toISOString(),
      end: request.end.toISOString(),
      status: 'active',
    });
    return { result: { bookingId: id } };
  },

  async 'booking.cancel'(ctx, { bookingId }) {
    const booking = await ctx.w.get('booking', bookingId);
    if (!booking || booking.residentId === null)
      throw new Rejection('not_found', 'No such booking.');
    await residentActingFor(ctx, booking.residentId, 'No such booking.');
    if (booking.status === 'cancelled') return { result: { booking: 'cancelled' } };
    if (Date.parse(booking.end) <= ctx.now.getTime()) {
      throw new Rejection('closed', 'This booking is over and cannot be cancelled.', 'in_the_past');
    }
    await ctx.w.put('booking', { ...booking, status: 'cancelled' });
    return { result: { booking: 'cancelled' } };
  },

  async 'booking.start'(ctx, { bookingId }) {
    const booking = await ctx.w.get('booking', bookingId);
    if (!booking || booking.residentId === null)
      throw new Rejection('not_found', 'No such booking.');
    await residentActingFor(ctx, booking.residentId, 'No such booking.');
    const check = checkStart(booking, ctx.now);
    if (!check.ok) throw new Rejection(check.code, check.message, check.reason);
    // A second tap changes nothing: the first start time stays.
    if ((booking.startedAt ?? null) === null)
      await ctx.w.put('booking', { ...booking, startedAt: ctx.now.toISOString() });
    return { result: { booking: 'started' } };
  },

  async 'booking.release'(ctx, { bookingId }) {
    const booking = await ctx.w.get('booking', bookingId);
    if (!booking) throw new Rejection('not_found', 'No such booking.');
    const resource = await ctx.w.get('resource', booking.resourceId);
    if (!resource) throw new Rejection('not_found', 'No such resource.');
    // Decided again inside the writer queue: the resident may have tapped "I'm using it now"
    // between the sweep's look and this commit, and then the booking stays theirs.
    if (!isReleaseDue(resource, booking, ctx.now))
      throw new Rejection('conflict', 'This booking is not due for release.');
    await ctx.w.put('booking', {
      ...booking,
      status: 'cancelled',
      releasedAt: ctx.now.toISOString(),
    });
    return { result: { booking: 'released' } };
  },
};
