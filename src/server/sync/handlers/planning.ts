/**
 * Planning in weeks: day-structure templates, filling a week from them, copying a week of day
 * items or of duty shifts. The rules are in domain/rules/week-plan; this writes their result.
 *
 * Ids of what a fill or a copy makes are derived from where it came from (template or item) and
 * the day it lands on, so doing the same fill or copy again overwrites the same records instead
 * of doubling them.
 */
import { createHash } from 'node:crypto';
import type { DayItem } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import {
  changedOnFor,
  copyWeekItems,
  copyWeekShifts,
  itemsFromTemplates,
  sameOwner,
  type PlanOwner,
} from '../../../domain/rules/week-plan.js';
import { Rejection, type HandlerContext, type PartialHandlers } from '../handler.js';

type PlanningNames =
  | 'daytemplate.put'
  | 'daytemplate.del'
  | 'dayitem.applyTemplates'
  | 'dayitem.copyWeek'
  | 'shift.copyWeek';

/** Most records one fill or copy may write: far above a real week, below a runaway. */
const MAX_WRITES = 2000;

const derivedId = (prefix: string, ...parts: string[]): string =>
  `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;

async function checkOwner(ctx: HandlerContext, owner: PlanOwner): Promise<void> {
  if (owner.residentId !== null && !(await ctx.w.get('resident', owner.residentId)))
    throw new Rejection('not_found', 'No such resident.');
  if (owner.groupId !== null && !(await ctx.w.get('group', owner.groupId)))
    throw new Rejection('not_found', 'No such group.');
}

/** The owner's day items (a resident's by the indexed column, a group's by filtering). */
async function itemsOf(ctx: HandlerContext, owner: PlanOwner): Promise<DayItem[]> {
  const rows =
    owner.residentId !== null
      ? await ctx.w.list('dayitem', 'resident_id', owner.residentId)
      : await ctx.w.list('dayitem', null);
  return rows.filter((i) => sameOwner(i, owner));
}

/** Writes day items made by a fill or copy, each with its "Ændret" mark decided afresh. */
async function writeItems(ctx: HandlerContext, items: readonly DayItem[]): Promise<number> {
  if (items.length > MAX_WRITES)
    throw new Rejection(
      'invalid',
      `This would write ${items.length} day items; at most ${MAX_WRITES}.`,
    );
  const today = dayOf(ctx.now, ctx.timeZone);
  for (const item of items) {
    const existing = await ctx.w.get('dayitem', item.id);
    await ctx.w.put('dayitem', { ...item, changedOn: changedOnFor(existing, item, today) });
  }
  return items.length;
}

export const planningHandlers: PartialHandlers<PlanningNames> = {
  async 'daytemplate.put'(ctx, template) {
    await checkOwner(ctx, template);
    await ctx.w.put('daytemplate', template);
    return undefined;
  },

  async 'daytemplate.del'(ctx, { id }) {
    const template = await ctx.w.get('daytemplate', id);
    if (!template) throw new Rejection('not_found', 'No such template.');
    await ctx.w.del('daytemplate', id, template.residentId);
    return undefined;
  },

  async 'dayitem.applyTemplates'(ctx, { weekStart, residentId, groupId }) {
    const owner = { residentId, groupId };
    await checkOwner(ctx, owner);
    const templates = await ctx.w.list('daytemplate', null);
    const items = itemsFromTemplates(templates, owner, weekStart, (t, date) =>
      derivedId('dt', 'template', t.id, date),
    );
    return { result: { items: await writeItems(ctx, items) } };
  },

  async 'dayitem.copyWeek'(ctx, { fromWeek, toWeek, residentId, groupId }) {
    const owner = { residentId, groupId };
    await checkOwner(ctx, owner);
    const items = copyWeekItems(await itemsOf(ctx, owner), owner, fromWeek, toWeek, (i, date) =>
      derivedId('dc', 'copy', i.id, date),
    );
    return { result: { items: await writeItems(ctx, items) } };
  },

  async 'shift.copyWeek'(ctx, { fromWeek, toWeek }) {
    const shifts = copyWeekShifts(
      await ctx.w.list('shift', null),
      fromWeek,
      toWeek,
      ctx.timeZone,
      (s) => derivedId('sc', 'copy', s.id, toWeek),
    );
    if (shifts.length > MAX_WRITES)
      throw new Rejection(
        'invalid',
        `This would write ${shifts.length} shifts; at most ${MAX_WRITES}.`,
      );
    for (const shift of shifts) await ctx.w.put('shift', shift);
    return { result: { shifts: shifts.length } };
  },
};
