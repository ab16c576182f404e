/**
 * The resident's week as the relatives' page shows it, derived from cache rows alone (pure, so it
 * is tested with fixed dates; the component only renders what this returns).
 *
 * Every rule is the domain's, never a copy: the day structure is `personalPlan` (the same list the
 * kiosk's My day shows), an activity's state is `activityState` (the same the
 * kiosk's cards show and `signUp` enforces), who may see an activity is `inAudience`, meals are
 * ordered and closed by `bySlot` / `isMealOver` / `takesSignUp`, and days and times are the
 * centre's zone's (days.ts), so a DST week shows every item at its wall-clock time.
 */
import type {
  OverlaidBooking,
  OverlaidMealAttendance,
  OverlaidSignUp,
  PendingMark,
  Rejection,
} from '../../../client/index.js';
import type {
  Activity,
  DayItem,
  Meal,
  MealSlot,
  Resident,
  Resource,
} from '../../../domain/model.js';
import { inAudience } from '../../../domain/rules/audience.js';
import { activityState, type Places, type SignUpClosed } from '../../../domain/rules/capacity.js';
import { nowAndNext, personalPlan } from '../../../domain/rules/day-structure.js';
import {
  addDaysToDate,
  dateWindow,
  dayOf,
  localTimeOf,
  zonedInstant,
} from '../../../domain/rules/days.js';
import { bySlot, isMealOver, takesSignUp } from '../../../domain/rules/meal-plan.js';

/** What the page reads from the cache for one resident (overlaid with the outbox). */
export interface WeekRows {
  resident: Resident;
  dayItems: readonly DayItem[];
  activities: readonly Activity[];
  /** The resident's sign-ups, overlaid (`overlaySignUps` with `{ residentId }`). */
  signups: readonly OverlaidSignUp[];
  /** The resident's bookings, overlaid (`overlayBookings` with `{ residentId }`). */
  bookings: readonly OverlaidBooking[];
  resources: readonly Resource[];
  meals: readonly Meal[];
  /** The resident's meal answers, overlaid (`overlayMealAttendance` with `{ residentId }`). */
  attendance: readonly OverlaidMealAttendance[];
  /** Refused mutations not yet dismissed (all of them: the model keeps this resident's). */
  rejections: readonly Rejection[];
}

export interface WeekClock {
  now: Date;
  timeZone: string;
  /** The centre's today. */
  today: string;
}

/** Where an entry stands against the clock: only today has past and now. */
export type Tone = 'past' | 'now' | 'normal';

export interface DayEntry {
  kind: 'day';
  key: string;
  start: string;
  end: string | null;
  title: string;
  pictogram: string | null;
  /** Staff changed it on its own day ("Ændret"). */
  changed: boolean;
  tone: Tone;
}

/** The resident's relation to an activity, pending intent included. */
export type Standing = 'confirmed' | 'waitlisted' | 'none';

export interface ActivityEntry {
  kind: 'activity';
  key: string;
  start: string;
  end: string;
  title: string;
  pictogram: string | null;
  place: string;
  activity: Activity;
  /** What the server last said (a pending sign-up has none yet: 'none'). */
  standing: Standing;
  /** 1-based waiting-list place, when waitlisted and known. */
  position: number | null;
  /** The outbox's intent on top: a sign-up or a cancellation still to be sent. */
  pending: PendingMark;
  closed: SignUpClosed | null;
  places: Places;
  /** The sign-up deadline on the centre's clock, if staff set one. */
  deadline: { date: string; time: string } | null;
  /** Could a relative sign the resident up now (if staff allow acting at all)? */
  canJoin: boolean;
  /** Could a relative cancel now? */
  canCancel: boolean;
  /** Joining now would put the resident on the waiting list. */
  joinWaits: boolean;
  refusal: Rejection | null;
  tone: Tone;
}

export interface BookingEntry {
  kind: 'booking';
  key: string;
  start: string;
  end: string;
  title: string;
  pictogram: string | null;
  pending: PendingMark;
  tone: Tone;
}

export type Entry = DayEntry | ActivityEntry | BookingEntry;

