/**
 * Issue 9 (people): consent per channel, relatives' invitations, and the consent history.
 *
 * - Every stored resident (its row and its change-log entry) gets `consent` per channel from its
 *   one `wallConsent` flag: the wall as it was (nobody recorded who gave it or when), relatives'
 *   view and calendar feed not given. Clients validate each record, so the log must hold the
 *   new shape too.
 * - `invitation` (the staff-only entity), `invitation_token` (token hashes) and `consent_event`.
 *
 * Written out here rather than read from the consent rule: a migration must keep doing what it
 * did when it shipped. `ifNotExists` on `invitation`: a database made after the entity existed got
 * its table from the initial migration, which makes one per entity type.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './dialect.js';

const NONE = { given: false, by: null, recordedBy: null, at: null };

function withConsent(json: string): string {
  const record = JSON.parse(json) as Record<string, unknown>;
  if (record.consent !== undefined) return json;
  record.consent = {
    wall: { ...NONE, given: record.wallConsent === true },
    relatives: NONE,
    calendar: NONE,
  };
  return JSON.stringify(record);
}

export const peopleMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('invitation')
      .ifNotExists()
      .addColumn('id', t.text, (c) => c.primaryKey())
      .addColumn('data', t.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('invitation_token')
      .addColumn('token_hash', t.text, (c) => c.primaryKey())
      .addColumn('invite_id', t.text, (c) => c.notNull().unique())
      .addColumn('expires_at', t.text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('consent_event')
      .addColumn('id', 'integer', t.autoId)
      .addColumn('resident_id', t.text, (c) => c.notNull())
      .addColumn('channel', t.text, (c) => c.notNull())
      .addColumn('given', 'integer', (c) => c.notNull())
      .addColumn('given_by', t.text)
      .addColumn('recorded_by', t.text, (c) => c.notNull())
      .addColumn('at', t.text, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('consent_event_resident')
      .on('consent_event')
      .column('resident_id')
      .execute();

    const residents = await sql<{ id: string; data: string }>`
      select id, data from resident`.execute(db);
    for (const row of residents.rows) {
      const data = withConsent(row.data);
      if (data !== row.data)
        await sql`update resident set data = ${data} where id = ${row.id}`.execute(db);
    }
    const logged = await sql<{ seq: number; data: string }>`
      select seq, data from change_log where type = 'resident' and data is not null`.execute(db);
    for (const row of logged.rows) {
      const data = withConsent(row.data);
      if (data !== row.data)
        await sql`update change_log set data = ${data} where seq = ${row.seq}`.execute(db);
    }
  },
};
