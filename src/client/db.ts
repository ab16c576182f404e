/**
 * The client's local database (Dexie over IndexedDB). Three kinds of tables live here:
 *
 * - cache tables, one per entity type of the change log (`activity`, `signup`, …): they hold only
 *   what the server sent and may be dropped at any time, because a pull from 0 rebuilds them;
 * - `meta`: the sync `cursor` and `lastSyncedAt`, which belong with the cache (dropped with it);
 * - `outbox` and `rejections`: the user's own intent. They are never dropped by a reset, an
 *   eviction recovery or a schema upgrade — losing them would silently lose a resident's sign-up.
 */
import { Dexie, type DexieOptions, type Table, type Transaction } from 'dexie';
import { abortedQueryGuard } from './aborted-queries.js';
import type {
  Activity,
  Album,
  Attendance,
  Booking,
  Centre,
  DayItem,
  DayTemplate,
  EntityType,
  Feed,
  Group,
  Invitation,
  Meal,
  MealAttendance,
  News,
  Resident,
  Resource,
  Kiosk,
  Shift,
  SignUp,
  UserAccount,
  WallNotice,
} from '../domain/model.js';
import { entityTypes } from '../domain/model.js';
import type { MutationName, RejectionCode, RejectionReason } from '../protocol/index.js';

/** One pending mutation, in the order the user made it. */
export interface OutboxEntry {
  /** Local order (auto-increment): the sender sends strictly in ascending `seq`. */
  seq?: number;
  /**
   * The mutation id (a UUID made on this device). The server applies an id at most once and
   * answers a repeated id with its first answer, so a retry after a lost ack is always safe.
   */
  id: string;
  name: MutationName;
  args: Record<string, unknown>;
  createdAt: string;
  /** How many times it has been sent so far. */
  attempts: number;
  lastError: string | null;
  /**
   * `pending` until the server applies it. `applied` entries wait, still overlaid in the UI, until
   * the cache has caught up with the change-log head the server answered with (`appliedCursor`);
   * the transaction that brings the cache there deletes them, so the screen never flickers back
   * to the state before the mutation.
   */
  state: 'pending' | 'applied';
  appliedCursor: number | null;
}

/** A mutation the server refused. Kept until the user has been told (dismissed). */
export interface Rejection {
  /** The mutation id. */
  id: string;
  name: MutationName;
  args: Record<string, unknown>;
  code: RejectionCode;
  message: string;
  reason: RejectionReason | null;
  at: string;
}

/**
 * - `cursor`: how far into the server's change log the cache has applied;
 * - `lastSyncedAt`: when the cache last caught up;
 * - `view`: the view key the cache was built under (protocol: `PullResult.view`); a page with
 *   another key means the cache no longer matches what this client may see;
 * - `identity`: the server database's identity from `welcome`; another one means a restore.
 */
export interface MetaRow {
  key: 'cursor' | 'lastSyncedAt' | 'view' | 'identity';
  value: number | string;
}

/** One step of the local schema. Later steps list only the tables they add or change. */
export interface CacheSchemaVersion {
  version: number;
  /** Dexie store specs (`'id, start'`); `null` deletes a table. */
  stores: Record<string, string | null>;
  /**
   * The cached rows no longer fit the new shape: the upgrade empties every cache table and the
   * cursor, so the next pull rebuilds them from 0. The outbox and rejections are kept.
   */
  clearCache?: boolean;
}

export const cacheSchemaVersions: readonly CacheSchemaVersion[] = [
  {
    version: 1,
    stores: {
      centre: 'id',
      group: 'id',
      resident: 'id',
      activity: 'id, start',
      signup: 'id, activityId, residentId',
      dayitem: 'id, date, residentId, groupId',
      meal: 'id, date',
      mealattendance: 'id, mealId, residentId',
      news: 'id, publishAt',
      resource: 'id',
      booking: 'id, resourceId, start',
      shift: 'id, start',
      attendance: 'id, activityId',
      meta: 'key',
      outbox: '++seq, &id',
      rejections: 'id, at',
    },
  },
  // Day-structure templates (staff-only: a kiosk's table stays empty).
  { version: 2, stores: { daytemplate: 'id, residentId, groupId' } },
  // The staff admin's kiosks and logins (staff-only) and messages to the wall (issue 9).
  { version: 3, stores: { kiosk: 'id', user: 'id', wallnotice: 'id, until' } },
  // Relatives' invitations (staff-only), and residents now carry `consent` per channel: cached
  // residents of the old shape would not parse, so the cache is rebuilt by a pull from 0.
  { version: 4, stores: { invitation: 'id, status' }, clearCache: true },
  // Issue 10: photo albums (kiosks, staff, relatives by audience) and residents' calendar feeds.
  // New tables only: nothing cached changes shape, so no rebuild.
  { version: 5, stores: { album: 'id, publishedAt', feed: 'id, residentId' } },
  // Issue 14: only the indexes a screen queries. Every index entry is one more write of each row
  // a pull brings; sign-ups, meal answers and attendance are found by their ids instead
  // (relations.ts), and the others were queried by nothing. Dropping an index keeps the rows.
  {
    version: 6,
    stores: {
      signup: 'id',
      mealattendance: 'id',
      attendance: 'id',
      dayitem: 'id, date',
      daytemplate: 'id',
      wallnotice: 'id',
      invitation: 'id',
      album: 'id',
    },
  },
];

