/**
 * The mutation catalogue of protocol v1: every write a client may ask for, its argument schema
 * and the roles that may send it. The server validates `args` with these schemas before anything
 * else; clients derive their argument types from them (`MutationArgs<'signup.add'>`).
 */
import { z } from 'zod';
import { NewPassword } from './rest.js';
import { AllergenCode } from '../domain/allergens.js';
import { MEAL_IMPORT_MAX_ROWS } from '../domain/rules/meal-import.js';
import {
  Activity,
  Album,
  AlbumPhoto,
  ALBUM_MAX_PHOTOS,
  Centre,
  DayItem,
  DayTemplate,
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
/** Weeks start on Monday (Danish usage): a week is named by its Monday. */
const WeekStart = LocalDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, {
  message: 'a week is given by its Monday',
});
/** Exactly one owner, as for a day item. */
const oneOwner = (d: { residentId: string | null; groupId: string | null }): boolean =>
  (d.residentId === null) !== (d.groupId === null);
const ownerMessage = { message: 'exactly one of residentId and groupId' };
/** No client role: sent only by the server itself (MutationService.mutateAsSystem). */
const systemOnly: readonly Role[] = [];
const residents: readonly Role[] = ['kiosk', 'staff', 'admin', 'relative'];
const staff: readonly Role[] = ['staff', 'admin'];
const admin: readonly Role[] = ['admin'];

const UserId = z.strictObject({ userId: Id });

/** Activity as staff write it: the server owns the derived counts and series links. */
/** A meal as staff write it: allergens only from the EU's 14 (domain/allergens.ts), once each. */
export const MealInput = Meal.extend({
  allergens: z
    .array(AllergenCode)
    .max(14)
    .refine((a) => new Set(a).size === a.length, { message: 'each allergen once' }),
});

/**
 * One row of an imported meal plan, the cells as typed (read by domain/rules/meal-import, which
 * reports each wrong cell with its line). The lengths here only bound the payload; the rule's
 * own limits are checked per line.
 */
const Cell = z.string().max(20_000);
export const MealImportRow = z.strictObject({
  line: z.number().int().min(1).max(1_000_000),
  date: Cell,
  slot: Cell,
  dish: Cell,
  description: Cell.optional(),
  allergens: Cell.optional(),
  signUp: Cell.optional(),
});

export const ActivityInput = Activity.omit({
  confirmedCount: true,
  waitlistCount: true,
  seriesId: true,
});

/**
 * An album as staff write it: the server sets when it was published and who changed it last.
 * The consent tick must be ticked (`true`); every photo must be a stored picture (checked by
 * the handler, which can see the media store).
 */
export const AlbumInput = Album.omit({
  publishedAt: true,
  updatedAt: true,
  updatedBy: true,
}).extend({
  title: z
    .string()
    .trim()
    .min(1, 'An album needs a title.')
    .max(120, 'A title is at most 120 characters.'),
  photos: z
    .array(
      AlbumPhoto.extend({
        caption: z.string().trim().max(200, 'A caption is at most 200 characters.').optional(),
      }),
    )
    .min(1, 'An album needs at least one photo.')
    .max(ALBUM_MAX_PHOTOS, `An album holds at most ${ALBUM_MAX_PHOTOS} photos.`)
    .refine((p) => new Set(p.map((x) => x.hash)).size === p.length, {
      message: 'Each photo once in an album.',
    }),
  consentConfirmed: z.literal(true, {
    error: 'Confirm that everyone in the photos has agreed to be shown (samtykke) before posting.',
  }),
});

/** One channel's consent as staff record it; the server adds who recorded it and when. */
export const ConsentAnswer = z.strictObject({
  given: z.boolean(),
  /** Given (or refused) by the resident themselves or by a guardian on their behalf. */
  by: z.enum(['resident', 'guardian']),
});

export const ResidentInput = Resident.omit({ hasPin: true, consent: true, wallConsent: true })
  .extend({
    /**
     * The wall channel as one flag (protocol v1): optional when `consent.wall` is sent, and
     * then equal to it. Absent with no `consent.wall`: unchanged (not given for a new resident).
     */
    wallConsent: z.boolean().optional(),
    /** Answers per channel; a channel left out keeps its recorded consent. */
    consent: z
      .strictObject({
        wall: ConsentAnswer.optional(),
        relatives: ConsentAnswer.optional(),
        calendar: ConsentAnswer.optional(),
      })
      .optional(),
    /** 4–8 digits to set a PIN, null to remove it, absent to keep the current one. */
    pin: z
      .string()
      .regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits')
      .nullable()
      .optional(),
  })
  .refine(
    (r) =>
      r.wallConsent === undefined ||
      r.consent?.wall === undefined ||
      r.consent.wall.given === r.wallConsent,
    { message: 'wallConsent and consent.wall.given disagree', path: ['wallConsent'] },
  );

