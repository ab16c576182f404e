/**
 * catch-up: a cache 10,000 changes behind pulls and stores them.
 *
 * Setup (not measured): 10,000 news posts written straight into the store with the server's
 * Writer in one transaction, one kiosk token, the server in a child process.
 * Measured:
 *  - raw pull: the same pages over a plain socket.io client that stores nothing (server +
 *    transport + JSON only; the part of a catch-up that is not the client's storage);
 *  - node: a fresh CacheDb (Dexie over fake-indexeddb) + SyncEngine, start() → cursor at head;
 *  - chromium: the same engine code in headless Chromium with real IndexedDB in a PERSISTENT
 *    profile (on disk, as on a kiosk), timed in the page, beside the raw-IndexedDB floor measured
 *    in the same profile (the same 10,000 rows written raw in one transaction) and the ratio.
 */
import { fileURLToPath } from 'node:url';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import {
  PULL_DEFAULT_LIMIT,
  PULL_MAX_LIMIT,
  type PullResult,
  type Rejected,
} from '../../src/protocol/index.js';
import type { BrowserBench } from './browser-entry.js';
import {
  buildBundle,
  chromiumVersion,
  openBenchPage,
  openProfile,
  rawFloor,
  ratio,
  servePage,
  type FloorRow,
} from './browser.js';
import { runCatchUp, type CatchUpArgs, type CatchUpOutcome } from './catch-up-run.js';
import {
  benchDataDir,
  connect,
  log,
  newsPost,
  openSeeder,
  round,
  startChildServer,
  type Bench,
  type BenchContext,
  type Json,
  type SyncSocket,
} from './common.js';
import { CHROMIUM, hasChromium } from '../helpers/chromium.js';

const CHANGES = 10_000;
const perSecond = (n: number, ms: number): number => Math.round((n / ms) * 1000);

function describe(o: CatchUpOutcome, head: number): { [key: string]: Json } {
  return {
    ms: round(o.ms, 0),
    changesPerSecond: perSecond(CHANGES, o.ms),
    pulls: o.pulls,
    cursor: o.cursor,
    head,
    newsRowsStored: o.newsRows,
    complete: !o.timedOut && o.cursor >= head && o.newsRows === CHANGES,
    warnings: o.warnings,
  };
}

function printOutcome(label: string, o: CatchUpOutcome, head: number): void {
  const status = o.timedOut
    ? ' TIMED OUT'
    : o.newsRows !== CHANGES
      ? ` INCOMPLETE (${o.newsRows} rows)`
      : '';
  log(
    `${label}: ${round(o.ms, 0)} ms, ${perSecond(CHANGES, o.ms)} changes/s, ${o.pulls} pulls, cursor ${o.cursor}/${head}${status}`,
  );
  for (const w of o.warnings) log(`  engine warning: ${w}`);
}

async function rawPull(
  socket: SyncSocket,
  limit: number,
): Promise<{ ms: number; pages: number; changes: number }> {
  const t0 = performance.now();
  let since = 0;
  let pages = 0;
  let changes = 0;
  for (;;) {
    const res = (await socket.timeout(30_000).emitWithAck('pull', { since, limit })) as
      PullResult | Rejected;
    if ('status' in res) throw new Error(`pull rejected: ${res.message}`);
    pages++;
    changes += res.changes.length;
    since = res.cursor;
    if (!res.more) break;
  }
  return { ms: performance.now() - t0, pages, changes };
}

