/**
 * The data model of Citizen Guide as zod schemas; every type is inferred from its schema so
 * the type and its validation cannot drift. Pure: no I/O.
 *
 * Conventions:
 * - Instants are ISO 8601 strings in UTC with a trailing `Z` ("2026-11-24T09:30:00.000Z").
 * - A "day" is a `LocalDate` ("2026-11-24") in the centre's IANA time zone.
 * - A wall-clock time of day is `LocalTime` ("09:30").
 */
import { z } from 'zod';
import { parseRRule } from './rules/recurrence-rule.js';
import { knownTimeZone, TIME_ZONE_MESSAGE } from './rules/time-zone.js';

export const Id = z.string().min(1).max(100);
export const Instant = z.iso.datetime({ offset: false }).describe('UTC instant, ISO 8601 with Z');
export const LocalDate = z.iso.date().describe('calendar day in the centre time zone');
export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:mm')
  .describe('wall-clock time in the centre time zone');
/** A content-addressed media blob: the hex SHA-256 of its bytes. */
export const MediaHash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
/** A pictogram name from `assets/pictograms` (without `.svg`). */
export const Pictogram = z
  .string()
  .regex(/^[a-z0-9-]{1,60}$/, 'a pictogram name')
  .nullable();
const Title = z.string().trim().min(1).max(200);
const Text = z.string().max(10_000);

export const Audience = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('groups'), groupIds: z.array(Id).min(1).max(100) }),
]);
export type Audience = z.infer<typeof Audience>;

export const Centre = z.strictObject({
  id: Id,
  name: Title,
  /** IANA zone; every "day" is computed in it (rules/time-zone.ts). */
  timeZone: z.string().min(1).max(60).refine(knownTimeZone, TIME_ZONE_MESSAGE),
});
export type Centre = z.infer<typeof Centre>;

export const Group = z.strictObject({ id: Id, name: Title });
export type Group = z.infer<typeof Group>;

/** The channels a resident consents to separately (DESIGN.md, "Data model"). */
export const ConsentChannel = z.enum(['wall', 'relatives', 'calendar']);
export type ConsentChannel = z.infer<typeof ConsentChannel>;
export const consentChannels = ConsentChannel.options;

/**
 * One channel's consent as last recorded: given or not, who gave it (the resident, or a
 * guardian on their behalf), the staff user who recorded it and when. `by`, `recordedBy` and `at`
 * are null when nobody has recorded an answer yet (a new resident, or one stored before consent
 * was per channel): not given.
 */