/**
 * A relative's one-time invitation token, made by the staff member's browser (256 random bits,
 * base64url): the server stores only its hash. Made by the client so that the mutation's
 * remembered answer (kept 30 days for retries) never holds it.
 */
export const InvitationToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'an invitation token is 43 base64url characters (256 bits)');

/**
 * A calendar feed's secret address part (`GET /ical/<token>.ics`), made by the browser like an
 * invitation token (256 random bits, base64url) so the remembered answer never holds it; the
 * server stores only its SHA-256 (server/feeds).
 */
export const FeedToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'a feed token is 43 base64url characters (256 bits)');

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
  /** "I'm using it now": keeps a booking from being released unused (rules/booking-release). */
  'booking.start': def(z.strictObject({ bookingId: Id }), residents),
  /** The server's sweep gives back a booking nobody started within the resource's M minutes. */
  'booking.release': def(z.strictObject({ bookingId: Id }), systemOnly),
  'meal.attend': def(
    z.strictObject({ mealId: Id, residentId: Id, attending: z.boolean() }),
    residents,
  ),
  // Staff.
  'news.put': def(News, staff),
  'news.del': def(ById, staff),
  // Photo albums (issue 10): to kiosks and relatives by audience, as news.
  'album.put': def(AlbumInput, staff),
  'album.del': def(ById, staff),
  'meal.put': def(MealInput, staff),
  'meal.del': def(ById, staff),
  /**
   * Copies the meals of one week to the same weekdays and slots of another, in one transaction.
   * A target week that has meals is refused (`conflict`) unless `replace` is true.
   */
  'meal.copyWeek': def(
    z
      .strictObject({ fromWeek: WeekStart, toWeek: WeekStart, replace: z.boolean().optional() })
      .refine((d) => d.fromWeek !== d.toWeek, { message: 'copy to another week' }),
    staff,
  ),
  /** A meal plan from a CSV file: every row right, or nothing imported (each line's mistakes). */
  'meal.import': def(
    z.strictObject({ rows: z.array(MealImportRow).min(1).max(MEAL_IMPORT_MAX_ROWS) }),
    staff,
  ),
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
  'daytemplate.put': def(DayTemplate.refine(oneOwner, ownerMessage), staff),
  'daytemplate.del': def(ById, staff),
  /** Fills the owner's week from their weekday templates; applying again overwrites, never doubles. */
  'dayitem.applyTemplates': def(
    z
      .strictObject({ weekStart: WeekStart, residentId: Id.nullable(), groupId: Id.nullable() })
      .refine(oneOwner, ownerMessage),
    staff,
  ),
  /** Copies the owner's day items of one week to the same weekdays of another. */
  'dayitem.copyWeek': def(
    z
      .strictObject({
        fromWeek: WeekStart,
        toWeek: WeekStart,
        residentId: Id.nullable(),
        groupId: Id.nullable(),
      })
      .refine(oneOwner, ownerMessage)
      .refine((d) => d.fromWeek !== d.toWeek, { message: 'copy to another week' }),
    staff,
  ),
  'shift.put': def(Shift, staff),
  'shift.del': def(ById, staff),
  /** Copies the duty roster of one week to the same weekdays and times of another. */
  'shift.copyWeek': def(
    z
      .strictObject({ fromWeek: WeekStart, toWeek: WeekStart })
      .refine((d) => d.fromWeek !== d.toWeek, { message: 'copy to another week' }),
    staff,
  ),
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
  // Relatives' access and GDPR (issue 9, people).
  'relative.invite': def(
    z.strictObject({
      inviteId: Id,
      residentIds: z.array(Id).min(1).max(20),
      name: z.string().trim().min(1).max(100),
      email: z.email().max(200).nullable().optional(),
      token: InvitationToken,
    }),
    staff,
    { secrets: ['token'] },
  ),
  'invitation.revoke': def(z.strictObject({ inviteId: Id }), staff),
  'relative.revoke': def(z.strictObject({ userId: Id, residentId: Id.optional() }), staff),
  'resident.erase': def(z.strictObject({ residentId: Id }), staff),
  // Residents' private calendar addresses (issue 10, server/feeds).
  /**
   * A new address for a resident's calendar: a relative for their own residents, or staff. A
   * relative's new address stops their older one for the same resident.
   */
  'feed.create': def(
    z.strictObject({ feedId: Id, residentId: Id, token: FeedToken }),
    ['relative', 'staff', 'admin'],
    { secrets: ['token'] },
  ),
  /** Stops an address (it answers 404 from now on): the relative who made it, or staff. */
  'feed.revoke': def(z.strictObject({ feedId: Id }), ['relative', 'staff', 'admin']),
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
  'wallnotice.put': def(WallNotice, staff),
  'wallnotice.del': def(ById, staff),
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
