/**
 * peer (`npm run bench -- --peer`): the same workload on RxDB and on Citizen Guide, in ONE run,
 * alternating (A, B, then B, A, … each round), on this machine, in Debian's Chromium with
 * on-disk IndexedDB (one persistent profile for both sides and the floor).
 *
 * - RxDB: the latest release that runs on Node 20 (17.x), its free Dexie storage and
 *   `replicateRxCollection` over HTTP pull/push handlers and an SSE pull stream, as RxDB's
 *   HTTP-replication guide shows, against generic-server.ts (ours, the guide's endpoints).
 * - Citizen Guide: our server in a child process, our sync engine (src/client) in the page.
 *
 * Workload: a centre's year (year.ts, ~20,000 documents of our shapes; the RxDB server holds
 * exactly what our kiosk pulls). Per round and side, in a fresh page (its own JavaScript realm)
 * and a fresh database: initial sync; catch-up of 2,000 changes made on the server while the
 * client was stopped (edits of 2,000 activities); sign-up round trips one at a time (call →
 * server-confirmed answer). Then one write reaching 50 clients (peer-fan-out.ts). Floors: the
 * same rows written raw in one IndexedDB transaction in the same profile (browser.ts).
 * Measured, never asserted.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { MAX_PULL_BATCH } from '../../../src/client/puller.js';
import { PULL_DEFAULT_LIMIT, type Change } from '../../../src/protocol/index.js';
import { CHROMIUM, hasChromium } from '../../helpers/chromium.js';
import {
  buildBundle,
  chromiumVersion,
  openBenchPage,
  openProfile,
  rawFloor,
  rawOneRowWritesMs,
  servePage,
  type FloorRow,
} from '../browser.js';
import {
  benchDataDir,
  distribution,
  log,
  machineInfo,
  openSeeder,
  round,
  startChildServer,
  type Bench,
  type BenchContext,
  type Json,
} from '../common.js';
import { fanOutBoth, type G, type Side, type Stage } from './peer-fan-out.js';
import {
  DIFFERENCES,
  printSummary,
  roundJson,
  summarise,
  type Floors,
  type RoundFigures,
} from './peer-report.js';
import {
  basesOf,
  byType,
  cacheIndexes,
  floorRows,
  GenericWriter,
  kioskDocuments,
  StaffWriter,
  startGenericServer,
  versions,
  type GenericServer,
} from './peer-sides.js';
import { activityEdit, RESIDENTS, seedYear, SIGNUP_ACTIVITIES } from './year.js';

const ROUNDS = Number(process.env.PEER_ROUNDS ?? 3);
const CHANGES = 2_000;
const SIGNUPS = 30;

const pairsOf = (r: number): { activityId: string; residentId: string }[] =>
  Array.from({ length: SIGNUPS }, (_, i) => {
    const k = r * SIGNUPS + i;
    return {
      activityId: SIGNUP_ACTIVITIES[k % SIGNUP_ACTIVITIES.length] ?? '',
      residentId: RESIDENTS[Math.floor(k / SIGNUP_ACTIVITIES.length) % RESIDENTS.length] ?? '',
    };
  });

async function page(s: Stage, side: Side): Promise<Page> {
  const global = side === 'ours' ? 'peerOurs' : 'peerRx';
  const p = await openBenchPage(s.context, s.pageUrl[side], global, s.errors);
  p.on('console', (m) => {
    if (m.type() === 'warning') s.notes.add(m.text().split('\n').slice(0, 3).join(' '));
  });
  return p;
}

async function oursRound(
  s: Stage,
  r: number,
  ours: { url: string; token: string; staff: StaffWriter },
): Promise<RoundFigures> {
  const p = await page(s, 'ours');
  await p.evaluate((a) => (globalThis as unknown as G).peerOurs.open(a), {
    url: ours.url,
    token: ours.token,
    dbName: `peer-ours-${r}-${Date.now()}`,
    pullLimit: PULL_DEFAULT_LIMIT,
  });
  const initial = await p.evaluate(
    (h) => (globalThis as unknown as G).peerOurs.sync(h),
    ours.staff.head,
  );
  await p.evaluate(() => (globalThis as unknown as G).peerOurs.stopReplication());
  const before = ours.staff.head;
  const rejectedBefore = ours.staff.rejected;
  const edits = Array.from({ length: CHANGES }, (_, i) => activityEdit(i, r, s.today));
  await ours.staff.activities(edits);
  const changes = ours.staff.head - before;
  const catchUp = await p.evaluate(
    (h) => (globalThis as unknown as G).peerOurs.sync(h),
    ours.staff.head,
  );
  const su = await p.evaluate((x) => (globalThis as unknown as G).peerOurs.signUps(x), pairsOf(r));
  ours.staff.head = Math.max(ours.staff.head, su.head);
  await p.evaluate(() => (globalThis as unknown as G).peerOurs.close());
  await p.close();
  return {
    initialSyncMs: initial.ms,
    docs: initial.docs,
    catchUpMs: catchUp.ms,
    changes,
    writesRefused: ours.staff.rejected - rejectedBefore,
    signUpMs: su.ms,
    signUpsRefused: su.rejected,
    warnings: [...initial.warnings, ...catchUp.warnings],
  };
}

async function rxRound(
  s: Stage,
  r: number,
  rx: { server: GenericServer; writer: GenericWriter },
): Promise<RoundFigures> {
  const p = await page(s, 'rxdb');
  await p.evaluate((a) => (globalThis as unknown as G).peerRx.open(a), {
    dbName: `peer-rx-${r}-${Date.now()}`,
    bases: basesOf(rx.server, (c) => c),
    batchSize: PULL_DEFAULT_LIMIT,
  });
  const initial = await p.evaluate(() => (globalThis as unknown as G).peerRx.sync());
  await p.evaluate(() => (globalThis as unknown as G).peerRx.stopReplication());
  const conflictsBefore = rx.writer.conflicts;
  const edits = Array.from({ length: CHANGES }, (_, i) => activityEdit(i, r, s.today));
  await rx.writer.push('activity', edits);
  const catchUp = await p.evaluate(() => (globalThis as unknown as G).peerRx.sync());
  const ms = await p.evaluate((x) => (globalThis as unknown as G).peerRx.signUps(x), pairsOf(r));
  await p.evaluate(() => (globalThis as unknown as G).peerRx.close());
  await p.close();
  return {
    initialSyncMs: initial.ms,
    docs: initial.docs,
    catchUpMs: catchUp.ms,
    changes: CHANGES,
    writesRefused: rx.writer.conflicts - conflictsBefore,
    signUpMs: ms,
    signUpsRefused: ms.filter((x) => Number.isNaN(x)).length,
    warnings: [],
  };
}

export const peer: Bench = {
  name: 'peer',
  description:
    'RxDB 17 (Dexie storage, HTTP replication) beside Citizen Guide, alternating, on-disk IndexedDB',
  budgetMs: 600_000,
  async run(ctx: BenchContext) {
    const result = ctx.result;
    if (!hasChromium()) {
      log(`SKIPPED: ${CHROMIUM} missing (apt-get install -y chromium)`);
      result.skipped = `${CHROMIUM} missing`;
      return;
    }
    const v = versions();
    result.versions = v;
    const today = Date.now();
    const dataDir = benchDataDir(ctx, 'peer');
    const seeder = await openSeeder(dataDir);
    const tSeed = performance.now();
    await seeder.write((put) => seedYear(put, today).then(() => undefined));
    const head = await seeder.head();
    const [token] = await seeder.kiosks(1);
    const staffToken = await seeder.staffToken();
    await seeder.close();
    if (!token) throw new Error('no kiosk token');
    const server = await startChildServer(ctx, dataDir, { eventBudget: null });
    const docs: Change[] = await kioskDocuments(server.url, token);
    const generic = await startGenericServer(ctx, dataDir, 'year', byType(docs));
    const staff = await StaffWriter.open(ctx, server.url, staffToken);
    staff.head = head;
    const writer = new GenericWriter(generic);
    await writer.load('activity');
    result.documents = docs.length;
    result.collections = generic.collections;
    log(
      `setup: a centre's year, ${docs.length} documents a kiosk pulls (${generic.collections.length} types), ` +
        `head ${head}, in ${round((performance.now() - tSeed) / 1000, 1)} s; ours on ${server.url}, generic on ${generic.url}`,
    );
    log(
      `versions: Citizen Guide ${v.citizenGuide} at ${v.citizenGuideCommit} (Dexie ${v.citizenGuideDexie}), RxDB ${v.rxdb} (Dexie ${v.rxdbDexie})`,
    );

    // One bundle per side: each carries its own Dexie (RxDB pins its own version, and Dexie
    // refuses two versions in one realm), each served on its own origin.
    const pageUrl: Record<Side, string> = { ours: '', rxdb: '' };
    for (const [side, entry] of [
      ['ours', './ours-entry.ts'],
      ['rxdb', './rxdb-entry.ts'],
    ] as const) {
      const bundle = await buildBundle(fileURLToPath(new URL(entry, import.meta.url)), 'peer');
      pageUrl[side] = await servePage(ctx, bundle, `peer bench, ${side}`);
    }
    // One persistent profile (IndexedDB on disk) for both sides and the floors; host names
    // `*.peer.test` reach loopback, so each RxDB pull stream gets its own host's connections.
    const context = await openProfile(ctx, 'peer', {
      args: ['--host-resolver-rules=MAP *.peer.test 127.0.0.1'],
    });
    const s: Stage = { context, pageUrl, errors: [], notes: new Set(), today };
    const fp = await page(s, 'ours');
    result.chromium = await chromiumVersion(fp);
    log(`chromium ${String(result.chromium)}, one persistent profile (on-disk IndexedDB)`);

    const editRows: FloorRow[] = Array.from({ length: CHANGES }, (_, i) => [
      'activity',
      { ...activityEdit(i, 0, today), seriesId: null, confirmedCount: 0, waitlistCount: 0 },
    ]);
    // The same rows with our cache's indexes, committed in our pull's transactions: what is left
    // between that floor and the raw one is the price of the screens' indexes and of a pull
    // that resumes after a crash; between ours and it, everything else.
    const shape = { indexes: cacheIndexes(), batch: MAX_PULL_BATCH };
    const floors = async (): Promise<Floors> => ({
      initial: (await rawFloor(fp, floorRows(docs))).runsMs,
      initialOurShape: (await rawFloor(fp, floorRows(docs), 3, shape)).runsMs,
      catchUp: (await rawFloor(fp, editRows)).runsMs,
      one: await rawOneRowWritesMs(fp, 40),
    });
    const floorStart = await floors();

    result.loadAverage1mAtStart = machineInfo().loadAverage1m;
    const rounds: { [key: string]: Json }[] = [];
    result.rounds = rounds;
    const ours: RoundFigures[] = [];
    const rx: RoundFigures[] = [];
    for (let r = 0; r < ROUNDS && !ctx.expired; r++) {
      const load = machineInfo().loadAverage1m;
      const order = r % 2 === 0 ? ['ours', 'rxdb'] : ['rxdb', 'ours'];
      const got: Record<string, RoundFigures> = {};
      for (const side of order)
        got[side] =
          side === 'ours'
            ? await oursRound(s, r, { url: server.url, token, staff })
            : await rxRound(s, r, { server: generic, writer });
      const o = got.ours as RoundFigures;
      const x = got.rxdb as RoundFigures;
      ours.push(o);
      rx.push(x);
      const sig = (f: RoundFigures): string => String(distribution(f.signUpMs).p50);
      log(
        `round ${r + 1} (${order.join(' then ')}, load ${load}): initial sync ours ${round(o.initialSyncMs, 0)} ms ` +
          `(${o.docs} docs) / RxDB ${round(x.initialSyncMs, 0)} ms (${x.docs}); catch-up ours ${round(o.catchUpMs, 0)} / ` +
          `RxDB ${round(x.catchUpMs, 0)} ms; sign-up p50 ours ${sig(o)} / RxDB ${sig(x)} ms`,
      );
      for (const w of o.warnings.slice(0, 3)) log(`  engine warning: ${w}`);
      rounds.push({ order, loadAverage1m: load, ours: roundJson(o), rxdb: roundJson(x) });
    }

    const fan = await fanOutBoth(ctx, s, page);
    result.fanOut = fan.json;
    const floorEnd = await floors();
    const fl: Floors = {
      initial: [...floorStart.initial, ...floorEnd.initial],
      initialOurShape: [...floorStart.initialOurShape, ...floorEnd.initialOurShape],
      catchUp: [...floorStart.catchUp, ...floorEnd.catchUp],
      one: [...floorStart.one, ...floorEnd.one],
    };
    const summary = summarise(ours, rx, fan, fl);
    result.summary = summary;
    result.differences = DIFFERENCES;
    result.loadAverage1mAtEnd = machineInfo().loadAverage1m;
    result.rxdbNotes = [...s.notes].slice(0, 5);
    result.pageErrors = s.errors.slice(0, 10);
    printSummary(summary, v, String(result.chromium), [...s.notes], fan.clients);
    log(
      `load average (1 min) at the start ${String(result.loadAverage1mAtStart)}, at the end ${String(result.loadAverage1mAtEnd)} (${machineInfo().cores} cores)`,
    );
    for (const e of s.errors.slice(0, 5)) log(`page error: ${e}`);
    await fp.close();
  },
};
