/**
 * The activity form's values and how they become protocol arguments: a day and wall-clock times
 * in the centre's zone instead of instants, the deadline as "minutes before", the recurrence as
 * the controls people set (repeat weekly, on Tuesdays, every other week, until a day). The field
 * rules are the protocol's own schemas (ActivityInput's fields, RRULE limits), so the form shows
 * the server's rules. Pure: no React.
 */
import { z } from 'zod';
import { Id, LocalDate, LocalTime, type Activity, type Recurrence } from '../../../domain/model.js';
import {
  addDaysToDate,
  dayOf,
  localTimeOf,
  weekdayOf,
  zonedInstant,
} from '../../../domain/rules/days.js';
import {
  formatRRule,
  MAX_COUNT,
  MAX_INTERVAL,
  ruleParts,
  type RuleParts,
} from '../../../domain/rules/recurrence-rule.js';
import { ActivityInput, type MutationArgs } from '../../../protocol/index.js';

export const DEADLINES = ['none', '30', '60', '120', '1440', '2880'] as const;
const f = ActivityInput.shape;

export interface FormMessages {
  chooseGroup: string;
  untilMissing: string;
  untilBefore: string;
  countMissing: string;
}

export function activityFormSchema(m: FormMessages) {
  return z
    .object({
      title: f.title,
      description: f.description,
      place: f.place,
      pictogram: f.pictogram,
      date: LocalDate,
      startTime: LocalTime,
      endTime: LocalTime,
      capacity: f.capacity,
      waitlist: z.boolean(),
      /** Minutes before the start as a string (a Select's key), or 'none'. */
      deadline: z.string().regex(/^(none|\d{1,5})$/),
      audienceKind: z.enum(['all', 'groups']),
      groupIds: z.array(Id).max(100),
      repeat: z.enum(['none', 'DAILY', 'WEEKLY', 'MONTHLY']),
      interval: z.number().int().min(1).max(MAX_INTERVAL),
      weekdays: z.array(z.number().int().min(0).max(6)).max(7),
      monthlyBy: z.enum(['nth', 'day']),
      ends: z.enum(['until', 'count']),
      until: LocalDate.nullable(),
      count: z.number().int().min(1).max(MAX_COUNT).nullable(),
    })
    .superRefine((v, ctx) => {
      if (v.audienceKind === 'groups' && v.groupIds.length === 0)
        ctx.addIssue({ code: 'custom', path: ['groupIds'], message: m.chooseGroup });
      if (v.repeat === 'none') return;
      if (v.ends === 'until' && v.until === null)
        ctx.addIssue({ code: 'custom', path: ['until'], message: m.untilMissing });
      if (v.ends === 'until' && v.until !== null && v.until < v.date)
        ctx.addIssue({ code: 'custom', path: ['until'], message: m.untilBefore });
      if (v.ends === 'count' && v.count === null)
        ctx.addIssue({ code: 'custom', path: ['count'], message: m.countMissing });
    });
}
export type ActivityFormValues = z.infer<ReturnType<typeof activityFormSchema>>;

/** 1–5: which of its weekday in the month a date is ("the first Tuesday"); 5 is said "last". */
export const nthOfMonth = (date: string): number => Math.ceil(Number(date.slice(8, 10)) / 7);

/** The rule the controls describe, or null for "does not repeat". */
export function ruleOf(v: ActivityFormValues): RuleParts | null {
  if (v.repeat === 'none') return null;
  const weekday = weekdayOf(v.date);
  const nth = nthOfMonth(v.date);
  const base = {
    freq: v.repeat,
    interval: v.interval,
    until: v.ends === 'until' ? v.until : null,
    count: v.ends === 'count' ? v.count : null,
  };
  if (v.repeat === 'WEEKLY') {
    const days = v.weekdays.length > 0 ? [...v.weekdays].sort() : [weekday];
    return { ...base, byDay: days.map((d) => ({ weekday: d, nth: null })), byMonthDay: [] };
  }
  if (v.repeat === 'MONTHLY') {
    return v.monthlyBy === 'nth'
      ? { ...base, byDay: [{ weekday, nth: nth === 5 ? -1 : nth }], byMonthDay: [] }
      : { ...base, byDay: [], byMonthDay: [Number(v.date.slice(8, 10))] };
  }
  return { ...base, byDay: [], byMonthDay: [] };
}

export function recurrenceOf(v: ActivityFormValues): Recurrence | null {
  const parts = ruleOf(v);
  return parts === null ? null : { rrule: formatRRule(parts) };
}