export const ConsentRecord = z.strictObject({
  given: z.boolean(),
  by: z.enum(['resident', 'guardian']).nullable(),
  /** _server_: the user id of the staff member who recorded it. */
  recordedBy: Id.nullable(),
  /** _server_: when it was recorded. */
  at: Instant.nullable(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const Consent = z.strictObject({
  wall: ConsentRecord,
  relatives: ConsentRecord,
  calendar: ConsentRecord,
});
export type Consent = z.infer<typeof Consent>;

export const Resident = z.strictObject({
  id: Id,
  displayName: Title,
  photo: MediaHash.nullable(),
  pictogram: Pictogram,
  groupIds: z.array(Id).max(100),
  /**
   * May the resident's name and photo appear on the shared wall screen? Always equal to
   * `consent.wall.given` (the server derives it); kept because every reader of the wall rule
   * (visibility, view keys, kiosks) reads this one field.
   */
  wallConsent: z.boolean(),
  /** Consent per channel with who gave it and when (_server_ fills `recordedBy` and `at`). */
  consent: Consent,
  /** Whether a PIN guards the resident's personal view; the PIN itself never leaves the server. */
  hasPin: z.boolean(),
  /** Staff enabled "I will eat / I will not eat" for this resident. */
  mealSignUp: z.boolean(),
  /**
   * Staff allow the resident's relatives to act on their behalf (sign up, cancel, book, answer a
   * meal); `residentActingFor` enforces it. Absent (records from before the field): no. In
   * `resident.put`, absent keeps the stored value (no for a new resident).
   */
  relativesMayAct: z.boolean().optional(),
});
export type Resident = z.infer<typeof Resident>;

/** The first recurrence form (before RRULE): still read, and still accepted from old clients. */
export const WeeklyRecurrence = z.strictObject({
  freq: z.literal('weekly'),
  /** Every `interval` weeks (1 = weekly, 2 = fortnightly). */
  interval: z.number().int().min(1).max(4),
  /** Last day (inclusive, centre time zone) an occurrence may start on. */
  until: LocalDate,
});
/**
 * An RFC 5545 RRULE value from the subset in rules/recurrence-rule.ts ("every other Tuesday",
 * "first Monday of the month"), read from the activity's start as floating local time.
 */
export const RRuleRecurrence = z.strictObject({
  rrule: z
    .string()
    .max(200)
    .superRefine((rule, ctx) => {
      const parsed = parseRRule(rule);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
});
export const Recurrence = z.union([RRuleRecurrence, WeeklyRecurrence]);
export type Recurrence = z.infer<typeof Recurrence>;

export const Activity = z.strictObject({
  id: Id,
  title: Title,
  description: Text,
  pictogram: Pictogram,
  place: z.string().max(200),
  start: Instant,
  end: Instant,
  /** Maximum confirmed participants; null means unlimited. */
  capacity: z.number().int().min(1).max(10_000).nullable(),
  /** When full, may residents join a waiting list? */
  waitlist: z.boolean(),
  /** Sign-ups and cancellations close at this instant (decided by the server's clock). */
  signupDeadline: Instant.nullable(),
  audience: Audience,
  recurrence: Recurrence.nullable(),
  /** The series an occurrence was expanded from, or null for a one-off. */
  seriesId: Id.nullable(),
  /** Derived by the server: confirmed sign-ups. Lets a kiosk show places left without seeing who. */
  confirmedCount: z.number().int().min(0),
  /** Derived by the server: residents on the waiting list. */
  waitlistCount: z.number().int().min(0),
});
export type Activity = z.infer<typeof Activity>;

export const SignUpStatus = z.enum(['confirmed', 'waitlisted', 'cancelled']);
export type SignUpStatus = z.infer<typeof SignUpStatus>;
export const Source = z.enum(['kiosk', 'staff', 'relative']);
export type Source = z.infer<typeof Source>;

export const SignUp = z.strictObject({
  /** `${activityId}:${residentId}`: one sign-up per resident per activity. */
  id: Id,
  activityId: Id,
  residentId: Id,
  status: SignUpStatus,
  /** 1-based place on the waiting list while waitlisted, else null. Maintained by the server. */
  position: z.number().int().min(1).nullable(),
  /**
   * Waiting-list order: the change-log seq at which the resident (re)joined. Lower goes first;
   * a cancellation promotes the lowest.
   */
  order: z.number().int().min(0),
  source: Source,
  updatedAt: Instant,
});
export type SignUp = z.infer<typeof SignUp>;

export const DayItem = z.strictObject({
  id: Id,
  /** Exactly one of residentId / groupId is set: a personal item or a group's. */
  residentId: Id.nullable(),
  groupId: Id.nullable(),
  date: LocalDate,
  start: LocalTime,
  end: LocalTime.nullable(),
  title: Title,
  pictogram: Pictogram,
  /** Set when staff changed it on its own day: shown as "Ændret" until the day ends. */
  changedOn: LocalDate.nullable(),
});
export type DayItem = z.infer<typeof DayItem>;

/**
 * A day item that repeats on a weekday for a resident or a group ("Morgenmad 08.00 every
 * Monday"): staff fill a week from these (`dayitem.applyTemplates`). Staff-only: kiosks see the
 * day items made from them, never the templates.
 */
export const DayTemplate = z.strictObject({
  id: Id,
  /** Exactly one of residentId / groupId is set, as for a day item. */
  residentId: Id.nullable(),
  groupId: Id.nullable(),
  /** 0 = Sunday … 6 = Saturday, as date-fns `getDay`. */
  weekday: z.number().int().min(0).max(6),
  start: LocalTime,
  end: LocalTime.nullable(),
  title: Title,
  pictogram: Pictogram,
});
export type DayTemplate = z.infer<typeof DayTemplate>;

export const MealSlot = z.enum(['breakfast', 'lunch', 'dinner', 'snack']);
export type MealSlot = z.infer<typeof MealSlot>;

export const Meal = z.strictObject({
  id: Id,
  date: LocalDate,
  slot: MealSlot,
  dish: Title,
  description: Text,
  /**
   * Allergen codes (domain/allergens.ts: the EU's 14); `meal.put` takes only those. Records from
   * before the list may hold free words, shown as written.
   */
  allergens: z.array(z.string().min(1).max(40)).max(20),
  photo: MediaHash.nullable(),
  pictogram: Pictogram,
  /**
   * May residents answer "Skal du spise med?" for this meal (rules/meal-plan `takesSignUp`)?
   * Absent (records from before the field) means yes.
   */
  signUp: z.boolean().optional(),
});
export type Meal = z.infer<typeof Meal>;

export const MealAttendance = z.strictObject({
  /** `${mealId}:${residentId}` */
  id: Id,
  mealId: Id,
  residentId: Id,
  attending: z.boolean(),
  updatedAt: Instant,
});
export type MealAttendance = z.infer<typeof MealAttendance>;

export const NewsMedia = z.strictObject({
  hash: MediaHash,
  kind: z.enum(['image', 'video']),
  /** A sign-language video, so the UI can label it. */
  signLanguage: z.boolean(),
  /** A video's still, shown before it plays (`POST /api/media` answers it as `posterHash`). */
  poster: MediaHash.nullable().optional(),
});

export const News = z.strictObject({
  id: Id,
  title: Title,
  body: Text,
  media: z.array(NewsMedia).max(10),
  publishAt: Instant,
  expiresAt: Instant.nullable(),
  audience: Audience,
});
export type News = z.infer<typeof News>;

export const OpeningHours = z.strictObject({
  /** 0 = Sunday … 6 = Saturday, as date-fns `getDay`. */
  weekday: z.number().int().min(0).max(6),
  from: LocalTime,
  to: LocalTime,
});
export type OpeningHours = z.infer<typeof OpeningHours>;

export const Resource = z.strictObject({
  id: Id,
  name: Title,
  pictogram: Pictogram,
  slotMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  opening: z.array(OpeningHours).max(50),
  /** At most this many active (not yet ended) bookings per resident. */
  maxActivePerResident: z.number().int().min(1).max(100),
  /** Who may book it: everyone, or residents of some groups (a house's own washing machine). */
  audience: Audience.default({ kind: 'all' }),
  /**
   * A booking nobody started using ("I'm using it now") this many minutes after its start is
   * given back, so others may book the rest of the slot (rules/booking-release). Null or absent
   * (resources stored before the rule): never released.
   */
  releaseAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable()
    .optional(),
});
export type Resource = z.infer<typeof Resource>;

export const BookingStatus = z.enum(['active', 'cancelled']);
export const Booking = z.strictObject({
  id: Id,
  resourceId: Id,
  /** Null when the viewer may not know who booked (a non-consenting resident on a kiosk). */
  residentId: Id.nullable(),
  start: Instant,
  end: Instant,
  status: BookingStatus,
  /** When the resident said "I'm using it now" (`booking.start`); null or absent: not started. */
  startedAt: Instant.nullable().optional(),
  /** Set when the server gave the booking back unused (status `cancelled`), for the UI's words. */
  releasedAt: Instant.nullable().optional(),
});
export type Booking = z.infer<typeof Booking>;

export const Shift = z.strictObject({
  id: Id,
  staffName: Title,
  photo: MediaHash.nullable(),
  start: Instant,
  end: Instant,
  groupId: Id.nullable(),
});
export type Shift = z.infer<typeof Shift>;

export const Attendance = z.strictObject({
  /** `${activityId}:${residentId}` */
  id: Id,
  activityId: Id,
  residentId: Id,
  present: z.boolean(),
});
export type Attendance = z.infer<typeof Attendance>;

/**
 * A kiosk as staff see it (staff-only: never sent to kiosks or relatives), kept by the server from
 * the device row whenever staff change it. What changes without staff (enrolled with its code, on
 * right now, last seen) is not in the change log: `GET /api/devices/presence`.
 */
export const Kiosk = z.strictObject({
  id: Id,
  name: z.string().min(1).max(100),
  location: z.string().max(200),
  /** The groups (houses) the kiosk serves; empty is the whole centre. */
  groupIds: z.array(Id).max(100),
  createdAt: Instant,
  revoked: z.boolean(),
});
export type Kiosk = z.infer<typeof Kiosk>;

/** A login as staff see it (staff-only); never a password hash or a session. */
export const UserAccount = z.strictObject({
  id: Id,
  username: z.string().min(2).max(64),
  displayName: z.string().min(1).max(200),
  role: z.enum(['staff', 'admin', 'relative']),
  disabled: z.boolean(),
  /** The residents a relative may see; empty for staff. */
  residentIds: z.array(Id).max(100),
  createdAt: Instant,
});
export type UserAccount = z.infer<typeof UserAccount>;

/**
 * A message to the wall now ("Bussen er forsinket. Vi kører kl. 10.30."): shown large on the
 * chosen kiosks (null: every kiosk) until `until`, then gone by itself.
 */
export const WallNotice = z.strictObject({
  id: Id,
  text: z.string().trim().min(1).max(300),
  pictogram: Pictogram,
  kioskIds: z.array(Id).min(1).max(100).nullable(),
  until: Instant,
});
export type WallNotice = z.infer<typeof WallNotice>;

/**
 * A one-time link for a relative (staff-only: never sent to a kiosk or a relative). The token is
 * never stored, only its hash (server table `invitation_token`); the relative's account, once
 * accepted, is a `user` with role `relative`.
 */
export const Invitation = z.strictObject({
  id: Id,
  name: Title,
  email: z.string().max(200).nullable(),
  residentIds: z.array(Id).min(1).max(20),
  createdAt: Instant,
  expiresAt: Instant,
  status: z.enum(['open', 'accepted', 'revoked']),
  /** The relative's user id once accepted. */
  userId: Id.nullable(),
});
export type Invitation = z.infer<typeof Invitation>;

/** Most photos in one album: a day out, not the year's archive (a kiosk pages through them). */
export const ALBUM_MAX_PHOTOS = 60;

/** One photo of an album: a media blob that is an image, with an optional caption. */
export const AlbumPhoto = z.strictObject({
  hash: MediaHash,
  caption: z.string().trim().max(200).optional(),
});
export type AlbumPhoto = z.infer<typeof AlbumPhoto>;

/**
 * A photo album staff post (issue 10): shown on the kiosks' Photos screen and to relatives by
 * the same audience rule as news. `consentConfirmed` is the staff member's tick that everyone
 * pictured has consented to being shown; the server refuses an album without it.
 */
export const Album = z.strictObject({
  id: Id,
  title: z.string().trim().min(1).max(120),
  photos: z.array(AlbumPhoto).min(1).max(ALBUM_MAX_PHOTOS),
  audience: Audience,
  consentConfirmed: z.literal(true),
  /** _server_: when the album was first posted (it keeps it on edits). */
  publishedAt: Instant,
  /** _server_: when it was last changed, and by which user. */
  updatedAt: Instant,
  updatedBy: Id,
});
export type Album = z.infer<typeof Album>;

/**
 * A resident's private calendar address (issue 10). The token is never stored here, only in the
 * server's own table, hashed; `revokedAt` set means the address answers 404.
 */
export const Feed = z.strictObject({
  id: Id,
  residentId: Id,
  /** The relative who made it, or null when staff did. */
  userId: Id.nullable(),
  createdAt: Instant,
  revokedAt: Instant.nullable(),
});
export type Feed = z.infer<typeof Feed>;

/** The entities that travel in the change log, by their `Change.type` name. */
export const entitySchemas = {
  centre: Centre,
  group: Group,
  resident: Resident,
  activity: Activity,
  signup: SignUp,
  dayitem: DayItem,
  daytemplate: DayTemplate,
  meal: Meal,
  mealattendance: MealAttendance,
  news: News,
  resource: Resource,
  booking: Booking,
  shift: Shift,
  attendance: Attendance,
  kiosk: Kiosk,
  user: UserAccount,
  wallnotice: WallNotice,
  invitation: Invitation,
  album: Album,
  feed: Feed,
} as const;
export type EntityType = keyof typeof entitySchemas;
export const entityTypes = Object.keys(entitySchemas) as EntityType[];
export type EntityOf<T extends EntityType> = z.infer<(typeof entitySchemas)[T]>;
export type AnyEntity = EntityOf<EntityType>;

export const signUpId = (activityId: string, residentId: string): string =>
  `${activityId}:${residentId}`;
export const mealAttendanceId = (mealId: string, residentId: string): string =>
  `${mealId}:${residentId}`;
export const attendanceId = (activityId: string, residentId: string): string =>
  `${activityId}:${residentId}`;

export const Role = z.enum(['kiosk', 'staff', 'admin', 'relative']);
export type Role = z.infer<typeof Role>;
