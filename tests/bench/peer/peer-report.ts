/**
 * The peer comparison's figures: per round, then the summary printed and written to the JSON
 * (each figure for both sides, ours ÷ RxDB, the raw floor from the same profile and each side ÷
 * the floor), and what differs between the two sides, said plainly.
 */
import { distribution, log, round, type Json } from '../common.js';
import type { FanOut } from './peer-fan-out.js';

export interface RoundFigures {
  initialSyncMs: number;
  docs: number;
  catchUpMs: number;
  changes: number;
  /** Ours: mutations the server refused; RxDB: push conflicts. */
  writesRefused: number;
  signUpMs: number[];
  signUpsRefused: number;
  warnings: string[];
}

export const roundJson = (f: RoundFigures): { [key: string]: Json } => ({
  initialSyncMs: round(f.initialSyncMs, 0),
  documentsStored: f.docs,
  catchUpMs: round(f.catchUpMs, 0),
  catchUpChanges: f.changes,
  writesRefused: f.writesRefused,
  signUpMs: distribution(f.signUpMs.filter((x) => !Number.isNaN(x))),
  signUpsRefusedOrUnanswered: f.signUpsRefused,
  warnings: f.warnings.slice(0, 5),
});

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};

interface Figure {
  [key: string]: Json;
  ours: number;
  rxdb: number;
  /** ours ÷ RxDB: below 1, ours is faster. */
  ratio: number;
  floor: number;
  oursOverFloor: number;
  rxdbOverFloor: number;
}

function figure(ours: number, rxdb: number, floor: number, digits = 0): Figure {
  return {
    ours: round(ours, digits),
    rxdb: round(rxdb, digits),
    ratio: round(ours / rxdb, 2),
    floor: round(floor, digits === 0 ? 0 : 2),
    oursOverFloor: round(ours / floor, 2),
    rxdbOverFloor: round(rxdb / floor, 2),
  };
}

export interface Floors {
  initial: number[];
  /** The same rows with our cache's indexes, in our pull's transactions (peer.ts). */
  initialOurShape: number[];
  catchUp: number[];
  one: number[];
}

export function summarise(
  ours: RoundFigures[],
  rx: RoundFigures[],
  fan: FanOut,
  floors: Floors,
): { [key: string]: Json } & { rounds: number; documents: number; floorNote: string } {
  const ok = (xs: number[]): number[] => xs.filter((x) => !Number.isNaN(x));
  const so = distribution(ok(ours.flatMap((r) => r.signUpMs)));
  const sx = distribution(ok(rx.flatMap((r) => r.signUpMs)));
  const one = distribution(floors.one);
  const fo = distribution(fan.ours);
  const fx = distribution(fan.rxdb);
  return {
    rounds: ours.length,
    documents: ours[0]?.docs ?? 0,
    initialSyncMs: figure(
      median(ours.map((r) => r.initialSyncMs)),
      median(rx.map((r) => r.initialSyncMs)),
      median(floors.initial),
    ),
    // The same initial sync against the floor with our indexes and commits (the RxDB side's
    // ratio to it says little: its storage has other indexes).
    initialSyncOurShapeMs: figure(
      median(ours.map((r) => r.initialSyncMs)),
      median(rx.map((r) => r.initialSyncMs)),
      median(floors.initialOurShape),
    ),
    catchUp2000Ms: figure(
      median(ours.map((r) => r.catchUpMs)),
      median(rx.map((r) => r.catchUpMs)),
      median(floors.catchUp),
    ),
    signUpRoundTripP50Ms: figure(so.p50, sx.p50, one.p50, 1),
    signUpRoundTripP99Ms: figure(so.p99, sx.p99, one.p99, 1),
    fanOut50P50Ms: figure(fo.p50, fx.p50, one.p50, 1),
    fanOut50P99Ms: figure(fo.p99, fx.p99, one.p99, 1),
    signUpSamples: { ours: so.n, rxdb: sx.n },
    fanOutSamples: { ours: fo.n, rxdb: fx.n },
    floorsMs: {
      sameRowsOneTransaction: floors.initial,
      sameRowsOurIndexesAndCommits: floors.initialOurShape,
      sameChangesOneTransaction: floors.catchUp,
      oneRowTransaction: one,
    },
    floorNote:
      'initial sync: the same documents written raw in one IndexedDB transaction (an object store ' +
      'per type, no index), and beside it with the indexes of our cache in transactions of our ' +
      "pull's batch size, one after another; catch-up: the 2,000 changed rows so; sign-up and " +
      'fan-out: one row in its own transaction (p50 / p99); all in the same persistent profile, ' +
      'at the start and the end',
  };
}