async function inChromium(
  ctx: BenchContext,
  out: { [key: string]: Json },
  args: Omit<CatchUpArgs, 'dbName' | 'pullLimit'>,
  limits: number[],
): Promise<void> {
  if (!hasChromium()) {
    log(`chromium: SKIPPED (${CHROMIUM} missing; apt-get install -y chromium)`);
    out.skipped = `${CHROMIUM} missing`;
    return;
  }
  const tBuild = performance.now();
  const bundle = await buildBundle(
    fileURLToPath(new URL('./browser-entry.ts', import.meta.url)),
    'cgBenchBundle',
  );
  const buildMs = performance.now() - tBuild;
  const url = await servePage(ctx, bundle, 'catch-up bench');
  // A persistent profile: IndexedDB on disk, as on a kiosk (a private context keeps it in memory).
  const context = await openProfile(ctx, 'catch-up');
  const pageErrors: string[] = [];
  const page = await openBenchPage(context, url, 'cgBench', pageErrors);
  const version = await chromiumVersion(page);
  out.chromiumVersion = version;
  out.profile = 'persistent (on-disk IndexedDB)';
  out.pageErrors = pageErrors;
  log(
    `chromium ${version}, persistent profile (bundle built in ${round(buildMs, 0)} ms, ${round(bundle.length / 1024, 0)} KiB)`,
  );

  // The same rows the catch-up stores, written raw in one transaction in the same profile.
  const rows: FloorRow[] = Array.from({ length: CHANGES }, (_, i) => [
    'news',
    newsPost(`news-${i + 1}`, i + 1),
  ]);
  const floor = await rawFloor(page, rows);
  log(
    `chromium raw IndexedDB floor, same profile: the same ${CHANGES} rows in one transaction: ${round(floor.medianMs, 0)} ms (median of ${floor.runsMs.join(', ')})`,
  );
  out.rawIndexedDbFloorMs = round(floor.medianMs, 0);
  out.rawIndexedDbFloorRunsMs = floor.runsMs;

  const runs: { [key: string]: Json } = {};
  out.runs = runs;
  for (const limit of limits) {
    const a: CatchUpArgs = {
      ...args,
      pullLimit: limit,
      dbName: `bench-chromium-${limit}-${Date.now()}`,
    };
    const o = await page.evaluate(
      (x) => (globalThis as unknown as { cgBench: BrowserBench }).cgBench.catchUp(x),
      a,
    );
    printOutcome(`chromium + IndexedDB, pullLimit ${limit}`, o, args.head);
    log(`  = ${ratio(o.ms, floor.medianMs)}× the raw floor (${round(floor.medianMs, 0)} ms)`);
    runs[`pullLimit${limit}`] = {
      ...describe(o, args.head),
      floorRatio: ratio(o.ms, floor.medianMs),
    };
  }
  for (const e of pageErrors.slice(0, 5)) log(`  page error: ${e}`);
}

export const catchUp: Bench = {
  name: 'catch-up',
  description: `a fresh cache ${CHANGES.toLocaleString('en')} changes behind pulls and stores them`,
  budgetMs: 120_000,
  async run(ctx) {
    const dataDir = benchDataDir(ctx, 'catch-up');
    const seeder = await openSeeder(dataDir);
    const tSeed = performance.now();
    await seeder.write(async (put) => {
      for (let i = 1; i <= CHANGES; i++) await put('news', newsPost(`news-${i}`, i));
    });
    const head = await seeder.head();
    const [token] = await seeder.kiosks(1);
    await seeder.close();
    log(
      `setup: ${CHANGES} news posts written in ${round(performance.now() - tSeed, 0)} ms, head ${head}`,
    );
    if (!token) throw new Error('no kiosk token');

    const server = await startChildServer(ctx, dataDir);
    const result = ctx.result;
    result.changes = CHANGES;
    result.head = head;

    // One unmeasured full pull warms the server (JIT, SQLite page cache) for every run after it.
    const raw = await connect(server.url, token);
    ctx.defer(() => raw.disconnect());
    const warm = await rawPull(raw, PULL_DEFAULT_LIMIT);
    log(`warm-up pull (not counted): ${round(warm.ms, 0)} ms`);
    const rawRuns: { [key: string]: Json } = {};
    result.rawPull = rawRuns;
    for (const limit of [PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT]) {
      const r = await rawPull(raw, limit);
      log(
        `raw pull (no storage), limit ${limit}: ${round(r.ms, 0)} ms, ${perSecond(r.changes, r.ms)} changes/s, ${r.pages} pages`,
      );
      rawRuns[`limit${limit}`] = {
        ms: round(r.ms, 0),
        changesPerSecond: perSecond(r.changes, r.ms),
        pages: r.pages,
        changes: r.changes,
      };
    }
    raw.disconnect();

    const args = { url: server.url, token, head, expectedNews: CHANGES, timeoutMs: 60_000 };
    const nodeRuns: { [key: string]: Json } = {};
    result.nodeFakeIndexedDb = nodeRuns;
    for (const limit of [PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT]) {
      const o = await runCatchUp(
        { ...args, pullLimit: limit, dbName: `bench-node-${limit}-${Date.now()}` },
        { indexedDB, IDBKeyRange },
      );
      printOutcome(`node + fake-indexeddb, pullLimit ${limit}`, o, head);
      nodeRuns[`pullLimit${limit}`] = describe(o, head);
    }

    const chromiumResult: { [key: string]: Json } = {};
    result.chromium = chromiumResult;
    await inChromium(ctx, chromiumResult, args, [PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT]);
    await server.stop();
  },
};
