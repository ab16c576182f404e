/**
 * activity.put / activity.del / activity.putSeries. A recurrence (RRULE) is expanded into one
 * activity per occurrence (`<base>@<local date>`, `seriesId` = the series' first activity), so
 * every occurrence has its own capacity and waiting list; editing the series rewrites the
 * occurrences and keeps their sign-ups. Series edits by scope live in activity-series.ts.
 */
import type { ActivityInput } from '../../../protocol/index.js';
import { Rejection, type PartialHandlers } from '../handler.js';
import {
  deleteOne,
  occurrencesOf,
  putOne,
  shiftedDeadline,
  writeOccurrences,
  type ActivityRecord,
} from './activity-occurrences.js';
import { putSeries } from './activity-series.js';
import type { z } from 'zod';

type Input = z.infer<typeof ActivityInput>;

export const activityHandlers: PartialHandlers<
  'activity.put' | 'activity.del' | 'activity.putSeries'
> = {
  async 'activity.put'(ctx, input: Input) {
    if (Date.parse(input.end) <= Date.parse(input.start)) {
      throw new Rejection('invalid', 'An activity must end after it starts.');
    }
    const existing = await ctx.w.get('activity', input.id);
    const seriesId = existing?.seriesId ?? null;
    if (seriesId !== null) {
      // An occurrence edited on its own: it has no rule of its own.
      await putOne(ctx, { ...input, recurrence: null, seriesId });
      return undefined;
    }
    const head: ActivityRecord = { ...input, seriesId: null };
    await putOne(ctx, head);
    const occurrences = await writeOccurrences(ctx, head, (occ) => ({
      ...head,
      start: occ.start,
      end: occ.end,
      signupDeadline: shiftedDeadline(head, occ.start),
    }));
    return { result: { occurrences } };
  },

  async 'activity.del'(ctx, { id }) {
    if (!(await ctx.w.get('activity', id))) throw new Rejection('not_found', 'No such activity.');
    for (const a of await occurrencesOf(ctx, id)) await deleteOne(ctx, a.id);
    await deleteOne(ctx, id);
    return undefined;
  },

  'activity.putSeries': putSeries,
};
