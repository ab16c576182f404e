/**
 * Schema migrations, written with Kysely's schema builder so the same steps run on SQLite and on
 * PostgreSQL. Add a new entry for every change; never edit one that has shipped.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { entityTypes } from '../../domain/model.js';
import { mediaRefMigration } from '../media/media-refs.js';
import { columnTypes } from './dialect.js';
import { peopleMigration } from './people-migration.js';
import type { Database } from './schema.js';

/** Extra columns that rules query by, per entity table. */
const entityColumns: Partial<Record<(typeof entityTypes)[number], string[]>> = {
  activity: ['start'],
  signup: ['activity_id', 'resident_id'],
  booking: ['resource_id', 'resident_id'],
  mealattendance: ['meal_id', 'resident_id'],
  dayitem: ['resident_id'],
};

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    for (const type of entityTypes) {
      const columns = entityColumns[type] ?? [];
      let table = db.schema
        .createTable(type)
        .addColumn('id', t.text, (c) => c.primaryKey())
        .addColumn('data', t.json, (c) => c.notNull());
      for (const column of columns) {
        table = table.addColumn(column, t.text, (c) =>
          column === 'resident_id' && type === 'dayitem' ? c : c.notNull(),
        );
      }
      await table.execute();
      for (const column of columns) {
        await db.schema.createIndex(`${type}_${column}_idx`).on(type).column(column).execute();
      }
    }
    await db.schema
      .createTable('change_log')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('entity_id', t.text, (c) => c.notNull())
      .addColumn('op', t.text, (c) => c.notNull())
      .addColumn('data', t.json)
      .addColumn('resident_id', t.text)
      .addColumn('created_at', t.text, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('change_log_entity_idx')
      .on('change_log')
      .columns(['type', 'entity_id'])
      .unique()
      .execute();
    await db.schema
      .createTable('sync_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('head', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into sync_state (id, head) values (1, 0)`.execute(db);
    await db.schema
      .createTable('processed_mutation')
      .addColumn('id', t.text, (c) => c.primaryKey())
      .addColumn('principal', t.text, (c) => c.notNull())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('outcome', t.text, (c) => c.notNull())
      .addColumn('created_at', t.text, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('processed_mutation_created_idx')
      .on('processed_mutation')
      .column('created_at')
      .execute();
    await db.schema
      .createTable('app_user')
      .addColumn('id', t.text, (c) => c.primaryKey())
      .addColumn('username', t.text, (c) => c.notNull().unique())
      .addColumn('display_name', t.text, (c) => c.notNull())
      .addColumn('role', t.text, (c) => c.notNull())
      .addColumn('password_hash', t.text, (c) => c.notNull())
      .addColumn('resident_ids', t.text, (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('session')
      .addColumn('token_hash', t.text, (c) => c.primaryKey())
      .addColumn('user_id', t.text, (c) => c.notNull())
      .addColumn('created_at', t.text, (c) => c.notNull())
      .addColumn('expires_at', t.text, (c) => c.notNull())
      .addColumn('revoked', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('device')
      .addColumn('id', t.text, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('location', t.text, (c) => c.notNull())
      .addColumn('token_hash', t.text, (c) => c.unique())
      .addColumn('revoked', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.text, (c) => c.notNull())
      .addColumn('last_seen_at', t.text)
      .execute();
    await db.schema
      .createTable('enrol_code')
      .addColumn('code_hash', t.text, (c) => c.primaryKey())
      .addColumn('device_id', t.text, (c) => c.notNull())
      .addColumn('expires_at', t.text, (c) => c.notNull())
      .addColumn('used_at', t.text)
      .execute();
    await db.schema
      .createTable('resident_secret')
      .addColumn('resident_id', t.text, (c) => c.primaryKey())
      .addColumn('pin_hash', t.text)
      .execute();
    await db.schema
      .createTable('audit')
      .addColumn('id', 'integer', t.autoId)
      .addColumn('at', t.text, (c) => c.notNull())
      .addColumn('actor', t.text, (c) => c.notNull())
      .addColumn('action', t.text, (c) => c.notNull())
      .addColumn('entity_type', t.text)
      .addColumn('entity_id', t.text)
      .addColumn('detail', t.text)
      .execute();
  },
};

/** Server-wide facts that are not entities: the database identity (store/identity.ts). */
const serverMeta: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('server_meta')
      .addColumn('key', t.text, (c) => c.primaryKey())
      .addColumn('value', t.text, (c) => c.notNull())
      .execute();
  },
};

/**
 * The groups (houses) a kiosk serves, as a JSON array; empty is the whole centre. News and
 * activities for some groups reach only kiosks of those groups (domain/rules/audience).
 */
const deviceGroups: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .alterTable('device')
      .addColumn('group_ids', t.text, (c) => c.notNull().defaultTo('[]'))
      .execute();
  },
};

/**
 * Until this migration the audit log stored `resident.put` args as sent, a PIN included. Write
 * "set" / "removed" in its place, as the audit writer now does (protocol `redactArgs`). Written
 * out here rather than read from the catalogue: a migration must do what it did when it shipped.
 */
const scrubAuditSecrets: Migration = {
  async up(db: Kysely<unknown>) {
    const rows = await sql<{ id: number; detail: string }>`
      select id, detail from audit where detail like ${'%"pin"%'}`.execute(db);
    for (const row of rows.rows) {
      const detail = scrubPin(row.detail);
      if (detail !== row.detail)
        await sql`update audit set detail = ${detail} where id = ${row.id}`.execute(db);
    }
  },
};

function scrubPin(detail: string): string {
  try {
    const args: unknown = JSON.parse(detail);
    if (typeof args === 'object' && args !== null && !Array.isArray(args) && 'pin' in args) {
      const pin = args.pin;
      return JSON.stringify({ ...args, pin: pin === null ? 'removed' : 'set' });
    }
  } catch {
    // Details were cut at 2,000 characters, so some are not JSON: rewrite the text instead.
  }
  return detail
    .replace(/"pin":\s*null/g, '"pin":"removed"')
    .replace(/"pin":\s*"(?!set"|removed")[^"]*("|$)/g, '"pin":"set"');
}

/**
 * Issue 9 (the staff admin): the staff-only mirrors of kiosks and logins and the wall notices, as
 * entity tables (the server fills the mirrors from `device` and `app_user` at start,
 * sync/mirrors.ts), and the evaluation's hourly counts. `ifNotExists`: on a fresh database the
 * initial migration, which makes a table per entity type of today's model, made the three already.
 */
const staffOperations: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    for (const table of ['kiosk', 'user', 'wallnotice'])
      await db.schema
        .createTable(table)
        .ifNotExists()
        .addColumn('id', t.text, (c) => c.primaryKey())
        .addColumn('data', t.json, (c) => c.notNull())
        .execute();
    await db.schema
      .createTable('usage_count')
      .addColumn('hour', t.text, (c) => c.notNull())
      .addColumn('metric', t.text, (c) => c.notNull())
      .addColumn('source', t.text, (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('usage_count_pk', ['hour', 'metric', 'source'])
      .execute();
  },
};

/**
 * Day-structure templates (`daytemplate`, staff-only). `ifNotExists`: a database made after the
 * entity existed got the table from the initial migration, which creates one per entity type.
 */
const dayTemplates: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('daytemplate')
      .ifNotExists()
      .addColumn('id', t.text, (c) => c.primaryKey())
      .addColumn('data', t.json, (c) => c.notNull())
      .execute();
  },
};

