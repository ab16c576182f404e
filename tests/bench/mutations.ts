/**
 * mutations: sustained `signup.add` against SQLite. 200 unlimited activities and 300 residents
 * with wall consent; 20 kiosk sockets each send in a closed loop (next sign-up as soon as the
 * previous is answered) for 10 s, every sign-up a new (activity, resident) pair so each one
 * really writes. Every kiosk also receives the live push of every sign-up, as in a real centre.
 * BENCH_MUTATIONS_MS overrides the measured duration (default 10 s).
 *
 * mutations-pg: the same on PostgreSQL, once with one server node and once with two on one
 * database (the kiosks spread over both, each kiosk receiving every sign-up: the other node's
 * through the change feed), each on a fresh database.
 */
import { legacyConsent } from '../../src/domain/rules/consent.js';
import {
  benchDataDir,
  connectMany,
  distribution,
  fmtDist,
  log,
  mutate,
  openSeeder,
  round,
  startChildServer,
  type Bench,
  type BenchContext,
  type BenchResult,
  type ChildServer,
} from './common.js';
import {
  benchDatabase,
  cpuMsBetween,
  databaseCpu,
  perNode,
  skippedWithoutPostgres,
  startNodes,
  statsOf,
} from './pg.js';

const HOUR = 3_600_000;
const ACTIVITIES = 200;
const RESIDENTS = 300;
const CLIENTS = 20;
const DURATION_MS = Number(process.env.BENCH_MUTATIONS_MS ?? 10_000);
const WARMUP_MS = 2_000;

// 20 closed loops send far more than a kiosk's event budget: lift it for this bench only.
const UNLIMITED = {
  kiosk: { eventsPerSecond: 1_000_000, burst: 1_000_000 },
  staff: { eventsPerSecond: 1_000_000, burst: 1_000_000 },
};

/**
 * Seeds, starts `nodes` servers (SQLite: one, on the data directory's file; with `databaseUrl`:
 * that many on the database), runs the closed loops and writes the figures into `into`.
 */
