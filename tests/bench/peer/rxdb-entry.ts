/**
 * The RxDB side in the page (bundled by Vite as the other browser entries): RxDB with its free
 * Dexie storage (`rxdb/plugins/storage-dexie`) and `replicateRxCollection` (rxdb/plugins/
 * replication) over HTTP pull/push handlers and a Server-Sent-Events pull stream, as RxDB's
 * HTTP-replication guide sets them up, against generic-server.ts. Used as its documentation says
 * for production: no dev-mode plugin, no schema validator, one collection per entity type (RxDB
 * allows at most 13 open collections per JavaScript realm in its free version; one page holds
 * one client). Exposes `globalThis.peerRx`.
 */
import {
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type ReplicationPullHandlerResult,
  type RxReplicationPullStreamItem,
  type RxReplicationWriteToMasterRow,
} from 'rxdb/plugins/core';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { Subject } from 'rxjs';

type Doc = { id: string; ts: number } & Record<string, unknown>;
interface Checkpoint {
  id: string;
  ts: number;
}

/** Indexed fields per collection: the cache's own indexes, as far as RxDB allows (no nulls). */
const INDEXES: Record<string, Record<string, number>> = {
  activity: { start: 30 },
  signup: { activityId: 100, residentId: 100 },
  meal: { date: 10 },
  mealattendance: { mealId: 100, residentId: 100 },
  news: { publishAt: 30 },
  dayitem: { date: 10 },
  shift: { start: 30 },
};

function schemaOf(col: string): RxJsonSchema<Doc> {
  const indexed = INDEXES[col] ?? {};
  const properties: Record<string, { type: 'string' | 'number'; [k: string]: unknown }> = {
    id: { type: 'string', maxLength: 100 },
    ts: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
  };
  for (const [field, maxLength] of Object.entries(indexed))
    properties[field] = { type: 'string', maxLength };
  return {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: ['id', 'ts', ...Object.keys(indexed)],
    indexes: Object.keys(indexed),
  };
}

export interface RxOpenArgs {
  dbName: string;
  /** Collection → base address of generic-server.ts (one host name per collection). */
  bases: Record<string, string>;
  batchSize: number;
}

const now = (): number => performance.now();
/** A time comparable across processes on this machine (ms since the epoch, sub-ms). */
const wall = (): number => performance.timeOrigin + performance.now();

let db: RxDatabase | null = null;
let args: RxOpenArgs | null = null;
let replications: RxReplicationState<Doc, Checkpoint>[] = [];
const sources: EventSource[] = [];
/** Resolvers waiting for the push answer of a document id (the sign-up round trip). */
const pushed = new Map<string, (t: number) => void>();
let expected: string | null = null;
let arrived: number | null = null;
let onArrival: ((t: number) => void) | null = null;
const arrive = (t: number): void => {
  arrived = t;
  onArrival?.(t);
};

function collection(name: string): RxCollection<Doc> {
  const c = db?.collections[name] as RxCollection<Doc> | undefined;
  if (!c) throw new Error(`no collection ${name}`);
  return c;
}

function replicate(name: string): RxReplicationState<Doc, Checkpoint> {
  const a = args;
  if (!a) throw new Error('not open');
  const base = `${a.bases[name]}/${name}`;
  const stream$ = new Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>();
  const source = new EventSource(`${base}/pullStream`);
  sources.push(source);
  source.onmessage = (e: MessageEvent<string>) => {
    const data = JSON.parse(e.data) as { documents: Doc[]; checkpoint: Checkpoint };
    stream$.next({ documents: data.documents as never, checkpoint: data.checkpoint });
  };
  source.onerror = () => stream$.next('RESYNC');
  return replicateRxCollection<Doc, Checkpoint>({
    collection: collection(name),
    replicationIdentifier: `peer-http-${base}`,
    live: true,
    pull: {
      batchSize: a.batchSize,
      stream$: stream$.asObservable(),
      async handler(cp, batchSize): Promise<ReplicationPullHandlerResult<Doc, Checkpoint>> {
        const q = `ts=${cp?.ts ?? 0}&id=${encodeURIComponent(cp?.id ?? '')}&batchSize=${batchSize}`;
        const res = await fetch(`${base}/pull?${q}`);
        return (await res.json()) as ReplicationPullHandlerResult<Doc, Checkpoint>;
      },
    },
    push: {
      batchSize: a.batchSize,
      async handler(rows: RxReplicationWriteToMasterRow<Doc>[]) {
        const res = await fetch(`${base}/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(rows),
        });
        const conflicts = (await res.json()) as Doc[];
        const t = now();
        for (const r of rows) pushed.get(r.newDocumentState.id)?.(t);
        return conflicts as never;
      },
    },
  });
}

async function stopReplication(): Promise<void> {
  await Promise.all(replications.map((r) => r.cancel()));
  replications = [];
  for (const s of sources.splice(0)) s.close();
}

/** Starts a replication per collection; resolves when all are in sync (ms, documents stored). */
async function sync(): Promise<{ ms: number; docs: number }> {
  const a = args;
  if (!a) throw new Error('not open');
  const t0 = now();
  replications = Object.keys(a.bases).map(replicate);
  await Promise.all(replications.map((r) => r.awaitInitialReplication()));
  const ms = now() - t0;
  let docs = 0;
  for (const name of Object.keys(a.bases)) docs += await collection(name).count().exec();
  return { ms, docs };
}

const peerRx = {
  async open(a: RxOpenArgs): Promise<void> {
    args = a;
    db = await createRxDatabase({
      name: a.dbName,
      storage: getRxStorageDexie(),
      multiInstance: false,
      eventReduce: true,
    });
    await db.addCollections(
      Object.fromEntries(Object.keys(a.bases).map((c) => [c, { schema: schemaOf(c) }])),
    );
    // Fan-out: the time the expected document is in this client's storage.
    collection(Object.keys(a.bases)[0] ?? 'news').$.subscribe((ev) => {
      if (ev.documentId === expected && arrived === null) arrive(wall());
    });
  },
  sync,
  stopReplication,
  /** One sign-up at a time: insert → the push handler's answer for it (no conflict: stored). */
  async signUps(pairs: { activityId: string; residentId: string }[]): Promise<number[]> {
    const out: number[] = [];
    const signups = collection('signup');
    for (const p of pairs) {
      const id = `${p.activityId}:${p.residentId}`;
      const answered = new Promise<number>((resolve) => pushed.set(id, resolve));
      const t0 = now();
      await signups.insert({
        id,
        ts: 0,
        activityId: p.activityId,
        residentId: p.residentId,
        status: 'confirmed',
        position: null,
        order: 0,
        source: 'kiosk',
        updatedAt: new Date().toISOString(),
      });
      const t1 = await Promise.race([
        answered,
        new Promise<number>((r) => setTimeout(() => r(NaN), 10_000)),
      ]);
      pushed.delete(id);
      out.push(t1 - t0);
    }
    return out;
  },
  expect(id: string): void {
    expected = id;
    arrived = null;
    onArrival = null;
  },
  /** The expected document's arrival time (wall clock), or null if not within `timeoutMs`. */
  waitArrival(timeoutMs: number): Promise<number | null> {
    if (arrived !== null) return Promise.resolve(arrived);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      onArrival = (t) => {
        clearTimeout(timer);
        onArrival = null;
        resolve(t);
      };
    });
  },
  async close(): Promise<void> {
    await stopReplication();
    await db?.close();
    db = null;
  },
};

export type PeerRx = typeof peerRx;
(globalThis as { peerRx?: PeerRx }).peerRx = peerRx;
