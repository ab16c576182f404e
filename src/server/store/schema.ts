/**
 * The centre server's tables as Kysely sees them. Entity tables keep the full record as JSON in
 * `data` beside the few columns the rules query by; the JSON is the record clients receive.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface EntityRow {
  id: string;
  data: string;
}

export interface ActivityTable extends EntityRow {
  start: string;
}
export interface SignUpTable extends EntityRow {
  activity_id: string;
  resident_id: string;
}
export interface BookingTable extends EntityRow {
  resource_id: string;
  resident_id: string;
}
export interface MealAttendanceTable extends EntityRow {
  meal_id: string;
  resident_id: string;
}
export interface DayItemTable extends EntityRow {
  resident_id: string | null;
}

/**
 * The change log. `seq` is the one rising sequence of the server: every put or delete of an
 * entity takes the next value, so a client that holds cursor N has seen every visible change up
 * to N. The log is compacted on write (a newer change of the same entity replaces the older
 * row), so a full pull sends each entity once; tombstones (`op = 'del'`) are kept so that
 * clients behind them learn of the delete.
 */
export interface ChangeLogTable {
  seq: number;
  type: string;
  entity_id: string;
  op: 'put' | 'del';
  data: string | null;
  /** The resident a change concerns, for per-client visibility; null for shared data. */
  resident_id: string | null;
  created_at: string;
}

export interface SyncStateTable {
  id: number;
  /** The highest seq handed out. */
  head: number;
}

/** A mutation id and its first answer, so a retried id gets the same answer (kept 30 days). */
export interface ProcessedMutationTable {
  id: string;
  principal: string;
  name: string;
  outcome: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: 'staff' | 'admin' | 'relative';
  password_hash: string;
  /** JSON array of resident ids a relative may see. */
  resident_ids: string;
  disabled: number;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked: number;
}

export interface DeviceTable {
  id: string;
  name: string;
  location: string;
  token_hash: string | null;
  revoked: number;
  created_at: string;
  last_seen_at: string | null;
  /** JSON array of the group ids the kiosk serves; `[]` is the whole centre. */
  group_ids: Generated<string>;
}

export interface EnrolCodeTable {
  code_hash: string;
  device_id: string;
  expires_at: string;
  used_at: string | null;
}

export interface ResidentSecretTable {
  resident_id: string;
  pin_hash: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  detail: string | null;
}

/** Key/value facts of the server itself (the database identity). */
export interface ServerMetaTable {
  key: string;
  value: string;
}

/** Which entity refers to which media blob (media/media-refs.ts): decides who may fetch it. */
export interface MediaRefTable {
  hash: string;
  entity_type: string;
  entity_id: string;
}

/**
 * Counts for the evaluation (server/evaluation): how many of each countable action happened in
 * one hour, by who made it. Counts only, never who (issue 9 "Evaluation").
 */
export interface UsageCountTable {
  /** The UTC hour, `2026-12-01T09` (the report groups by the centre's local week and hour). */
  hour: string;
  /** `signup`, `cancel`, `booking`, `meal`, `speech`, `kiosk.action`. */
  metric: string;
  /** `wall` (a kiosk), `staff` (staff or admin), `relative`. */
  source: string;
  n: number;
}

/** A relative's invitation token, by its hash (the token itself is never stored). */
export interface InvitationTokenTable {
  token_hash: string;
  invite_id: string;
  expires_at: string;
}

/** Every recorded consent answer per resident and channel: the history a GDPR export shows. */
export interface ConsentEventTable {
  id: Generated<number>;
  resident_id: string;
  channel: 'wall' | 'relatives' | 'calendar';
  given: number;
  /** `resident` or `guardian`; null for an answer recorded without it (the one-flag input). */
  given_by: string | null;
  /** The staff user who recorded it. */
  recorded_by: string;
  at: string;
}

/** A calendar feed's token, by its hash, and whose it is (server/feeds; never the token). */
export interface FeedTokenTable {
  feed_id: string;
  token_hash: string;
  resident_id: string;
  /** The relative who made it; null when staff did. */
  user_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** One event as a resident's feed last served it (server/feeds/feed-events.ts). */
export interface FeedEventTable {
  resident_id: string;
  uid: string;
  /** SHA-256 of what the event says (times, words, status): a new one raises `sequence`. */
  hash: string;
  sequence: number;
  /** DTSTAMP: when it last changed. */
  stamp: string;
  /** The event as last served (JSON), to send it as cancelled once its record is gone. */
  event: string;
  /** When it was first missing from the resident's events; null while it is there. */
  gone_at: string | null;
}

export interface Database {
  centre: EntityRow;
  group: EntityRow;
  resident: EntityRow;
  activity: ActivityTable;
  signup: SignUpTable;
  dayitem: DayItemTable;
  daytemplate: EntityRow;
  meal: EntityRow;
  mealattendance: MealAttendanceTable;
  news: EntityRow;
  resource: EntityRow;
  booking: BookingTable;
  shift: EntityRow;
  attendance: EntityRow;
  kiosk: EntityRow;
  user: EntityRow;
  wallnotice: EntityRow;
  usage_count: UsageCountTable;
  invitation: EntityRow;
  invitation_token: InvitationTokenTable;
  album: EntityRow;
  feed: EntityRow;
  feed_token: FeedTokenTable;
  feed_event: FeedEventTable;
  consent_event: ConsentEventTable;
  change_log: ChangeLogTable;
  sync_state: SyncStateTable;
  processed_mutation: ProcessedMutationTable;
  app_user: UserTable;
  session: SessionTable;
  device: DeviceTable;
  enrol_code: EnrolCodeTable;
  resident_secret: ResidentSecretTable;
  audit: AuditTable;
  media_ref: MediaRefTable;
  server_meta: ServerMetaTable;
  pin_lockout: PinLockoutTable;
  rate_window: RateWindowTable;
}

/** Wrong PINs per (caller, resident), shared by every node (auth/pin-lockout.ts). Times in ms. */
export interface PinLockoutTable {
  key: string;
  wrong: number;
  pending: number;
  /** 0 while not locked. */
  locked_until: number;
  last_at: number;
}

/** One rate-limit window per key, shared by every node (http/limits.ts). Times in ms. */
export interface RateWindowTable {
  key: string;
  hits: number;
  window_end: number;
}

export type User = Selectable<UserTable>;
export type Device = Selectable<DeviceTable>;
export type NewAudit = Insertable<AuditTable>;