async function runMutations(
  ctx: BenchContext,
  into: BenchResult,
  opts: { nodes: number; databaseUrl?: string } = { nodes: 1 },
): Promise<void> {
  const dataDir = benchDataDir(ctx, 'mutations');
  const seeder = await openSeeder(dataDir, opts.databaseUrl);
  const start = new Date(Date.now() + 48 * HOUR);
  start.setUTCMinutes(0, 0, 0);
  await seeder.write(async (put) => {
    await put('group', { id: 'g1', name: 'Gruppe 1' });
    for (let r = 0; r < RESIDENTS; r++) {
      await put('resident', {
        id: `r${r}`,
        displayName: `Beboer ${r}`,
        photo: null,
        pictogram: null,
        groupIds: ['g1'],
        wallConsent: true,
        consent: legacyConsent(true),
        hasPin: false,
        mealSignUp: true,
      });
    }
    for (let a = 0; a < ACTIVITIES; a++) {
      const s = new Date(start.getTime() + (a % 50) * HOUR);
      await put('activity', {
        id: `a${a}`,
        title: `Aktivitet ${a}`,
        description: '',
        pictogram: null,
        place: 'Fællesstuen',
        start: s.toISOString(),
        end: new Date(s.getTime() + HOUR).toISOString(),
        capacity: null,
        waitlist: false,
        signupDeadline: null,
        audience: { kind: 'all' },
        recurrence: null,
        seriesId: null,
        confirmedCount: 0,
        waitlistCount: 0,
      });
    }
  });
  const tokens = await seeder.kiosks(CLIENTS);
  await seeder.close();
  const servers: ChildServer[] = opts.databaseUrl
    ? await startNodes(ctx, dataDir, opts.databaseUrl, opts.nodes, { eventBudget: UNLIMITED })
    : [await startChildServer(ctx, dataDir, { eventBudget: UNLIMITED })];
  const kiosks = await connectMany(
    ctx,
    servers.map((s) => s.url),
    tokens,
    CLIENTS,
  );
  const where = opts.databaseUrl
    ? `PostgreSQL, ${servers.length} node${servers.length > 1 ? 's' : ''}`
    : 'SQLite';
  log(
    `setup (${where}): ${ACTIVITIES} activities (unlimited), ${RESIDENTS} residents, ${kiosks.length} kiosks connected${servers.length > 1 ? ` (${kiosks.length / servers.length} to each node)` : ''}; ${WARMUP_MS / 1000} s warm-up not counted`,
  );

  let next = 0;
  const pair = (): { activityId: string; residentId: string } => {
    const i = next++;
    return {
      activityId: `a${i % ACTIVITIES}`,
      residentId: `r${Math.floor(i / ACTIVITIES) % RESIDENTS}`,
    };
  };
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const perSecond: number[] = [];
  let errors = 0;

  let measuring = false;
  let t0 = 0;
  const loop = (until: number): Promise<unknown> =>
    Promise.all(
      kiosks.map(async (k) => {
        while (performance.now() < until && !ctx.expired) {
          const s = performance.now();
          try {
            const res = await mutate(k, 'signup.add', pair());
            if (!measuring) continue;
            const ms = performance.now() - s;
            const signup = res.status === 'applied' ? res.result?.signup : undefined;
            const key =
              res.status === 'applied'
                ? typeof signup === 'string'
                  ? signup
                  : 'applied'
                : `rejected:${res.code}`;
            outcomes[key] = (outcomes[key] ?? 0) + 1;
            if (res.status === 'applied') {
              latencies.push(ms);
              const second = Math.floor((performance.now() - t0) / 1000);
              perSecond[second] = (perSecond[second] ?? 0) + 1;
            }
          } catch {
            if (measuring) errors++;
          }
        }
      }),
    );

  // Warm-up (JIT, SQLite caches), not counted.
  await loop(performance.now() + WARMUP_MS);
  const warmedUp = next;
  const before = await statsOf(servers, { resetLoopDelay: true });
  const dbCpu = opts.databaseUrl ? await databaseCpu(opts.databaseUrl) : null;
  const clientCpuBefore = process.cpuUsage();
  measuring = true;
  t0 = performance.now();
  await loop(t0 + DURATION_MS);
  const elapsedMs = performance.now() - t0;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const clientCpuShare = round(((clientCpu.user + clientCpu.system) / 1000 / elapsedMs) * 100, 0);
  const after = await statsOf(servers);
  const dbCpuMs = dbCpu ? await dbCpu() : null;

  const applied = latencies.length;
  const rate = round(applied / (elapsedMs / 1000), 0);
  const ack = distribution(latencies);
  const cpuMs = cpuMsBetween(before, after);
  const wallMs = (after[0]?.wallMs ?? 0) - (before[0]?.wallMs ?? 0);
  const cpuShare = round((cpuMs / wallMs) * 100, 0);
  const loopP99 = after.map((a) => a.loopDelay.p99).join(' / ');
  const loopMax = after.map((a) => a.loopDelay.max).join(' / ');
  const timeline = Array.from({ length: perSecond.length }, (_, i) => perSecond[i] ?? 0);
  log(
    `warm-up sent ${warmedUp} sign-ups; measured from there (activities then hold ~${Math.round(warmedUp / ACTIVITIES)}–${Math.round(next / ACTIVITIES)} sign-ups each)`,
  );
  log(
    `${applied} sign-ups applied in ${round(elapsedMs / 1000, 1)} s: ${rate} sign-ups/s with ${kiosks.length} concurrent clients (${where})`,
  );
  log(`ack latency: ${fmtDist(ack)}`);
  log(`outcomes ${JSON.stringify(outcomes)}, transport errors/timeouts ${errors}`);
  log(`per second: ${timeline.join(' ')}`);
  log(
    `server CPU ${cpuShare}% of one core${servers.length > 1 ? ', all nodes together' : ''} (${round(cpuMs / Math.max(1, applied), 2)} ms CPU per sign-up); event-loop delay p99 ${loopP99} ms, max ${loopMax} ms${servers.length > 1 ? ' (per node)' : ''}`,
  );
  log(
    `the ${kiosks.length} bench clients (this process, decoding every push) used ${clientCpuShare}% of one core`,
  );
  if (dbCpuMs !== null)
    log(
      `PostgreSQL's backends for this database: ${round((dbCpuMs / elapsedMs) * 100, 0)}% of one core (${round(dbCpuMs / Math.max(1, applied), 2)} ms CPU per sign-up)`,
    );
  await Promise.all(servers.map((s) => s.stop()));
  Object.assign(into, {
    store: opts.databaseUrl ? 'postgres' : 'sqlite',
    nodes: servers.length,
    clients: kiosks.length,
    warmUpSignups: warmedUp,
    activities: ACTIVITIES,
    residents: RESIDENTS,
    durationMs: round(elapsedMs, 0),
    applied,
    signupsPerSecond: rate,
    ackLatencyMs: ack,
    outcomes,
    transportErrors: errors,
    perSecond: timeline,
    serverCpuPercentOfOneCore: cpuShare,
    serverCpuMsPerSignup: round(cpuMs / Math.max(1, applied), 2),
    ...(dbCpuMs !== null
      ? { databaseCpuMsPerSignup: round(dbCpuMs / Math.max(1, applied), 2) }
      : {}),
    serverLoopDelayMs: perNode(after.map((a) => a.loopDelay)),
    benchClientsCpuPercentOfOneCore: clientCpuShare,
  });
}

export const mutations: Bench = {
  name: 'mutations',
  description: `${CLIENTS} kiosks sending signup.add in a closed loop for ${DURATION_MS / 1000} s`,
  budgetMs: 60_000,
  run: (ctx) => runMutations(ctx, ctx.result),
};

export const mutationsPg: Bench = {
  name: 'mutations-pg',
  description: `the same on PostgreSQL: one server node, then two on one database (kiosks spread over both)`,
  budgetMs: 120_000,
  async run(ctx) {
    if (await skippedWithoutPostgres(ctx)) return;
    for (const nodes of [1, 2]) {
      const into: BenchResult = {};
      ctx.result[`nodes${nodes}`] = into;
      await runMutations(ctx, into, {
        nodes,
        databaseUrl: await benchDatabase(ctx, `mut${nodes}`),
      });
    }
  },
};
