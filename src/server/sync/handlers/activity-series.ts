/**
 * activity.putSeries: staff edit one occurrence of a series, this one and the later ones, or the
 * whole series, as calendars let people do.
 *
 * - `one`: only the occurrence on `from` changes.
 * - `all`: every activity of the series changes (the first included).
 * - `following`: the series is split at `from` (as calendars do): the old series' rule now ends
 *   the day before, and the occurrence on `from` becomes the first of a new series holding the
 *   changes and the rest. Occurrence ids keep their day, so the sign-ups of every day that is
 *   still in the series survive. `following` from the series' first day is `all`.
 *
 * `changes` is a patch: a field not given keeps each occurrence's own value, so an occurrence
 * moved to 15:00 on its own keeps 15:00 when the whole series gets a new title. A new rule
 * re-expands the series (or its new part): days the rule no longer produces go with their
 * sign-ups, new days are made from the first activity.
 */
import type { Activity } from '../../../domain/model.js';
import { addDaysToDate, dayOf, localTimeOf, zonedInstant } from '../../../domain/rules/days.js';
import { expandRecurrence } from '../../../domain/rules/recurrence.js';
import { formatRRule, ruleParts } from '../../../domain/rules/recurrence-rule.js';
import type { MutationArgs } from '../../../protocol/index.js';
import { Rejection, type Handler, type HandlerContext } from '../handler.js';
import {
  occurrencesOf,
  putOne,
  shiftedDeadline,
  writeOccurrences,
  type ActivityRecord,
} from './activity-occurrences.js';

type Changes = MutationArgs<'activity.putSeries'>['changes'];

const MINUTE = 60_000;

/** The record without the server's counts (putOne keeps those). */
function recordOf(a: Activity): ActivityRecord {
  const { confirmedCount: _c, waitlistCount: _w, ...record } = a;
  return record;
}

/** `record` with `changes` laid over, on the record's own local day. */
function patch(
  ctx: HandlerContext,
  a: Activity | ActivityRecord,
  changes: Changes,
): ActivityRecord {
  const { startTime, endTime, deadlineMinutesBefore, recurrence: _r, ...fields } = changes;
  const base = 'confirmedCount' in a ? recordOf(a) : a;
  const out: ActivityRecord = { ...base };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) Object.assign(out, { [key]: value });
  }
  const tz = ctx.timeZone;
  if (startTime !== undefined || endTime !== undefined) {
    const date = dayOf(base.start, tz);
    const start = zonedInstant(date, startTime ?? localTimeOf(base.start, tz), tz);
    const endClock = endTime ?? localTimeOf(base.end, tz);
    let end = zonedInstant(date, endClock, tz);
    if (end.getTime() <= start.getTime()) end = zonedInstant(addDaysToDate(date, 1), endClock, tz);
    if (base.signupDeadline !== null) {
      const offset = Date.parse(base.signupDeadline) - Date.parse(base.start);
      out.signupDeadline = new Date(start.getTime() + offset).toISOString();
    }
    out.start = start.toISOString();
    out.end = end.toISOString();
  }
  if (deadlineMinutesBefore !== undefined) {
    out.signupDeadline =
      deadlineMinutesBefore === null
        ? null
        : new Date(Date.parse(out.start) - deadlineMinutesBefore * MINUTE).toISOString();
  }
  return out;
}

/** A new occurrence from the series' first activity; an existing one keeps its own fields. */
const occurrenceFrom =
  (ctx: HandlerContext, head: ActivityRecord, changes: Changes) =>
  (occ: { start: string; end: string }, _id: string, existing: Activity | undefined) =>
    existing
      ? patch(ctx, existing, changes)
      : {
          ...head,
          start: occ.start,
          end: occ.end,
          signupDeadline: shiftedDeadline(head, occ.start),
        };

async function editAll(
  ctx: HandlerContext,
  head: Activity,
  occurrences: readonly Activity[],
  changes: Changes,
): Promise<number> {
  const newHead = patch(ctx, head, changes);
  if (changes.recurrence !== undefined) newHead.recurrence = changes.recurrence;
  await putOne(ctx, newHead);
  if (changes.recurrence !== undefined) {
    return writeOccurrences(ctx, newHead, occurrenceFrom(ctx, newHead, changes));
  }
  // The same days: each occurrence patched; one deleted on its own stays deleted.
  for (const occ of occurrences) await putOne(ctx, patch(ctx, occ, changes));
  return occurrences.length + 1;
}

async function split(
  ctx: HandlerContext,
  head: Activity,
  occurrences: readonly Activity[],
  target: Activity,
  from: string,
  changes: Changes,
): Promise<number> {
  const tz = ctx.timeZone;
  const rule = head.recurrence;
  if (rule === null) throw new Error('split of a one-off');
  const parts = ruleParts(rule);
  // The old series ends the day before; the new one continues its rule unless given another.
  await putOne(ctx, {
    ...recordOf(head),
    recurrence: { rrule: formatRRule({ ...parts, until: addDaysToDate(from, -1), count: null }) },
  });
  let continued = rule;
  if (parts.count !== null) {
    const left = expandRecurrence(head.start, head.end, rule, tz).filter((o) => o.date >= from);
    continued = { rrule: formatRRule({ ...parts, count: Math.max(1, left.length) }) };
  }
  const newHead: ActivityRecord = {
    ...patch(ctx, target, changes),
    seriesId: null,
    recurrence: changes.recurrence ?? continued,
  };
  await putOne(ctx, newHead);
  const later = occurrences.filter((o) => dayOf(o.start, tz) > from);
  if (changes.recurrence === undefined) {
    for (const occ of later)
      await putOne(ctx, { ...patch(ctx, occ, changes), seriesId: newHead.id });
    return later.length + 1;
  }
  // A new rule: the later occurrences move to the new series, then its rule decides which stay.
  for (const occ of later) await putOne(ctx, { ...recordOf(occ), seriesId: newHead.id });
  return writeOccurrences(ctx, newHead, occurrenceFrom(ctx, newHead, changes));
}

export const putSeries: Handler<'activity.putSeries'> = async (ctx, edit) => {
  const { seriesId, from, scope, changes } = edit;
  const head = await ctx.w.get('activity', seriesId);
  if (!head || head.seriesId !== null || head.recurrence === null) {
    throw new Rejection('not_found', 'No such series.');
  }
  const occurrences = await occurrencesOf(ctx, head.id);
  const target = [head, ...occurrences].find((a) => dayOf(a.start, ctx.timeZone) === from);
  if (!target) throw new Rejection('not_found', 'The series has no activity on that day.');

  let changed: number;
  let newSeriesId = head.id;
  if (scope === 'one') {
    await putOne(ctx, patch(ctx, target, changes));
    changed = 1;
  } else if (scope === 'all' || target.id === head.id) {
    changed = await editAll(ctx, head, occurrences, changes);
  } else {
    changed = await split(ctx, head, occurrences, target, from, changes);
    newSeriesId = target.id;
  }
  return { result: { seriesId: newSeriesId, changed } };
};
