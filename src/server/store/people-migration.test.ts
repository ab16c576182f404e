import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Resident } from '../../domain/model.js';
import { peopleMigration } from './people-migration.js';

const legacy = (id: string, wallConsent: boolean) =>
  JSON.stringify({
    id,
    displayName: id,
    photo: null,
    pictogram: null,
    groupIds: [],
    wallConsent,
    hasPin: false,
    mealSignUp: true,
  });

describe('the people migration', () => {
  it('gives every stored resident, in its table and in the change log, consent per channel', async () => {
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }),
    });
    await sql`create table resident (id text primary key, data text not null)`.execute(db);
    await sql`create table change_log (seq integer primary key, type text, data text)`.execute(db);
    await sql`insert into resident values ('r1', ${legacy('r1', true)}), ('r2', ${legacy('r2', false)})`.execute(
      db,
    );
    await sql`insert into change_log values (1, 'resident', ${legacy('r1', true)}), (2, 'resident', null), (3, 'meal', '{"id":"m"}')`.execute(
      db,
    );

    await peopleMigration.up(db);

    const rows = await sql<{
      id: string;
      data: string;
    }>`select id, data from resident order by id`.execute(db);
    const [r1, r2] = rows.rows.map((r) => Resident.parse(JSON.parse(r.data)));
    expect(r1?.consent).toEqual({
      wall: { given: true, by: null, recordedBy: null, at: null },
      relatives: { given: false, by: null, recordedBy: null, at: null },
      calendar: { given: false, by: null, recordedBy: null, at: null },
    });
    expect(r1?.wallConsent).toBe(true);
    expect(r2?.consent.wall.given).toBe(false);
    const log = await sql<{
      seq: number;
      data: string | null;
    }>`select seq, data from change_log order by seq`.execute(db);
    expect(Resident.parse(JSON.parse(log.rows[0]?.data ?? '')).consent.wall.given).toBe(true);
    expect(log.rows[1]?.data).toBeNull();
    expect(log.rows[2]?.data).toBe('{"id":"m"}');
    await db.destroy();
  });
});