export type MealAnswer = 'yes' | 'no' | 'unanswered';

export interface MealEntry {
  key: string;
  meal: Meal;
  slot: MealSlot;
  /** Does this meal ask the resident at all (staff turned meal answers on for both)? */
  asks: boolean;
  answer: MealAnswer;
  pending: boolean;
  /** The meal is over (`isMealOver`): its answer can no longer change. */
  over: boolean;
  /** May it still be answered (it asks, and it is not over)? */
  answerable: boolean;
  refusal: Rejection | null;
}

export interface WeekDay {
  date: string;
  isToday: boolean;
  entries: Entry[];
  meals: MealEntry[];
}

/** The first day shown `offset` weeks from today: today first, then the next six. */
export const firstDayOf = (today: string, offset: number): string =>
  addDaysToDate(today, 7 * offset);

const KIND_ORDER: Record<Entry['kind'], number> = { day: 0, activity: 1, booking: 2 };

/** Time order; at the same time the day structure first, then activities, then bookings. */
function compareEntries(a: Entry, b: Entry): number {
  return (
    (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    a.title.localeCompare(b.title, 'da') ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** The latest refusal of `names` for this resident and `field` = `value` (e.g. an activity id). */
function refusalFor(
  rejections: readonly Rejection[],
  names: readonly string[],
  residentId: string,
  field: string,
  value: string,
): Rejection | null {
  let found: Rejection | null = null;
  for (const r of rejections) {
    if (!names.includes(r.name)) continue;
    if (r.args.residentId !== residentId || r.args[field] !== value) continue;
    if (!found || r.at > found.at) found = r;
  }
  return found;
}

function standingOf(s: OverlaidSignUp | undefined): Standing {
  if (!s || s.status === null || s.status === 'cancelled') return 'none';
  return s.status;
}

function activityEntry(
  a: Activity,
  s: OverlaidSignUp | undefined,
  rows: WeekRows,
  clock: WeekClock,
): ActivityEntry {
  const standing = standingOf(s);
  const pending = s?.pending ?? null;
  // The one derivation every screen uses: the resident's pending change counts in the places.
  const { closed, places } = activityState(a, clock.now, s ? [s] : []);
  // What the resident will be once the outbox is sent: on it after a pending add, off it after a
  // pending cancel, else what the server said.
  const on = pending === 'add' || (pending !== 'cancel' && standing !== 'none');
  const open = closed === null;
  return {
    kind: 'activity',
    key: `activity:${a.id}`,
    start: localTimeOf(a.start, clock.timeZone),
    end: localTimeOf(a.end, clock.timeZone),
    title: a.title,
    pictogram: a.pictogram,
    place: a.place,
    activity: a,
    standing,
    position: standing === 'waitlisted' && s && s.status !== null ? s.position : null,
    pending,
    closed,
    places,
    deadline: a.signupDeadline
      ? {
          date: dayOf(a.signupDeadline, clock.timeZone),
          time: localTimeOf(a.signupDeadline, clock.timeZone),
        }
      : null,
    canJoin:
      open && !on && inAudience(a.audience, rows.resident.groupIds) && (!places.full || a.waitlist),
    canCancel: open && on,
    joinWaits: places.full && a.waitlist,
    refusal: refusalFor(
      rows.rejections,
      ['signup.add', 'signup.cancel'],
      rows.resident.id,
      'activityId',
      a.id,
    ),
    tone: 'normal',
  };
}

/**
 * Today's entries against the clock: the current day item (the domain's `nowAndNext`) is now and
 * those before it past; an activity or booking is now while it runs and past once it has ended.
 */
function toned(
  entries: Entry[],
  date: string,
  items: readonly DayItem[],
  spans: ReadonlyMap<string, { start: string; end: string }>,
  clock: WeekClock,
): Entry[] {
  if (date !== clock.today) return entries;
  const t = clock.now.getTime();
  const current = nowAndNext(items, clock.now, clock.timeZone).now;
  const at = (hhmm: string) => zonedInstant(date, hhmm, clock.timeZone).getTime();
  return entries.map((e) => {
    const span = spans.get(e.key);
    let tone: Tone;
    if (span) {
      tone = Date.parse(span.end) <= t ? 'past' : Date.parse(span.start) <= t ? 'now' : 'normal';
    } else if (current && e.key === `day:${current.id}`) {
      tone = 'now';
    } else {
      tone = (current ? at(e.start) < at(current.start) : at(e.start) < t) ? 'past' : 'normal';
    }
    return { ...e, tone };
  });
}

/**
 * The days from `from` (usually today), `days` long: each with its time line (the resident's
 * day structure, the activities they are on or may join, their bookings) and its meals.
 */
export function buildWeek(rows: WeekRows, from: string, days: number, clock: WeekClock): WeekDay[] {
  const { resident } = rows;
  const { timeZone } = clock;
  const signupOf = new Map(rows.signups.map((s) => [s.activityId, s]));
  const resourceOf = new Map(rows.resources.map((r) => [r.id, r]));
  const answerOf = new Map(rows.attendance.map((a) => [a.mealId, a]));

  return dateWindow(from, days).map((date) => {
    const plan = personalPlan(
      rows.dayItems.filter((i) => i.date === date),
      resident,
    );
    const dayEntries: Entry[] = plan.map((i) => ({
      kind: 'day',
      key: `day:${i.id}`,
      start: i.start,
      end: i.end,
      title: i.title,
      pictogram: i.pictogram,
      changed: i.changedOn === i.date,
      tone: 'normal',
    }));

    const activityEntries = rows.activities
      .filter((a) => dayOf(a.start, timeZone) === date)
      .flatMap((a) => {
        const s = signupOf.get(a.id);
        const involved = s !== undefined && (s.pending !== null || standingOf(s) !== 'none');
        // Shown when the resident is on it (or about to be), or when it is for them; an activity
        // they left and that is not for their groups (moved house) is not theirs any more.
        return involved || inAudience(a.audience, resident.groupIds)
          ? [activityEntry(a, s, rows, clock)]
          : [];
      });

    const bookingEntries = rows.bookings
      .filter(
        (b) => b.residentId === resident.id && b.status === 'active' && b.pending !== 'cancel',
      )
      .filter((b) => dayOf(b.start, timeZone) === date)
      .map((b): BookingEntry => {
        const r = resourceOf.get(b.resourceId);
        return {
          kind: 'booking',
          key: `booking:${b.id}`,
          start: localTimeOf(b.start, timeZone),
          end: localTimeOf(b.end, timeZone),
          title: r?.name ?? '',
          pictogram: r?.pictogram ?? null,
          pending: b.pending,
          tone: 'normal',
        };
      });

    const spans = new Map<string, { start: string; end: string }>([
      ...activityEntries.map((e) => [e.key, e.activity] as const),
      ...rows.bookings.map((b) => [`booking:${b.id}`, b] as const),
    ]);
    const entries = toned(
      [...dayEntries, ...activityEntries, ...bookingEntries].sort(compareEntries),
      date,
      plan,
      spans,
      clock,
    );

    const meals = rows.meals
      .filter((m) => m.date === date)
      .sort(bySlot)
      .map((meal): MealEntry => {
        const a = answerOf.get(meal.id);
        const asks = takesSignUp(meal) && resident.mealSignUp;
        const over = isMealOver(meal, clock.now, clock.today, timeZone);
        return {
          key: `meal:${meal.id}`,
          meal,
          slot: meal.slot,
          asks,
          answer: a === undefined ? 'unanswered' : a.attending ? 'yes' : 'no',
          pending: a !== undefined && a.pending !== null,
          over,
          answerable: asks && !over,
          refusal: refusalFor(rows.rejections, ['meal.attend'], resident.id, 'mealId', meal.id),
        };
      });

    return { date, isToday: date === clock.today, entries, meals };
  });
}

/**
 * May a relative act for this resident at all? Staff allow it per resident (`relativesMayAct`,
 * enforced by the server in `residentActingFor`); read defensively: anything but `true` is no.
 */
export const relativesMayAct = (resident: Pick<Resident, 'relativesMayAct'>): boolean =>
  resident.relativesMayAct === true;
