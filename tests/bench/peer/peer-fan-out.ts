/**
 * One write reaching 50 clients, both sides: a small centre (the demo seed; what it holds is not
 * what is measured), 50 clients per side, each in its own page of the shared persistent profile,
 * synced first. Then writes alternate between the sides (ours, RxDB, ours, …): a new news post
 * through our staff socket (`news.put`: validated, the audience rule decides who gets it), or
 * pushed to the generic server as an RxDB client's push handler would. Each client stamps when
 * the post is in its own IndexedDB (ours: the engine's `synced` after the live push was applied;
 * RxDB: the collection's change stream after its storage write), with a wall clock shared by the
 * processes of this machine (performance.timeOrigin + now()), from just before the write left.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { PULL_DEFAULT_LIMIT } from '../../../src/protocol/index.js';
import { seedDemo } from '../../../src/server/demo/seed.js';
import {
  benchDataDir,
  distribution,
  log,
  machineInfo,
  openSeeder,
  startChildServer,
  type BenchContext,
  type Distribution,
  type Json,
} from '../common.js';
import type { PeerOurs } from './ours-entry.js';
import {
  basesOf,
  GenericWriter,
  kioskDocuments,
  StaffWriter,
  startGenericServer,
} from './peer-sides.js';
import type { PeerRx } from './rxdb-entry.js';

export type G = { peerOurs: PeerOurs; peerRx: PeerRx };
export type Side = 'ours' | 'rxdb';

export interface Stage {
  context: BrowserContext;
  /** Each side's page, on its own origin (each bundle carries its own Dexie). */
  pageUrl: Record<Side, string>;
  errors: string[];
  notes: Set<string>;
  today: number;
}

const CLIENTS = Number(process.env.PEER_FANOUT_CLIENTS ?? 50);
const WRITES = Number(process.env.PEER_FANOUT_WRITES ?? 20);
const ARRIVAL_TIMEOUT_MS = 5_000;

export interface FanOut {
  clients: number;
  /** Write → in a client's IndexedDB, every client of every write (ms). */
  ours: number[];
  rxdb: number[];
  /** Write → in the last of the 50 (ms), per write. */
  oursAll: number[];
  rxdbAll: number[];
  json: { [key: string]: Json };
}

const newsPost = (id: string): Record<string, unknown> => ({
  id,
  title: 'Husk sommerfesten på lørdag',
  body: 'Der er grill fra klokken 17. Pårørende er velkomne.',
  media: [],
  publishAt: new Date().toISOString(),
  expiresAt: null,
  audience: { kind: 'all' },
});

const wall = (): number => performance.timeOrigin + performance.now();

