/**
 * flood: while kiosks flood the server with `signup.add` (tests/bench/flood-child.ts, their own
 * process), an honest kiosk measures the push latency of a staff change made every
 * `EVERY_MS`: from the staff's emit to the honest kiosk receiving the push. Phases, on one
 * server with its default event budget: a baseline; a sustained flood from one socket (bursts
 * of 500 re-fired as answers come back) for `FLOOD_MS`; 5,000 at once from one socket, re-fired
 * when all are answered, for `FLOOD_MS`; the sustained flood from 5 sockets (5 kiosk tokens);
 * each followed by a quiet phase. Prints p50/p95/p99/max and sample counts per phase, what the
 * flooders sent and got back, and the mutation outcomes the server stored. Asserts nothing.
 */
import { legacyConsent } from '../../src/domain/rules/consent.js';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  benchDataDir,
  connect,
  distribution,
  fmtDist,
  log,
  openSeeder,
  sleep,
  startChildServer,
  withTimeout,
  type Bench,
  type BenchContext,
  type ChildServer,
  type Json,
  type SyncSocket,
} from './common.js';
import type { FloodCounts, FloodPlan, FloodReply } from './flood-child.js';

const EVERY_MS = 25;
const QUIET_MS = 3000;
const FLOOD_MS = 5000;
const ACTIVITIES = 50;
/** A push not there after this long is counted lost (and the sample is not a latency). */
const LOST_MS = 5000;

const FLOODER = fileURLToPath(new URL('./flood-child.ts', import.meta.url));

interface Floods {
  label: string;
  sockets: number;
  burst: number;
  refireAt: number;
  raw?: boolean;
}

const FLOODS: Floods[] = [
  { label: '1 socket, sustained (bursts of 500)', sockets: 1, burst: 500, refireAt: 250 },
  { label: '1 socket, 5,000 at once (re-fired)', sockets: 1, burst: 5000, refireAt: 0 },
  { label: '5 sockets, sustained (bursts of 500)', sockets: 5, burst: 500, refireAt: 250 },
  {
    label: '1 raw socket ignoring answers and the close frame',
    sockets: 1,
    burst: 200,
    refireAt: 0,
    raw: true,
  },
];

async function seed(dataDir: string): Promise<{ kiosks: string[]; staff: string }> {
  const seeder = await openSeeder(dataDir);
  const start = new Date(Date.now() + 48 * 3_600_000).toISOString();
  await seeder.write(async (put) => {
    await put('group', { id: 'g1', name: 'Gruppe 1' });
    await put('resident', {
      id: 'r1',
      displayName: 'Beboer',
      photo: null,
      pictogram: null,
      groupIds: ['g1'],
      wallConsent: true,
      consent: legacyConsent(true),
      hasPin: false,
      mealSignUp: true,
    });
    for (let a = 0; a < ACTIVITIES; a++)
      await put('activity', {
        id: `a${a}`,
        title: `Aktivitet ${a}`,
        description: '',
        pictogram: null,
        place: 'Stuen',
        start,
        end: new Date(Date.parse(start) + 3_600_000).toISOString(),
        capacity: null,
        waitlist: false,
        signupDeadline: null,
        audience: { kind: 'all' },
        recurrence: null,
        seriesId: null,
        confirmedCount: 0,
        waitlistCount: 0,
      });
  });
  // Each flood its own kiosks: a token closed for flooding is refused for a while.
  const kiosks = await seeder.kiosks(1 + FLOODS.reduce((n, f) => n + f.sockets, 0));
  const staff = await seeder.staffToken();
  await seeder.close();
  return { kiosks, staff };
}

/** Staff renames a group every EVERY_MS; the honest kiosk's push of each rename is timed. */
function sampler(staff: SyncSocket, honest: SyncSocket) {
  let n = 0;
  return async (
    ctx: BenchContext,
    keepGoing: () => boolean,
  ): Promise<{ latencies: number[]; lost: number }> => {
    const latencies: number[] = [];
    let lost = 0;
    while (keepGoing() && !ctx.expired) {
      const name = `Gruppe ${++n}`;
      const t0 = performance.now();
      let on: ((p: { changes: { data?: Record<string, unknown> }[] }) => void) | undefined;
      const pushed = new Promise<void>((resolve) => {
        on = (p) => {
          if (p.changes.some((c) => c.data?.name === name)) resolve();
        };
        honest.on('changes', on);
      });
      try {
        await withTimeout(
          Promise.all([
            staff.timeout(LOST_MS).emitWithAck('mutate', {
              id: randomUUID(),
              name: 'group.put',
              args: { id: 'g1', name },
            }),
            pushed,
          ]),
          LOST_MS,
          'push',
        );
        latencies.push(performance.now() - t0);
      } catch {
        lost++;
      } finally {
        if (on) honest.off('changes', on);
      }
      await sleep(Math.max(0, EVERY_MS - (performance.now() - t0)));
    }
    return { latencies, lost };
  };
}

