/**
 * The two sides' servers and their writers, for peer.ts. Ours: our real server in a child
 * process (startChildServer) over a SQLite store seeded with a centre's year, and a staff socket
 * writing through real mutations (validated, domain rules applied, change log). RxDB's: the
 * generic replication server (generic-server.ts) in a child process, seeded with exactly the
 * documents a whole-centre kiosk of ours pulls (read by a raw pull as that kiosk), and a writer
 * that pushes as an RxDB client's push handler would.
 */
import { execFileSync, fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PULL_MAX_LIMIT, type Change, type MutateResult } from '../../../src/protocol/index.js';
import { cacheSchemaVersions } from '../../../src/client/db.js';
import type { FloorRow } from '../browser.js';
import { connect, mutate, withTimeout, type BenchContext, type SyncSocket } from '../common.js';
import type { GenericReply } from './generic-server.js';

/** Every document a kiosk pulls from 0, as our server sends it (latest state, no deletes). */
export async function kioskDocuments(url: string, token: string): Promise<Change[]> {
  const socket = await connect(url, token);
  try {
    const out = new Map<string, Change>();
    let since = 0;
    for (;;) {
      const res = (await socket
        .timeout(30_000)
        .emitWithAck('pull', { since, limit: PULL_MAX_LIMIT })) as
        { changes: Change[]; cursor: number; more: boolean } | { status: string; message: string };
      if ('status' in res) throw new Error(`pull rejected: ${res.message}`);
      for (const c of res.changes) {
        const key = `${c.type}/${c.id}`;
        if (c.op === 'put' && c.data) out.set(key, c);
        else out.delete(key);
      }
      since = res.cursor;
      if (!res.more) break;
    }
    return [...out.values()];
  } finally {
    socket.disconnect();
  }
}

export const byType = (docs: readonly Change[]): Record<string, Record<string, unknown>[]> => {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const c of docs) (out[c.type] ??= []).push(c.data ?? {});
  return out;
};

export const floorRows = (docs: readonly Change[]): FloorRow[] =>
  docs.map((c) => [c.type, c.data ?? {}]);

/**
 * The secondary indexes of our cache tables as the latest schema step leaves them (db.ts): the
 * fields after the primary key of each Dexie store spec (`'id, start'` → `['start']`).
 */
export function cacheIndexes(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const step of cacheSchemaVersions)
    for (const [table, spec] of Object.entries(step.stores)) {
      if (spec === null) delete out[table];
      else
        out[table] = spec
          .split(',')
          .slice(1)
          .map((f) => f.trim())
          .filter((f) => f !== '');
    }
  return out;
}

// ---- the generic server -----------------------------------------------------------------------

const GENERIC = fileURLToPath(new URL('./generic-server.ts', import.meta.url));

export interface GenericServer {
  /** 127.0.0.1:port; the pages use `<name>.peer.test:port` (one host per stream). */
  url: string;
  port: number;
  collections: string[];
}

export async function startGenericServer(
  ctx: BenchContext,
  dir: string,
  name: string,
  docs: Record<string, Record<string, unknown>[]>,
): Promise<GenericServer> {
  const seed = join(dir, `${name}-seed.json`);
  writeFileSync(seed, JSON.stringify(docs));
  const child = fork(GENERIC, [seed, join(dir, `${name}.sqlite`)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  ctx.defer(() => child.kill('SIGKILL'));
  const ready = new Promise<string>((resolve, reject) => {
    child.once('message', (m: GenericReply) =>
      m.type === 'ready' ? resolve(m.url) : reject(new Error(m.error)),
    );
    child.once('exit', (code) => reject(new Error(`generic server exited with ${code}`)));
  });
  const url = await withTimeout(ready, 30_000, 'generic server start');
  return { url, port: Number(new URL(url).port), collections: Object.keys(docs) };
}

/** Collection → the address a page reaches it by (its own host name, same server). */
export function basesOf(
  server: GenericServer,
  host: (collection: string) => string,
  collections = server.collections,
): Record<string, string> {
  return Object.fromEntries(
    collections.map((c) => [c, `http://${host(c)}.peer.test:${server.port}`]),
  );
}

type Doc = Record<string, unknown> & { id: string; ts: number };

/** Pushes as an RxDB client's push handler does (change rows with the assumed master state). */
export class GenericWriter {
  private readonly masters = new Map<string, Doc>();
  conflicts = 0;

  constructor(private readonly server: GenericServer) {}

  /** Reads the current master states of `collection` (not timed). */
  async load(collection: string): Promise<void> {
    const res = await fetch(`${this.server.url}/${collection}/pull?ts=0&id=&batchSize=1000000`);
    const { documents } = (await res.json()) as { documents: Doc[] };
    for (const d of documents) this.masters.set(`${collection}/${d.id}`, d);
  }

  /** Writes `docs` (new states; ids known from `load` are edits) in pushes of `batch`. */
  async push(
    collection: string,
    docs: Record<string, unknown>[],
    { batch = 100, reload = true } = {},
  ): Promise<void> {
    for (let i = 0; i < docs.length; i += batch) {
      const rows = docs.slice(i, i + batch).map((d) => {
        const master = this.masters.get(`${collection}/${String(d.id)}`) ?? null;
        return {
          newDocumentState: { ...master, ...d, ts: master?.ts ?? 0, _deleted: false },
          assumedMasterState: master,
        };
      });
      const res = await fetch(`${this.server.url}/${collection}/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rows),
      });
      this.conflicts += ((await res.json()) as unknown[]).length;
    }
    // The server stamped them: read their new master states back for the next edit.
    if (reload) await this.load(collection);
  }
}

// ---- our staff writer -------------------------------------------------------------------------

/** A staff socket sending real mutations, `window` in flight; tracks the change-log head. */
export class StaffWriter {
  head = 0;
  rejected = 0;

  private constructor(private readonly socket: SyncSocket) {}

  static async open(ctx: BenchContext, url: string, token: string): Promise<StaffWriter> {
    const socket = await connect(url, token);
    ctx.defer(() => socket.disconnect());
    return new StaffWriter(socket);
  }

  private note(res: MutateResult): void {
    if (res.status === 'applied') this.head = Math.max(this.head, res.cursor);
    else this.rejected++;
  }

  async activities<T extends Record<string, unknown>>(edits: T[], window = 16): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < edits.length) {
        const e = edits[next++];
        this.note(await mutate(this.socket, 'activity.put', e as never));
      }
    };
    await Promise.all(Array.from({ length: window }, worker));
  }

  async news(record: Record<string, unknown>): Promise<void> {
    this.note(await mutate(this.socket, 'news.put', record as never));
  }
}

/** Versions of both stacks, from their installed package.json files. */
export function versions(): { [key: string]: string } {
  const read = (p: string): string =>
    (
      JSON.parse(readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8')) as {
        version: string;
      }
    ).version;
  const git = (...args: string[]): string => {
    try {
      return execFileSync('git', args, { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  // The engine measured is the working tree's: say when src/client had uncommitted changes.
  const dirty = git('status', '--porcelain', '--', 'src/client', 'src/server') !== '';
  return {
    citizenGuide: read('../../../package.json'),
    citizenGuideCommit: `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${dirty ? ' + uncommitted src changes' : ''}`,
    citizenGuideDexie: read('../../../node_modules/dexie/package.json'),
    rxdb: read('../../../node_modules/rxdb/package.json'),
    rxdbDexie: (() => {
      try {
        return read('../../../node_modules/rxdb/node_modules/dexie/package.json');
      } catch {
        return read('../../../node_modules/dexie/package.json');
      }
    })(),
  };
}
