/**
 * activity.put / activity.del. A weekly recurrence is expanded into one activity per occurrence
 * (`<id>@<local date>`, `seriesId` = the first), so every occurrence has its own capacity and
 * waiting list; editing the series rewrites the future occurrences and keeps their sign-ups.
 */
import type { Activity } from '../../../domain/model.js';
import { expandWeekly } from '../../../domain/rules/recurrence.js';
import type { ActivityInput } from '../../../protocol/index.js';
import { Rejection, type HandlerContext, type PartialHandlers } from '../handler.js';
import { rebalanceActivity } from './signups.js';
import type { z } from 'zod';

type Input = z.infer<typeof ActivityInput>;

async function putOne(
  ctx: HandlerContext,
  record: Omit<Activity, 'confirmedCount' | 'waitlistCount'>,
): Promise<void> {
  const existing = await ctx.w.get('activity', record.id);
  const activity: Activity = {
    ...record,
    confirmedCount: existing?.confirmedCount ?? 0,
    waitlistCount: existing?.waitlistCount ?? 0,
  };
  await ctx.w.put('activity', activity);
  if (existing && existing.capacity !== activity.capacity) await rebalanceActivity(ctx, activity);
}

async function deleteOne(ctx: HandlerContext, id: string): Promise<void> {
  for (const s of await ctx.w.list('signup', 'activity_id', id))
    await ctx.w.del('signup', s.id, s.residentId);
  await ctx.w.del('activity', id);
}

export const activityHandlers: PartialHandlers<'activity.put' | 'activity.del'> = {
  async 'activity.put'(ctx, input: Input) {
    if (Date.parse(input.end) <= Date.parse(input.start)) {
      throw new Rejection('invalid', 'An activity must end after it starts.');
    }
    const existing = await ctx.w.get('activity', input.id);
    const seriesId = existing?.seriesId ?? null;
    await putOne(ctx, { ...input, seriesId });
    if (seriesId !== null) return undefined;

    const occurrenceIds = new Set<string>();
    if (input.recurrence) {
      const deadlineOffset =
        input.signupDeadline === null
          ? null
          : Date.parse(input.signupDeadline) - Date.parse(input.start);
      for (const occ of expandWeekly(input.start, input.end, input.recurrence, ctx.timeZone).slice(
        1,
      )) {
        const id = `${input.id}@${occ.date}`;
        occurrenceIds.add(id);
        await putOne(ctx, {
          ...input,
          id,
          start: occ.start,
          end: occ.end,
          signupDeadline:
            deadlineOffset === null
              ? null
              : new Date(Date.parse(occ.start) + deadlineOffset).toISOString(),
          recurrence: null,
          seriesId: input.id,
        });
      }
    }
    // Occurrences the new rule no longer produces go, with their sign-ups.
    for (const a of await ctx.w.list('activity', null)) {
      if (a.seriesId === input.id && !occurrenceIds.has(a.id)) await deleteOne(ctx, a.id);
    }
    return { result: { occurrences: occurrenceIds.size + 1 } };
  },

  async 'activity.del'(ctx, { id }) {
    if (!(await ctx.w.get('activity', id))) throw new Rejection('not_found', 'No such activity.');
    for (const a of await ctx.w.list('activity', null)) {
      if (a.seriesId === id) await deleteOne(ctx, a.id);
    }
    await deleteOne(ctx, id);
    return undefined;
  },
};
