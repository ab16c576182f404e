/**
 * Looking straight into the server's database, as an operator would after an incident: row counts
 * of every table, and the invariants the sync design promises (one change-log row per entity at a
 * seq no higher than the head, derived counts that match the rows, ...).
 */
import { sql, type Kysely } from 'kysely';
import { entityTypes } from '../../src/domain/model.js';
import { dialectOf } from '../../src/server/store/dialect.js';
import type { Database } from '../../src/server/store/schema.js';
import { readHead } from '../../src/server/store/store.js';

/** Row counts of every table plus the change-log head: equal before and after means nothing changed. */
export async function databaseFingerprint(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables =
    dialectOf(db) === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'
          order by table_name`.execute(db)
      : await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    out[name] = Number(row.rows[0]?.n ?? 0);
  }
  out['sync_state.head'] = await readHead(db);
  return out;
}

/** Every broken invariant, in plain words; an empty list means the database is consistent. */
export async function invariantViolations(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const head = await readHead(db);
  const log = await sql<{
    seq: number;
    type: string;
    entity_id: string;
    op: string;
    data: string | null;
  }>`
    select seq, type, entity_id, op, data from change_log`.execute(db);
  const seqs = new Set<number>();
  const byEntity = new Map<string, { seq: number; op: string; data: string | null }>();
  for (const r of log.rows) {
    const seq = Number(r.seq);
    if (seqs.has(seq)) problems.push(`change_log seq ${seq} appears twice`);
    seqs.add(seq);
    if (seq > head) problems.push(`change_log seq ${seq} is above the head ${head}`);
    const key = `${r.type}:${r.entity_id}`;
    if (byEntity.has(key)) problems.push(`change_log holds ${key} twice`);
    byEntity.set(key, { seq, op: r.op, data: r.data });
  }

  for (const type of entityTypes) {
    const rows = await sql<{
      id: string;
      data: string;
    }>`select id, data from ${sql.table(type)}`.execute(db);
    const ids = new Set<string>();
    for (const row of rows.rows) {
      ids.add(row.id);
      const logged = byEntity.get(`${type}:${row.id}`);
      if (!logged || logged.op !== 'put')
        problems.push(`${type} ${row.id} has no put in the change log`);
      else if (logged.data !== row.data)
        problems.push(`${type} ${row.id} differs from its change-log row`);
    }
    for (const [key, logged] of byEntity) {
      const [t, ...rest] = key.split(':');
      if (t !== type) continue;
      const id = rest.join(':');
      if (logged.op === 'put' && !ids.has(id))
        problems.push(`change log puts ${key} but there is no such row`);
      if (logged.op === 'del' && ids.has(id))
        problems.push(`change log deletes ${key} but the row is there`);
    }
  }

  const activities = await db.selectFrom('activity').select('data').execute();
  const signups = await db.selectFrom('signup').select(['activity_id', 'data']).execute();
  for (const { data } of activities) {
    const a = JSON.parse(data) as { id: string; confirmedCount: number; waitlistCount: number };
    const mine = signups
      .filter((s) => s.activity_id === a.id)
      .map((s) => JSON.parse(s.data) as { status: string; position: number | null; order: number });
    const confirmed = mine.filter((s) => s.status === 'confirmed').length;
    const waiting = mine.filter((s) => s.status === 'waitlisted');
    if (a.confirmedCount !== confirmed)
      problems.push(`activity ${a.id} says ${a.confirmedCount} confirmed, rows say ${confirmed}`);
    if (a.waitlistCount !== waiting.length)
      problems.push(`activity ${a.id} says ${a.waitlistCount} waiting, rows say ${waiting.length}`);
    const positions = waiting.map((s) => s.position ?? 0).sort((x, y) => x - y);
    if (positions.some((p, i) => p !== i + 1))
      problems.push(`activity ${a.id} waiting-list positions are ${positions.join(',')}`);
  }
  return problems;
}
