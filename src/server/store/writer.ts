/**
 * Reads and writes entities inside one transaction and collects the changes they make, so the
 * mutation pipeline can append them to the change log in the same transaction and push them only
 * after commit. Handlers use this and never write SQL themselves.
 */
import type { Kysely, Transaction } from 'kysely';
import type { EntityOf, EntityType } from '../../domain/model.js';
import { writeMediaRefs } from '../media/media-refs.js';
import type { Database } from './schema.js';

export interface LoggedChange {
  seq: number;
  type: EntityType;
  id: string;
  op: 'put' | 'del';
  data?: Record<string, unknown>;
  /** The resident the change concerns, for visibility; null for shared data. */
  residentId: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The rules-facing columns of an entity row. */
function columnsFor(type: EntityType, record: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case 'activity':
      return { start: record.start };
    case 'signup':
      return { activity_id: record.activityId, resident_id: record.residentId };
    case 'booking':
      return { resource_id: record.resourceId, resident_id: record.residentId };
    case 'mealattendance':
      return { meal_id: record.mealId, resident_id: record.residentId };
    case 'dayitem':
      return { resident_id: record.residentId };
    default:
      return {};
  }
}

/** Which resident a record concerns, for per-client visibility. */
export function residentOf(type: EntityType, record: Record<string, unknown>): string | null {
  if (type === 'resident') return typeof record.id === 'string' ? record.id : null;
  const r = record.residentId;
  return typeof r === 'string' ? r : null;
}

export class Writer {
  readonly changes: LoggedChange[] = [];
  #head: number;

  /** The head before this writer's changes: a push of them follows on from this cursor. */
  readonly startHead: number;

  constructor(
    readonly db: Db,
    head: number,
    readonly now: Date,
  ) {
    this.#head = head;
    this.startHead = head;
  }

  /** The seq the next change will get (used as waiting-list order). */
  nextSeq(): number {
    return this.#head + 1;
  }

  get head(): number {
    return this.#head;
  }

  async get<T extends EntityType>(type: T, id: string): Promise<EntityOf<T> | undefined> {
    const row = await (this.db as Kysely<Database>)
      .selectFrom(type as 'group')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (JSON.parse(row.data) as EntityOf<T>) : undefined;
  }

  async list<T extends EntityType>(
    type: T,
    column: 'activity_id' | 'resource_id' | 'resident_id' | 'meal_id' | 'start' | null,
    value?: string,
  ): Promise<EntityOf<T>[]> {
    let q = (this.db as Kysely<Database>).selectFrom(type as 'signup').select('data');
    if (column !== null && value !== undefined) q = q.where(column as 'activity_id', '=', value);
    const rows = await q.execute();
    return rows.map((r) => JSON.parse(r.data) as EntityOf<T>);
  }

  async put<T extends EntityType>(type: T, record: EntityOf<T>): Promise<number> {
    const data = record as unknown as Record<string, unknown>;
    const json = JSON.stringify(record);
    const columns = columnsFor(type, data);
    await (this.db as Kysely<Database>)
      .insertInto(type as 'group')
      .values({ id: (record as { id: string }).id, data: json, ...columns })
      .onConflict((oc) => oc.column('id').doUpdateSet({ data: json, ...columns }))
      .execute();
    await writeMediaRefs(this.db, type, (record as { id: string }).id, data);
    return this.#log({
      type,
      id: (record as { id: string }).id,
      op: 'put',
      data,
      residentId: residentOf(type, data),
    });
  }

  async del(type: EntityType, id: string, residentId: string | null = null): Promise<number> {
    await (this.db as Kysely<Database>)
      .deleteFrom(type as 'group')
      .where('id', '=', id)
      .execute();
    await writeMediaRefs(this.db, type, id, undefined);
    return this.#log({ type, id, op: 'del', residentId });
  }

  #log(change: Omit<LoggedChange, 'seq'>): number {
    this.#head += 1;
    this.changes.push({ ...change, seq: this.#head });
    return this.#head;
  }

  /**
   * The collected changes, keeping only the last change of each entity (the log keeps one row
   * per entity anyway), in seq order. Writes nothing: see `appendToLog`.
   */
  collect(): LoggedChange[] {
    return lastPerEntity(this.changes);
  }

  /**
   * Appends the collected changes to the change log, replacing older rows of the same entities
   * (compaction on write), and moves the head. Call once, last, inside the transaction.
   */
  async flush(): Promise<LoggedChange[]> {
    const changes = this.collect();
    await appendToLog(this.db, changes, this.#head, this.now);
    return changes;
  }
}

function lastPerEntity(changes: readonly LoggedChange[]): LoggedChange[] {
  const last = new Map<string, LoggedChange>();
  for (const c of changes) last.set(`${c.type}\u0000${c.id}`, c);
  return [...last.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Writes changes (of one mutation, or of a whole group-committed batch) to the change log, one
 * row per entity with its latest change, and sets the head. Inside the transaction.
 */
export async function appendToLog(
  db: Db,
  changes: readonly LoggedChange[],
  head: number,
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  const createdAt = now.toISOString();
  // One statement may not touch a row twice.
  const rows = lastPerEntity(changes).map((c) => ({
    seq: c.seq,
    type: c.type,
    entity_id: c.id,
    op: c.op,
    data: c.data ? JSON.stringify(c.data) : null,
    resident_id: c.residentId,
    created_at: createdAt,
  }));
  const k = db as Kysely<Database>;
  for (let i = 0; i < rows.length; i += 200) {
    await k
      .insertInto('change_log')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['type', 'entity_id']).doUpdateSet((eb) => ({
          seq: eb.ref('excluded.seq'),
          op: eb.ref('excluded.op'),
          data: eb.ref('excluded.data'),
          resident_id: eb.ref('excluded.resident_id'),
          created_at: eb.ref('excluded.created_at'),
        })),
      )
      .execute();
  }
  await k.updateTable('sync_state').set({ head }).where('id', '=', 1).execute();
}