function startFlood(ctx: BenchContext, plan: FloodPlan): Promise<FloodCounts> {
  const child = fork(FLOODER, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  ctx.defer(() => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    child.once('message', (msg: FloodReply) =>
      msg.type === 'done' ? resolve(msg.counts) : reject(new Error(msg.error)),
    );
    child.once('exit', (code) => reject(new Error(`flooder exited with ${code}`)));
    child.send(plan);
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

export const flood: Bench = {
  name: 'flood',
  description: `kiosks flood signup.add for ${FLOOD_MS / 1000} s (1 socket sustained, 5,000 at once, 5 sockets); an honest kiosk's push latency (staff change every ${EVERY_MS} ms) before, during, after`,
  budgetMs: 150_000,
  async run(ctx) {
    const dataDir = benchDataDir(ctx, 'flood');
    const { kiosks, staff: staffToken } = await seed(dataDir);
    const [honestToken = '', ...flooderTokens] = kiosks;
    const server: ChildServer = await startChildServer(ctx, dataDir);
    const honest = await connect(server.url, honestToken);
    const staff = await connect(server.url, staffToken);
    ctx.defer(() => {
      honest.disconnect();
      staff.disconnect();
    });
    const sample = sampler(staff, honest);
    const phases: Record<string, Json> = {};
    ctx.result.phases = phases;

    const quiet = async (label: string): Promise<void> => {
      await server.stats({ resetLoopDelay: true });
      const until = performance.now() + QUIET_MS;
      const { latencies, lost } = await sample(ctx, () => performance.now() < until);
      const d = distribution(latencies);
      const stats = await server.stats();
      log(
        `${label}: push latency ${fmtDist(d)}, lost ${lost}; loop delay p99 ${stats.loopDelay.p99} ms`,
      );
      phases[label] = { pushLatencyMs: d, lost, serverLoopDelayMs: stats.loopDelay };
    };

    await quiet('baseline');
    let nextToken = 0;
    for (const [i, f] of FLOODS.entries()) {
      const tokens = flooderTokens.slice(nextToken, (nextToken += f.sockets));
      const before = await server.stats({ resetLoopDelay: true });
      let flooding = true;
      const counts = startFlood(ctx, {
        url: server.url,
        tokens,
        burst: f.burst,
        refireAt: f.refireAt,
        durationMs: FLOOD_MS,
        activities: ACTIVITIES,
        ...(f.raw ? { raw: true } : {}),
      }).finally(() => {
        flooding = false;
      });
      const { latencies, lost } = await sample(ctx, () => flooding);
      const c = await counts;
      const after = await server.stats();
      const d = distribution(latencies);
      // Every outcome the server stored: the flood's applied and rejected answers, and one per
      // staff change. Rate-limited events must add nothing.
      const stored = after.processedMutations - before.processedMutations;
      const staffChanges = latencies.length + lost;
      // The raw flooder reads no answers: what it got applied is only known from the store.
      const expected = f.raw
        ? `staff changes ${staffChanges} + the raw flooder's applied`
        : `applied + rejected + staff changes = ${c.applied + c.rejected + staffChanges}`;
      log(`flood ${f.label}: push latency ${fmtDist(d)}, lost ${lost}`);
      log(
        `  flooders sent ${c.sent} in ${c.durationMs} ms, answered ${c.answered} (applied ${c.applied}, rejected ${c.rejected}, rate_limited ${c.rateLimited}, other ${c.other}), unanswered ${c.unanswered}, disconnected ${c.disconnects} times, handshakes refused ${c.connectFailures}`,
      );
      log(
        `  outcomes stored ${stored} (${expected}); loop delay p99 ${after.loopDelay.p99} ms, max ${after.loopDelay.max} ms; healthz ${(await healthy(server.url)) ? 'ok' : 'FAILED'}`,
      );
      phases[`flood ${f.label}`] = {
        pushLatencyMs: d,
        lost,
        flooders: { ...c },
        outcomesStored: stored,
        outcomesExpected: expected,
        serverLoopDelayMs: after.loopDelay,
      };
      await quiet(`after flood ${i + 1}`);
    }
    ctx.result.honestStillConnected = honest.connected && staff.connected;
    await server.stop();
  },
};