export async function fanOutBoth(
  ctx: BenchContext,
  s: Stage,
  open: (s: Stage, side: Side) => Promise<Page>,
): Promise<FanOut> {
  const dir = benchDataDir(ctx, 'peer-fan');
  const seeder = await openSeeder(dir);
  await seedDemo(seeder.db, new Date(s.today));
  const tokens = await seeder.kiosks(CLIENTS);
  const staffToken = await seeder.staffToken();
  const head = await seeder.head();
  await seeder.close();
  const server = await startChildServer(ctx, dir, { eventBudget: null });
  const docs = await kioskDocuments(server.url, tokens[0] ?? '');
  const news = docs.filter((c) => c.type === 'news').map((c) => c.data ?? {});
  const generic = await startGenericServer(ctx, dir, 'fan', { news });
  const staff = await StaffWriter.open(ctx, server.url, staffToken);
  staff.head = head;
  const writer = new GenericWriter(generic);

  const t0 = performance.now();
  const oursPages: Page[] = [];
  const rxPages: Page[] = [];
  ctx.defer(() => Promise.all([...oursPages, ...rxPages].map((p) => p.close())));
  for (let i = 0; i < CLIENTS; i += 5) {
    if (ctx.expired) throw new Error('time budget spent opening the fan-out clients');
    await Promise.all(
      Array.from({ length: Math.min(5, CLIENTS - i) }, async (_, j) => {
        const k = i + j;
        const o = await open(s, 'ours');
        await o.evaluate((a) => (globalThis as unknown as G).peerOurs.open(a), {
          url: server.url,
          token: tokens[k] ?? '',
          dbName: `peer-fan-ours-${k}`,
          pullLimit: PULL_DEFAULT_LIMIT,
        });
        await o.evaluate((h) => (globalThis as unknown as G).peerOurs.sync(h), head);
        oursPages.push(o);
        const x = await open(s, 'rxdb');
        // Its own host name: each page's pull stream holds one of a host's six connections.
        await x.evaluate((a) => (globalThis as unknown as G).peerRx.open(a), {
          dbName: `peer-fan-rx-${k}`,
          bases: basesOf(generic, () => `c${k}`, ['news']),
          batchSize: PULL_DEFAULT_LIMIT,
        });
        await x.evaluate(() => (globalThis as unknown as G).peerRx.sync());
        rxPages.push(x);
      }),
    );
  }
  log(
    `fan-out: ${CLIENTS} clients per side open and synced in ${Math.round((performance.now() - t0) / 1000)} s (not measured)`,
  );

  const loadBefore = machineInfo().loadAverage1m;
  const lat = { ours: [] as number[], rxdb: [] as number[] };
  const all = { ours: [] as number[], rxdb: [] as number[] };
  let missed = { ours: 0, rxdb: 0 };
  for (let w = 0; w < 2 * WRITES && !ctx.expired; w++) {
    const side = w % 2 === 0 ? 'ours' : 'rxdb';
    const key = side === 'ours' ? 'peerOurs' : 'peerRx';
    const pages = side === 'ours' ? oursPages : rxPages;
    const id = `peer-fan-${w}`;
    await Promise.all(
      pages.map((p) =>
        p.evaluate(([k, x]) => (globalThis as unknown as G)[k].expect(x), [key, id] as const),
      ),
    );
    const sentAt = wall();
    const sent =
      side === 'ours'
        ? staff.news(newsPost(id))
        : writer.push('news', [newsPost(id)], { reload: false });
    const arrivals = await Promise.all(
      pages.map((p) =>
        p.evaluate(([k, ms]) => (globalThis as unknown as G)[k].waitArrival(ms), [
          key,
          ARRIVAL_TIMEOUT_MS,
        ] as const),
      ),
    );
    await sent;
    const ms = arrivals.filter((a): a is number => a !== null).map((a) => a - sentAt);
    missed = { ...missed, [side]: missed[side] + arrivals.length - ms.length };
    lat[side].push(...ms);
    if (ms.length === arrivals.length) all[side].push(Math.max(...ms));
  }
  const loadAfter = machineInfo().loadAverage1m;
  // Closed now, so the floor measured after this is not measured beside 100 open pages.
  await Promise.all([...oursPages.splice(0), ...rxPages.splice(0)].map((p) => p.close()));
  log(
    `fan-out: ${2 * WRITES} writes alternating, load average ${loadBefore} before, ${loadAfter} after ` +
      `(${2 * CLIENTS} pages open on ${machineInfo().cores} cores: every client is its own renderer ` +
      `process, so a write's p50 here is mostly ${CLIENTS} clients' CPU for applying it, queued on these cores)`,
  );
  const d = (x: number[]): Distribution => distribution(x);
  return {
    clients: CLIENTS,
    ours: lat.ours,
    rxdb: lat.rxdb,
    oursAll: all.ours,
    rxdbAll: all.rxdb,
    json: {
      clients: CLIENTS,
      writesPerSide: WRITES,
      loadAverage1m: { before: loadBefore, after: loadAfter },
      oursWriteToClientMs: d(lat.ours),
      rxdbWriteToClientMs: d(lat.rxdb),
      oursWriteToAllClientsMs: d(all.ours),
      rxdbWriteToAllClientsMs: d(all.rxdb),
      oursMissed: missed.ours,
      rxdbMissed: missed.rxdb,
      oursWritesRefused: staff.rejected,
      rxdbConflicts: writer.conflicts,
    },
  };
}
