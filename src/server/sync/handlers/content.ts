/** Staff-published content without rules of its own: news, day items, shifts, resources, groups. */
import { attendanceId } from '../../../domain/model.js';
import { DEFAULT_CENTRE_ID } from '../../centre.js';
import { dayOf } from '../../../domain/rules/days.js';
import { changedOnFor } from '../../../domain/rules/week-plan.js';
import { Rejection, type PartialHandlers } from '../handler.js';

type ContentNames =
  | 'news.put'
  | 'news.del'
  | 'dayitem.put'
  | 'dayitem.del'
  | 'shift.put'
  | 'shift.del'
  | 'resource.put'
  | 'resource.del'
  | 'group.put'
  | 'centre.put'
  | 'attendance.set';

export const contentHandlers: PartialHandlers<ContentNames> = {
  async 'news.put'(ctx, news) {
    if (news.expiresAt !== null && news.expiresAt <= news.publishAt) {
      throw new Rejection('invalid', 'A news post must expire after it is published.');
    }
    await ctx.w.put('news', news);
    return undefined;
  },
  async 'news.del'(ctx, { id }) {
    if (!(await ctx.w.get('news', id))) throw new Rejection('not_found', 'No such news post.');
    await ctx.w.del('news', id);
    return undefined;
  },
  async 'dayitem.put'(ctx, item) {
    // A day item stays with the resident or group it was made for: what each client may see of
    // it is decided by that owner, and a client that saw it under one owner must not keep it
    // after a move it is not shown (sync/visibility.ts). Moving is delete + new.
    const existing = await ctx.w.get('dayitem', item.id);
    if (existing && (existing.residentId !== item.residentId || existing.groupId !== item.groupId))
      throw new Rejection(
        'conflict',
        'A day item cannot move to another resident or group: delete it and make a new one.',
      );
    // A change to today's plan is marked "Ændret" on the wall until the day ends; the server
    // decides the mark (centre time zone), whatever the client sent.
    const today = dayOf(ctx.now, ctx.timeZone);
    await ctx.w.put('dayitem', { ...item, changedOn: changedOnFor(existing, item, today) });
    return undefined;
  },
  async 'dayitem.del'(ctx, { id }) {
    const item = await ctx.w.get('dayitem', id);
    if (!item) throw new Rejection('not_found', 'No such day item.');
    await ctx.w.del('dayitem', id, item.residentId);
    return undefined;
  },
  async 'shift.put'(ctx, shift) {
    if (shift.end <= shift.start)
      throw new Rejection('invalid', 'A shift must end after it starts.');
    await ctx.w.put('shift', shift);
    return undefined;
  },
  async 'shift.del'(ctx, { id }) {
    if (!(await ctx.w.get('shift', id))) throw new Rejection('not_found', 'No such shift.');
    await ctx.w.del('shift', id);
    return undefined;
  },
  async 'resource.put'(ctx, resource) {
    // `to` at or before `from` is a night opening that ends the next day (see rules/booking).
    await ctx.w.put('resource', resource);
    return undefined;
  },
  async 'resource.del'(ctx, { id }) {
    if (!(await ctx.w.get('resource', id))) throw new Rejection('not_found', 'No such resource.');
    for (const b of await ctx.w.list('booking', 'resource_id', id))
      await ctx.w.del('booking', b.id, b.residentId);
    await ctx.w.del('resource', id);
    return undefined;
  },
  async 'group.put'(ctx, group) {
    await ctx.w.put('group', group);
    return undefined;
  },
  async 'centre.put'(ctx, centre) {
    // A fresh server has no centre record yet: the first centre.put creates it.
    const [current] = await ctx.w.list('centre', null);
    await ctx.w.put('centre', { id: current?.id ?? DEFAULT_CENTRE_ID, ...centre });
    return undefined;
  },
  async 'attendance.set'(ctx, { activityId, residentId, present }) {
    if (!(await ctx.w.get('activity', activityId)))
      throw new Rejection('not_found', 'No such activity.');
    if (!(await ctx.w.get('resident', residentId)))
      throw new Rejection('not_found', 'No such resident.');
    await ctx.w.put('attendance', {
      id: attendanceId(activityId, residentId),
      activityId,
      residentId,
      present,
    });
    return undefined;
  },
};