/** Start and end instants: an end at or before the start is on the next day. */
export function instantsOf(
  v: Pick<ActivityFormValues, 'date' | 'startTime' | 'endTime'>,
  tz: string,
) {
  const start = zonedInstant(v.date, v.startTime, tz);
  let end = zonedInstant(v.date, v.endTime, tz);
  if (end.getTime() <= start.getTime()) end = zonedInstant(addDaysToDate(v.date, 1), v.endTime, tz);
  return { start: start.toISOString(), end: end.toISOString() };
}

export function toActivityArgs(
  v: ActivityFormValues,
  id: string,
  tz: string,
): MutationArgs<'activity.put'> {
  const { start, end } = instantsOf(v, tz);
  return {
    id,
    title: v.title,
    description: v.description,
    pictogram: v.pictogram,
    place: v.place,
    start,
    end,
    capacity: v.capacity,
    waitlist: v.waitlist,
    signupDeadline:
      v.deadline === 'none'
        ? null
        : new Date(Date.parse(start) - Number(v.deadline) * 60_000).toISOString(),
    audience: v.audienceKind === 'all' ? { kind: 'all' } : { kind: 'groups', groupIds: v.groupIds },
    recurrence: recurrenceOf(v),
  };
}

/** A new activity's values: tomorrow 14:00–15:00 unless a day is given. */
export function blankValues(date: string): ActivityFormValues {
  return {
    title: '',
    description: '',
    place: '',
    pictogram: null,
    date,
    startTime: '14:00',
    endTime: '15:00',
    capacity: null,
    waitlist: true,
    deadline: 'none',
    audienceKind: 'all',
    groupIds: [],
    repeat: 'none',
    interval: 1,
    weekdays: [],
    monthlyBy: 'nth',
    ends: 'until',
    until: null,
    count: null,
  };
}

/**
 * The values of a stored activity. An occurrence shows its series' rule (from `head`), so the
 * words under the form say what the series does.
 */
export function valuesOf(a: Activity, head: Activity | null, tz: string): ActivityFormValues {
  const date = dayOf(a.start, tz);
  const rule = (head ?? a).recurrence;
  const v: ActivityFormValues = {
    ...blankValues(date),
    title: a.title,
    description: a.description,
    place: a.place,
    pictogram: a.pictogram,
    startTime: localTimeOf(a.start, tz),
    endTime: localTimeOf(a.end, tz),
    capacity: a.capacity,
    waitlist: a.waitlist,
    deadline:
      a.signupDeadline === null
        ? 'none'
        : String(Math.round((Date.parse(a.start) - Date.parse(a.signupDeadline)) / 60_000)),
    audienceKind: a.audience.kind,
    groupIds: a.audience.kind === 'groups' ? a.audience.groupIds : [],
  };
  if (rule === null) return v;
  const parts = ruleParts(rule);
  return {
    ...v,
    repeat: parts.freq,
    interval: parts.interval,
    weekdays: parts.freq === 'WEEKLY' ? parts.byDay.map((d) => d.weekday) : [],
    monthlyBy: parts.byMonthDay.length > 0 ? 'day' : 'nth',
    ends: parts.count !== null ? 'count' : 'until',
    until: parts.until,
    count: parts.count,
  };
}

/**
 * What changed between the stored values and the form's, as activity.putSeries `changes`: only
 * the fields staff touched, so an occurrence's own changes survive a series edit.
 */
export function seriesChanges(
  before: ActivityFormValues,
  after: ActivityFormValues,
): MutationArgs<'activity.putSeries'>['changes'] {
  const out: MutationArgs<'activity.putSeries'>['changes'] = {};
  for (const key of [
    'title',
    'description',
    'place',
    'pictogram',
    'capacity',
    'waitlist',
  ] as const) {
    if (before[key] !== after[key]) Object.assign(out, { [key]: after[key] });
  }
  if (
    before.audienceKind !== after.audienceKind ||
    before.groupIds.join() !== after.groupIds.join()
  ) {
    out.audience =
      after.audienceKind === 'all' ? { kind: 'all' } : { kind: 'groups', groupIds: after.groupIds };
  }
  if (before.startTime !== after.startTime) out.startTime = after.startTime;
  if (before.endTime !== after.endTime) out.endTime = after.endTime;
  if (before.deadline !== after.deadline)
    out.deadlineMinutesBefore = after.deadline === 'none' ? null : Number(after.deadline);
  const rule = recurrenceOf(after);
  if (JSON.stringify(recurrenceOf(before)) !== JSON.stringify(rule) && rule !== null)
    out.recurrence = rule;
  return out;
}
