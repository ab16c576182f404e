/**
 * What activity.put and activity.putSeries share: writing one activity with its derived counts,
 * deleting one with what hangs off it, and writing a series' occurrences from its rule.
 */
import type { Activity } from '../../../domain/model.js';
import { expandRecurrence, type Occurrence } from '../../../domain/rules/recurrence.js';
import { Rejection, type HandlerContext } from '../handler.js';
import { rebalanceActivity } from './signups.js';

export type ActivityRecord = Omit<Activity, 'confirmedCount' | 'waitlistCount'>;

/** Writes an activity, keeping its derived counts; a new capacity promotes waiting residents. */
export async function putOne(ctx: HandlerContext, record: ActivityRecord): Promise<void> {
  const existing = await ctx.w.get('activity', record.id);
  const activity: Activity = {
    ...record,
    confirmedCount: existing?.confirmedCount ?? 0,
    waitlistCount: existing?.waitlistCount ?? 0,
  };
  await ctx.w.put('activity', activity);
  if (existing && existing.capacity !== activity.capacity) await rebalanceActivity(ctx, activity);
}

/** Deletes an activity with its sign-ups and attendance. */
export async function deleteOne(ctx: HandlerContext, id: string): Promise<void> {
  for (const s of await ctx.w.list('signup', 'activity_id', id))
    await ctx.w.del('signup', s.id, s.residentId);
  for (const a of await ctx.w.list('attendance', null))
    if (a.activityId === id) await ctx.w.del('attendance', a.id, a.residentId);
  await ctx.w.del('activity', id);
}

/** The activities of a series after its first (the head itself is not among them). */
export async function occurrencesOf(ctx: HandlerContext, headId: string): Promise<Activity[]> {
  const all = await ctx.w.list('activity', null);
  return all.filter((a) => a.seriesId === headId).sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * Occurrence ids keep the first series' name: after "this and later" splits a series at
 * `s@2026-12-15`, its occurrences are still `s@<date>`, so the sign-ups of a day survive.
 */
export const occurrenceBase = (headId: string): string =>
  /^(.+)@\d{4}-\d{2}-\d{2}$/.exec(headId)?.[1] ?? headId;

/** The deadline of an occurrence: the same offset before its start as the head's. */
export function shiftedDeadline(head: ActivityRecord, occStart: string): string | null {
  if (head.signupDeadline === null) return null;
  const offset = Date.parse(head.signupDeadline) - Date.parse(head.start);
  return new Date(Date.parse(occStart) + offset).toISOString();
}

/**
 * Writes the occurrences `head`'s rule produces (after the head itself) and deletes the series'
 * occurrences it no longer produces, with their sign-ups. `recordFor` makes each occurrence's
 * record from the expansion and the occurrence already stored under its id, if any. An id held
 * by an activity of another series or a one-off is refused (`conflict`) rather than taken over.
 * Returns the number of activities in the series, the head included.
 */
export async function writeOccurrences(
  ctx: HandlerContext,
  head: ActivityRecord,
  recordFor: (occ: Occurrence, id: string, existing: Activity | undefined) => ActivityRecord,
): Promise<number> {
  const produced = new Set<string>();
  if (head.recurrence) {
    const base = occurrenceBase(head.id);
    const occs = expandRecurrence(head.start, head.end, head.recurrence, ctx.timeZone).slice(1);
    for (const occ of occs) {
      const id = `${base}@${occ.date}`;
      if (id === head.id) continue;
      const existing = await ctx.w.get('activity', id);
      if (existing && existing.seriesId !== head.id) {
        throw new Rejection('conflict', `The activity ${id} belongs to another series.`);
      }
      produced.add(id);
      await putOne(ctx, {
        ...recordFor(occ, id, existing),
        id,
        seriesId: head.id,
        recurrence: null,
      });
    }
  }
  for (const a of await occurrencesOf(ctx, head.id)) {
    if (!produced.has(a.id)) await deleteOne(ctx, a.id);
  }
  return produced.size + 1;
}