export class CacheDb extends Dexie {
  declare readonly centre: Table<Centre, string>;
  declare readonly group: Table<Group, string>;
  declare readonly resident: Table<Resident, string>;
  declare readonly activity: Table<Activity, string>;
  declare readonly signup: Table<SignUp, string>;
  declare readonly dayitem: Table<DayItem, string>;
  declare readonly daytemplate: Table<DayTemplate, string>;
  declare readonly meal: Table<Meal, string>;
  declare readonly mealattendance: Table<MealAttendance, string>;
  declare readonly news: Table<News, string>;
  declare readonly resource: Table<Resource, string>;
  declare readonly booking: Table<Booking, string>;
  declare readonly shift: Table<Shift, string>;
  declare readonly attendance: Table<Attendance, string>;
  declare readonly kiosk: Table<Kiosk, string>;
  declare readonly user: Table<UserAccount, string>;
  declare readonly wallnotice: Table<WallNotice, string>;
  declare readonly invitation: Table<Invitation, string>;
  declare readonly album: Table<Album, string>;
  declare readonly feed: Table<Feed, string>;
  declare readonly meta: Table<MetaRow, string>;
  declare readonly outbox: Table<OutboxEntry, number>;
  declare readonly rejections: Table<Rejection, string>;

  constructor(
    name: string,
    options?: DexieOptions,
    versions: readonly CacheSchemaVersion[] = cacheSchemaVersions,
  ) {
    super(name, options);
    this.use(abortedQueryGuard);
    for (const step of versions) {
      const version = this.version(step.version).stores(step.stores);
      if (step.clearCache) version.upgrade((tx) => clearCacheIn(tx));
    }
  }

  /** The cache table of an entity type (one exists per type of `entitySchemas`). */
  cacheTable(type: EntityType): Table<Record<string, unknown>, string> {
    return (this as unknown as Record<EntityType, Table<Record<string, unknown>, string>>)[type];
  }

  /** Every cache table this schema has, plus `meta` (the cursor belongs with the cache). */
  cacheTables(): Table[] {
    const present = entityTypes.filter((t) => this.tables.some((x) => x.name === t));
    return [...present.map((t) => this.cacheTable(t)), this.meta];
  }
}

/** Empties the cache and the cursor inside an upgrade transaction. Never the outbox. */
async function clearCacheIn(tx: Transaction): Promise<void> {
  const names = tx.storeNames.filter((n) => (entityTypes as string[]).includes(n) || n === 'meta');
  await Promise.all(names.map((n) => tx.table(n).clear()));
}

/**
 * Empties every cache table and the cursor in one transaction, keeping the outbox and the
 * rejections: used on `reset` and to recover from quota / eviction errors.
 */
export async function clearCache(db: CacheDb): Promise<void> {
  await db.transaction('rw', db.cacheTables(), async () => {
    await Promise.all(db.cacheTables().map((t) => t.clear()));
  });
}

export async function readCursor(db: CacheDb): Promise<number> {
  const row = await db.meta.get('cursor');
  return typeof row?.value === 'number' ? row.value : 0;
}

export async function readMetaText(db: CacheDb, key: 'view' | 'identity'): Promise<string | null> {
  const row = await db.meta.get(key);
  return typeof row?.value === 'string' ? row.value : null;
}

export async function readLastSyncedAt(db: CacheDb): Promise<Date | null> {
  const row = await db.meta.get('lastSyncedAt');
  return typeof row?.value === 'string' ? new Date(row.value) : null;
}

interface StorageManagerLike {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

/**
 * Asks the browser not to evict this origin's storage under pressure. Resolves false where the
 * API is missing (Node, old browsers) or the browser says no; the engine survives eviction anyway.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const nav = (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator;
  const storage = nav?.storage;
  if (!storage?.persist) return false;
  if (storage.persisted && (await storage.persisted())) return true;
  return storage.persist();
}