/**
 * Issue 10: photo albums (`album`). `ifNotExists`: a database made after the entity existed got
 * the table from the initial migration, which creates one per entity type.
 */
const albums: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('album')
      .ifNotExists()
      .addColumn('id', t.text, (c) => c.primaryKey())
      .addColumn('data', t.json, (c) => c.notNull())
      .execute();
  },
};

/**
 * Issue 10: residents' private calendar feeds (server/feeds). `feed` is the entity (staff and the
 * relative who made it see it; `ifNotExists` as for albums); `feed_token` is the server's truth
 * for `GET /ical/:token.ics`: the SHA-256 of the token (never the token), whose feed, made by
 * which relative (null: staff) and when, and when revoked; `feed_event` is what the feed has
 * served per resident and event (content hash, SEQUENCE, DTSTAMP, the event as last served), so
 * an edit raises SEQUENCE and a vanished event stays as CANCELLED for a while.
 */
const feeds: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('feed')
      .ifNotExists()
      .addColumn('id', t.text, (c) => c.primaryKey())
      .addColumn('data', t.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('feed_token')
      .addColumn('feed_id', t.text, (c) => c.primaryKey())
      .addColumn('token_hash', t.text, (c) => c.notNull().unique())
      .addColumn('resident_id', t.text, (c) => c.notNull())
      .addColumn('user_id', t.text)
      .addColumn('created_at', t.text, (c) => c.notNull())
      .addColumn('revoked_at', t.text)
      .execute();
    await db.schema
      .createIndex('feed_token_resident_idx')
      .on('feed_token')
      .column('resident_id')
      .execute();
    await db.schema
      .createTable('feed_event')
      .addColumn('resident_id', t.text, (c) => c.notNull())
      .addColumn('uid', t.text, (c) => c.notNull())
      .addColumn('hash', t.text, (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('stamp', t.text, (c) => c.notNull())
      .addColumn('event', t.text, (c) => c.notNull())
      .addColumn('gone_at', t.text)
      .addPrimaryKeyConstraint('feed_event_pk', ['resident_id', 'uid'])
      .execute();
  },
};

/**
 * Issue 13: what every server node must agree on, moved out of each process's memory: PIN
 * lock-outs (auth/pin-lockout.ts) and rate-limit windows (http/limits.ts). Times are epoch ms.
 */
const sharedLimits: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('pin_lockout')
      .addColumn('key', t.text, (c) => c.primaryKey())
      .addColumn('wrong', 'integer', (c) => c.notNull())
      .addColumn('pending', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'bigint', (c) => c.notNull())
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('rate_window')
      .addColumn('key', t.text, (c) => c.primaryKey())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('window_end', 'bigint', (c) => c.notNull())
      .execute();
  },
};

const migrations: Record<string, Migration> = {
  '2026-11-24-initial': initial,
  '2026-12-01-server-meta': serverMeta,
  '2026-12-01-device-groups': deviceGroups,
  '2026-12-02-scrub-audit-secrets': scrubAuditSecrets,
  '2026-12-03-media-ref': mediaRefMigration,
  '2026-12-04-people': peopleMigration,
  '2026-12-04-day-templates': dayTemplates,
  '2026-12-04-staff-operations': staffOperations,
  '2026-12-05-albums': albums,
  '2026-12-05-feeds': feeds,
  '2026-12-06-shared-limits': sharedLimits,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Runs the migrations this database has not had; returns their names, in the order run. */
export async function migrate(
  db: Kysely<Database>,
  /**
   * One centre's schema of a shared database (store/schema-pool.ts): its bookkeeping is that
   * schema's own (Kysely looks for its tables by name in every schema otherwise).
   */
  opts: { schema?: string } = {},
): Promise<string[]> {
  // Migrations are added on parallel branches: a database that already ran a later-named one
  // must still run one merged after it, instead of refusing to start.
  const { error, results } = await new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(opts.schema ? { migrationTableSchema: opts.schema } : {}),
  }).migrateToLatest();
  if (error)
    throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