export const DIFFERENCES = [
  'Our server authenticates each kiosk (device token), validates every mutation against its ' +
    'schema and applies the domain rules (capacity and waiting list, deadlines, consent, who may ' +
    'see what per viewer), and answers a sign-up with its outcome (confirmed / waitlisted); the ' +
    'generic server authenticates nobody, validates nothing and applies no rule: it stores what ' +
    'is pushed unless the assumed master state is stale (a conflict), and its answer only says ' +
    '"stored".',
  'Our catch-up changes and fan-out posts go through real staff mutations; the generic side ' +
    'gets them pushed as change rows. Ours keeps a change log (compaction, deletes per viewer); ' +
    'the generic one serves documents by (timestamp, id).',
  'Transport: ours is one socket.io WebSocket per client (pull pages, pushes, answers); RxDB ' +
    'fetches pull and push over HTTP and holds one Server-Sent-Events stream per collection ' +
    '(each under its own host name: a browser opens at most six connections per host).',
  'Storage: ours is one Dexie database with the cache tables, meta and an outbox (a mutation is ' +
    'durable before it is sent); RxDB keeps documents with its own metadata (revision, last ' +
    'write) and replication state per collection in its Dexie storage. Both pull 500 per page.',
  'RxDB runs as its documentation says for production: no dev-mode, no schema validator.',
];

export function printSummary(
  s: { [key: string]: Json } & { rounds: number; documents: number; floorNote: string },
  versions: { [key: string]: string },
  chromium: string,
  notes: string[],
  clients: number,
): void {
  const row = (label: string, f: Json | undefined, unit = 'ms'): void => {
    const x = f as Figure | undefined;
    if (!x) return;
    log(
      `${label.padEnd(34)} ours ${String(x.ours).padStart(7)} ${unit}   RxDB ${String(x.rxdb).padStart(7)} ${unit}   ` +
        `ours/RxDB ${String(x.ratio).padStart(5)}   raw floor ${String(x.floor).padStart(6)} ${unit}   ` +
        `ours/floor ${x.oursOverFloor}   RxDB/floor ${x.rxdbOverFloor}`,
    );
  };
  log('');
  log(
    `Citizen Guide ${versions.citizenGuide ?? '?'} at ${versions.citizenGuideCommit ?? '?'} (Dexie ${versions.citizenGuideDexie ?? '?'}) beside ` +
      `RxDB ${versions.rxdb ?? '?'} (Dexie storage, Dexie ${versions.rxdbDexie ?? '?'}), Chromium ${chromium}, ` +
      `on-disk IndexedDB, ${s.rounds} alternating rounds (medians; sign-ups and fan-out pooled):`,
  );
  row(`initial sync, ${s.documents} documents`, s.initialSyncMs);
  const shaped = s.initialSyncOurShapeMs as Figure | undefined;
  if (shaped)
    log(
      `${'  beside the floor of our shape'.padEnd(34)} the same rows with our cache's indexes in our ` +
        `pull's commits: ${shaped.floor} ms; ours/that floor ${shaped.oursOverFloor}; that floor/raw floor ` +
        `${round(shaped.floor / ((s.initialSyncMs as Figure).floor || NaN), 2)}`,
    );
  row('catch-up of 2,000 changes', s.catchUp2000Ms);
  row('sign-up round trip p50', s.signUpRoundTripP50Ms);
  row('sign-up round trip p99', s.signUpRoundTripP99Ms);
  row(`one write to ${clients} clients p50`, s.fanOut50P50Ms);
  row(`one write to ${clients} clients p99`, s.fanOut50P99Ms);
  log(`floors: ${s.floorNote}`);
  log('what differs between the two sides:');
  for (const d of DIFFERENCES) log(`  - ${d}`);
  for (const n of notes.slice(0, 3)) log(`RxDB printed: ${n.slice(0, 300)}`);
}
