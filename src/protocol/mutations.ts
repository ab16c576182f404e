/**
 * The mutation catalogue of protocol v1: every write a client may ask for, its argument schema
 * and the roles that may send it. The server validates `args` with these schemas before anything
 * else; clients derive their argument types from them (`MutationArgs<'signup.add'>`).
 */
import { z } from 'zod';
import {
  Activity,
  Centre,
  DayItem,
  Group,
  Id,
  Instant,
  LocalDate,
  LocalTime,
  Meal,
  News,
  Recurrence,
  Resident,
  Resource,
  Shift,
  WallNotice,
  type Role,
} from '../domain/model.js';

const ById = z.strictObject({ id: Id });
const residents: readonly Role[] = ['kiosk', 'staff', 'admin', 'relative'];
const staff: readonly Role[] = ['staff', 'admin'];
const admin: readonly Role[] = ['admin'];

/** A password an admin sets for someone (shown to them once); the same rule as accounts.ts. */
const NewPassword = z.string().min(8, 'a password needs at least 8 characters').max(200);
const UserId = z.strictObject({ userId: Id });

/** Activity as staff write it: the server owns the derived counts and series links. */
export const ActivityInput = Activity.omit({
  confirmedCount: true,
  waitlistCount: true,
  seriesId: true,
});

export const ResidentInput = Resident.omit({ hasPin: true }).extend({
  /** 4–8 digits to set a PIN, null to remove it, absent to keep the current one. */
  pin: z
    .string()
    .regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits')
    .nullable()
    .optional(),
});

/**
 * A series edit's changes: the fields to change, each optional (absent = unchanged). Times are
 * the centre's wall clock, kept on each occurrence's own day (an end at or before the start is
 * on the next day); the sign-up deadline is minutes before each start (null = none).
 */
export const SeriesChanges = ActivityInput.pick({
  title: true,
  description: true,
  pictogram: true,
  place: true,
  capacity: true,
  waitlist: true,
  audience: true,
})
  .partial()
  .extend({
    startTime: LocalTime.optional(),
    endTime: LocalTime.optional(),
    deadlineMinutesBefore: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 60)
      .nullable()
      .optional(),
    /** "following" and "all" only: the series' new rule. */
    recurrence: Recurrence.optional(),
  });

/** activity.putSeries: edit one occurrence, this and the later ones, or the whole series. */
export const SeriesEdit = z
  .strictObject({
    /** The series: the id of its first activity (an occurrence's `seriesId`). */
    seriesId: Id,
    /** The local day of the occurrence the edit starts from. */
    from: LocalDate,
    scope: z.enum(['one', 'following', 'all']),
    changes: SeriesChanges,
  })
  .refine((e) => e.scope !== 'one' || e.changes.recurrence === undefined, {
    message: 'one occurrence has no rule of its own: change the rule for "following" or "all"',
    path: ['changes', 'recurrence'],
  });

interface DefOptions<S extends z.ZodType> {
  /**
   * Argument fields that hold a secret (a PIN). They never reach the audit log or a log line:
   * `redactArgs` writes "set" or "removed" in their place. Declared here, once per mutation, so
   * every writer of args reads the same list.
   */
  secrets?: readonly (keyof z.infer<S> & string)[];
}

const def = <S extends z.ZodType>(args: S, roles: readonly Role[], opts: DefOptions<S> = {}) => ({
  args,
  roles,
  secrets: (opts.secrets ?? []) as readonly string[],
});

export const mutationCatalogue = {
  // Residents' own actions: from a kiosk, a relative's phone, or staff on their behalf.
  'signup.add': def(z.strictObject({ activityId: Id, residentId: Id }), residents),
  'signup.cancel': def(z.strictObject({ activityId: Id, residentId: Id }), residents),
  'booking.add': def(
    z.strictObject({
      /** Optional client-chosen id so the UI can show and cancel it before the answer arrives. */
      bookingId: Id.optional(),
      resourceId: Id,
      residentId: Id,
      start: Instant,
      end: Instant,
    }),
    residents,
  ),
  'booking.cancel': def(z.strictObject({ bookingId: Id }), residents),
  'meal.attend': def(
    z.strictObject({ mealId: Id, residentId: Id, attending: z.boolean() }),
    residents,
  ),
  // Staff.
  'news.put': def(News, staff),
  'news.del': def(ById, staff),
  'meal.put': def(Meal, staff),
  'meal.del': def(ById, staff),
  'activity.put': def(ActivityInput, staff),
  'activity.del': def(ById, staff),
  'activity.putSeries': def(SeriesEdit, staff),
  'dayitem.put': def(
    DayItem.refine((d) => (d.residentId === null) !== (d.groupId === null), {
      message: 'a day item belongs to exactly one resident or one group',
    }),
    staff,
  ),
  'dayitem.del': def(ById, staff),
  'shift.put': def(Shift, staff),
  'shift.del': def(ById, staff),
  'resource.put': def(Resource, staff),
  'resource.del': def(ById, staff),
  'resident.put': def(ResidentInput, staff, { secrets: ['pin'] }),
  'group.put': def(Group, staff),
  'centre.put': def(Centre.omit({ id: true }), ['admin']),
  'attendance.set': def(
    z.strictObject({ activityId: Id, residentId: Id, present: z.boolean() }),
    staff,
  ),
  'device.revoke': def(z.strictObject({ deviceId: Id }), staff),
  /** Rename a kiosk, say where it hangs, and which houses it serves (empty: the whole centre). */
  'device.put': def(
    z.strictObject({
      deviceId: Id,
      name: z.string().trim().min(1).max(100),
      location: z.string().trim().max(200),
      groupIds: z.array(Id).max(100),
    }),
    staff,
  ),
  // A message to the wall now, on some kiosks or all, until a set time.
  'notice.put': def(WallNotice, staff),
  'notice.del': def(ById, staff),
  // Logins (admin only). The password is a secret: never in the audit or a log line.
  'user.create': def(
    z.strictObject({
      userId: Id,
      username: z
        .string()
        .regex(/^[a-zA-Z0-9._@-]{2,64}$/, 'a username is 2 to 64 letters, digits or . _ @ -'),
      displayName: z.string().trim().min(1).max(200),
      role: z.enum(['staff', 'admin']),
      password: NewPassword,
    }),
    admin,
    { secrets: ['password'] },
  ),
  'user.disable': def(UserId, admin),
  'user.enable': def(UserId, admin),
  'user.resetPassword': def(z.strictObject({ userId: Id, password: NewPassword }), admin, {
    secrets: ['password'],
  }),
  'user.revokeSessions': def(UserId, admin),
} as const;

export type MutationName = keyof typeof mutationCatalogue;
export const mutationNames = Object.keys(mutationCatalogue) as MutationName[];
export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationCatalogue)[N]['args']>;

export const isMutationName = (name: unknown): name is MutationName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(mutationCatalogue, name);

/**
 * A mutation's args as they may be written to the audit log or a log line: every secret field
 * (see `secrets`) becomes `"set"` (a value was given) or `"removed"` (null); absent stays absent.
 */
export function redactArgs(
  name: MutationName,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const secrets = mutationCatalogue[name].secrets;
  if (secrets.length === 0) return args;
  const out = { ...args };
  for (const key of secrets) {
    if (!Object.hasOwn(out, key) || out[key] === undefined) continue;
    out[key] = out[key] === null ? 'removed' : 'set';
  }
  return out;
}
