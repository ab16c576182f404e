/**
 * The peer side's server: a generic replication backend as RxDB's HTTP-replication guide
 * describes one (rxdb.info/replication-http.html), written here with node:http over SQLite
 * (better-sqlite3, the store our own server uses too), in its own process as our server is. Per
 * collection (`/<collection>/…`):
 *  - GET  pull?ts=&id=&batchSize=  documents written after the checkpoint `{ts, id}`, sorted by
 *    (ts, id), at most batchSize, and the new checkpoint;
 *  - POST push                      change rows `{newDocumentState, assumedMasterState}`: a row
 *    whose assumed master state is not the stored one is a conflict (answered with the real
 *    master state); the others are written in ONE transaction, stamped with the server's
 *    monotonic `ts`, and sent to every open pull stream;
 *  - GET  pullStream                Server-Sent Events of those writes `{documents, checkpoint}`.
 * What it does NOT do, unlike our server: authenticate, validate a document's shape, apply a
 * domain rule (capacity, waiting list, deadline, consent, visibility), keep a change log with
 * deletes for compaction, or answer a mutation with a result. It is the generic side.
 * CORS is open: the pages reach it under several host names (a browser opens at most six
 * HTTP/1.1 connections per host, and every pull stream holds one).
 *
 * Usage (forked by peer-sides.ts): generic-server.ts SEED_JSON DB_FILE; answers IPC `stop`.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';

type Doc = Record<string, unknown> & { id: string; ts: number; _deleted: boolean };
interface ChangeRow {
  newDocumentState: Doc;
  assumedMasterState?: Doc | null;
}
export type GenericReply = { type: 'ready'; url: string } | { type: 'failed'; error: string };

const [seedFile, dbFile] = process.argv.slice(2);
if (!seedFile || !dbFile) throw new Error('usage: generic-server.ts SEED_JSON DB_FILE');

const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`create table doc (col text not null, id text not null, ts integer not null,
  json text not null, primary key (col, id));
  create index doc_by_ts on doc (col, ts, id);`);
let ts = 0;
const put = db.prepare('insert or replace into doc (col, id, ts, json) values (?, ?, ?, ?)');
const get = db.prepare<[string, string], { json: string }>(
  'select json from doc where col = ? and id = ?',
);
const after = db.prepare<[string, number, number, string, number], { json: string }>(
  'select json from doc where col = ? and (ts > ? or (ts = ? and id > ?)) order by ts, id limit ?',
);

const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as Record<
  string,
  Record<string, unknown>[]
>;
db.transaction(() => {
  for (const [col, docs] of Object.entries(seed))
    for (const d of docs) {
      const doc = { ...d, ts: ++ts, _deleted: false } as Doc;
      put.run(col, doc.id, doc.ts, JSON.stringify(doc));
    }
})();

const streams = new Map<string, Set<ServerResponse>>();

const pushRows = db.transaction((col: string, rows: ChangeRow[]) => {
  const conflicts: Doc[] = [];
  const written: Doc[] = [];
  for (const row of rows) {
    const stored = get.get(col, row.newDocumentState.id);
    const master = stored ? (JSON.parse(stored.json) as Doc) : null;
    const assumed = row.assumedMasterState ?? null;
    if (master && (!assumed || assumed.ts !== master.ts)) {
      conflicts.push(master);
      continue;
    }
    const doc: Doc = { ...row.newDocumentState, ts: ++ts };
    put.run(col, doc.id, doc.ts, JSON.stringify(doc));
    written.push(doc);
  }
  return { conflicts, written };
});

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const [, col, action] = url.pathname.split('/');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS);
    res.end();
    return;
  }
  if (!col || !(col in seed)) {
    res.writeHead(404, CORS);
    res.end();
    return;
  }
  if (action === 'pull' && req.method === 'GET') {
    const since = Number(url.searchParams.get('ts') ?? 0);
    const id = url.searchParams.get('id') ?? '';
    const limit = Number(url.searchParams.get('batchSize') ?? 100);
    const documents = after.all(col, since, since, id, limit).map((r) => JSON.parse(r.json) as Doc);
    const last = documents[documents.length - 1];
    json(res, { documents, checkpoint: last ? { id: last.id, ts: last.ts } : { id, ts: since } });
  } else if (action === 'push' && req.method === 'POST') {
    const rows = JSON.parse(await body(req)) as ChangeRow[];
    const { conflicts, written } = pushRows(col, rows);
    const last = written[written.length - 1];
    if (last) {
      const event = `data: ${JSON.stringify({ documents: written, checkpoint: { id: last.id, ts: last.ts } })}\n\n`;
      for (const s of streams.get(col) ?? []) s.write(event);
    }
    json(res, conflicts);
  } else if (action === 'pullStream' && req.method === 'GET') {
    res.writeHead(200, {
      ...CORS,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write(': open\n\n');
    const set = streams.get(col) ?? new Set();
    streams.set(col, set);
    set.add(res);
    req.on('close', () => set.delete(res));
  } else {
    res.writeHead(404, CORS);
    res.end();
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    res.writeHead(500, CORS);
    res.end(err instanceof Error ? err.message : String(err));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies GenericReply);
});
const stop = (): void => {
  for (const set of streams.values()) for (const s of set) s.end();
  server.close();
  db.close();
  process.exit(0);
};
process.on('message', stop);
process.on('disconnect', stop);
