/**
 * signup.add / signup.cancel, and keeping an activity's sign-ups consistent after staff change
 * its capacity. The rules live in src/domain/rules/capacity; this file loads and writes.
 */
import type { Activity, SignUp, Source } from '../../../domain/model.js';
import { signUpId } from '../../../domain/model.js';
import {
  cancel,
  counts,
  rebalance,
  signUp,
  waitlistPositions,
  type SignUpState,
} from '../../../domain/rules/capacity.js';
import { inAudience } from '../../../domain/rules/audience.js';
import { isStaff } from '../../auth/principal.js';
import { Rejection, type HandlerContext, type PartialHandlers } from '../handler.js';
import { hiddenFromRelative, residentActingFor } from './residents.js';

const sourceOf = (ctx: HandlerContext): Source =>
  ctx.principal.role === 'kiosk'
    ? 'kiosk'
    : ctx.principal.role === 'relative'
      ? 'relative'
      : 'staff';

export async function activityOrReject(ctx: HandlerContext, id: string): Promise<Activity> {
  const activity = await ctx.w.get('activity', id);
  if (!activity) throw new Rejection('not_found', 'No such activity.');
  return activity;
}

const toState = (s: SignUp): SignUpState => ({
  residentId: s.residentId,
  status: s.status,
  order: s.order,
});

/**
 * Writes the sign-ups whose status, order or waiting-list place changed, and the activity's
 * derived counts, so every client sees places left and "you are number N" without seeing who.
 */
export async function writeSignUps(
  ctx: HandlerContext,
  activity: Activity,
  before: readonly SignUp[],
  next: readonly SignUpState[],
  source: Source,
): Promise<void> {
  const positions = waitlistPositions(next);
  const prev = new Map(before.map((s) => [s.residentId, s]));
  for (const state of next) {
    const old = prev.get(state.residentId);
    const position = positions.get(state.residentId) ?? null;
    if (
      old &&
      old.status === state.status &&
      old.order === state.order &&
      old.position === position
    )
      continue;
    await ctx.w.put('signup', {
      id: signUpId(activity.id, state.residentId),
      activityId: activity.id,
      residentId: state.residentId,
      status: state.status,
      position,
      order: state.order,
      source: old && old.status === state.status ? old.source : source,
      updatedAt: ctx.now.toISOString(),
    });
  }
  const c = counts(next);
  if (c.confirmed !== activity.confirmedCount || c.waitlisted !== activity.waitlistCount) {
    await ctx.w.put('activity', {
      ...activity,
      confirmedCount: c.confirmed,
      waitlistCount: c.waitlisted,
    });
  }
}

export async function rebalanceActivity(ctx: HandlerContext, activity: Activity): Promise<void> {
  const before = await ctx.w.list('signup', 'activity_id', activity.id);
  const { next } = rebalance(activity.capacity, before.map(toState));
  await writeSignUps(ctx, activity, before, next, 'staff');
}

function resultOf(next: readonly SignUpState[], residentId: string): Record<string, unknown> {
  const mine = next.find((s) => s.residentId === residentId);
  return {
    signup: mine?.status ?? 'cancelled',
    position: waitlistPositions(next).get(residentId) ?? null,
  };
}

export const signupHandlers: PartialHandlers<'signup.add' | 'signup.cancel'> = {
  async 'signup.add'(ctx, { activityId, residentId }) {
    const resident = await residentActingFor(ctx, residentId);
    const activity = await activityOrReject(ctx, activityId);
    if (await hiddenFromRelative(ctx, activity.audience))
      throw new Rejection('not_found', 'No such activity.');
    // Staff may sign anyone up; residents (on a kiosk or through a relative) only for their groups.
    if (!inAudience(activity.audience, resident.groupIds) && !isStaff(ctx.principal)) {
      throw new Rejection('forbidden', 'This activity is for other groups.', 'not_in_audience');
    }
    const before = await ctx.w.list('signup', 'activity_id', activityId);
    const res = signUp(activity, before.map(toState), residentId, ctx.now, ctx.w.nextSeq());
    if (!res.ok) throw new Rejection(res.code, res.message, res.reason);
    if (res.outcome !== 'unchanged')
      await writeSignUps(ctx, activity, before, res.next, sourceOf(ctx));
    return { result: resultOf(res.next, residentId) };
  },

  async 'signup.cancel'(ctx, { activityId, residentId }) {
    await residentActingFor(ctx, residentId);
    const activity = await activityOrReject(ctx, activityId);
    if (await hiddenFromRelative(ctx, activity.audience))
      throw new Rejection('not_found', 'No such activity.');
    const before = await ctx.w.list('signup', 'activity_id', activityId);
    const res = cancel(activity, before.map(toState), residentId, ctx.now);
    if (!res.ok) throw new Rejection(res.code, res.message, res.reason);
    if (res.outcome !== 'unchanged')
      await writeSignUps(ctx, activity, before, res.next, sourceOf(ctx));
    return { result: { ...resultOf(res.next, residentId), promoted: res.promoted.length } };
  },
};
