/**
 * fan-out: 500 connected kiosks, one staff `news.put`; latency from the staff client's send to
 * each kiosk's receipt of the `changes` push carrying that post.
 *
 * The server runs in a child process; the 500 kiosk sockets and the staff socket share this
 * process, so every send and receipt time is read from one clock. That also means the spread
 * includes this process decoding 500 frames one after another — the number is an upper bound on
 * what the server alone adds.
 *
 * fan-out-pg: the same post to 5,000 kiosks spread over two server nodes on one PostgreSQL
 * database (the staff socket on the first node: the second node's kiosks get it through the
 * adapter's notification and that node's read of the change log). Issue 13's target, under
 * 200 ms at p99 on these 2-core machines, is printed beside the measured figure, never
 * asserted; when the budget does not allow 5,000 handshakes, it measures and says how many.
 */
import {
  benchDataDir,
  connect,
  connectMany,
  distribution,
  fmtDist,
  log,
  mutate,
  newsPost,
  openSeeder,
  round,
  sleep,
  startChildServer,
  type Bench,
  type BenchContext,
  type BenchResult,
  type ChildServer,
  type Distribution,
  type SyncSocket,
} from './common.js';
import { cpuMsBetween, databaseCpu, kiosksOnNodes, perNode, statsOf } from './pg.js';

const CLIENTS = 500;
const ROUNDS = 10;
const ROUND_TIMEOUT_MS = 10_000;

interface Round {
  newsId: string;
  t0: number;
  latencies: number[];
  resolve: () => void;
  /** Not the warm-up. */
  counted: boolean;
}

export const fanOut: Bench = {
  name: 'fan-out',
  description: `${CLIENTS} connected kiosks, one staff news.put: send → each kiosk's push`,
  budgetMs: 90_000,
  async run(ctx) {
    const dataDir = benchDataDir(ctx, 'fan-out');
    const seeder = await openSeeder(dataDir);
    const tokens = await seeder.kiosks(CLIENTS);
    const staffToken = await seeder.staffToken();
    await seeder.close();
    const server = await startChildServer(ctx, dataDir);

    const tConnect = performance.now();
    const kiosks = await connectMany(ctx, server.url, tokens);
    const connectMs = performance.now() - tConnect;
    const staff = await connect(server.url, staffToken);
    ctx.defer(() => staff.disconnect());
    log(
      `setup: ${kiosks.length} kiosks connected in ${round(connectMs, 0)} ms (server counts ${(await server.stats()).clients} clients)`,
    );
    ctx.result.clients = kiosks.length;
    ctx.result.connectMs = round(connectMs, 0);
    await measureFanOut(ctx, ctx.result, [server], kiosks, staff);
    await server.stop();
  },
};

/**
 * Posts ROUNDS news items from `staff` (after one warm-up post) and times each kiosk's receipt;
 * kiosk i is on `servers[i % servers.length]` (connectMany's spread). Writes into `into`.
 */
async function measureFanOut(
  ctx: BenchContext,
  into: BenchResult,
  servers: readonly ChildServer[],
  kiosks: readonly SyncSocket[],
  staff: SyncSocket,
  /** The PostgreSQL store's address, to count its backends' CPU too. */
  databaseUrl?: string,
): Promise<Distribution> {
  let current: Round | null = null;
  // Each node's kiosks' latencies too, with several nodes.
  const byNode: number[][] = servers.map(() => []);
  kiosks.forEach((k, i) => {
    k.on('changes', (push) => {
      const r = current;
      if (r && push.changes.some((c) => c.id === r.newsId)) {
        const ms = performance.now() - r.t0;
        r.latencies.push(ms);
        if (r.counted) byNode[i % servers.length]?.push(ms);
        if (r.latencies.length === kiosks.length) r.resolve();
      }
    });
  });

  const runRound = async (
    n: number,
  ): Promise<{ latencies: number[]; ackMs: number; missing: number }> => {
    const newsId = `fanout-${n}`;
    let resolve!: () => void;
    const all = new Promise<void>((r) => (resolve = r));
    const round_: Round = { newsId, t0: 0, latencies: [], resolve, counted: n > 0 };
    current = round_;
    const post = newsPost(newsId, n);
    round_.t0 = performance.now();
    const ack = mutate(staff, 'news.put', post).then((res) => {
      if (res.status !== 'applied')
        throw new Error(`news.put rejected: ${res.code} ${res.message}`);
      return performance.now() - round_.t0;
    });
    const [ackMs] = await Promise.all([ack, Promise.race([all, sleep(ROUND_TIMEOUT_MS)])]);
    current = null;
    return {
      latencies: round_.latencies,
      ackMs,
      missing: kiosks.length - round_.latencies.length,
    };
  };

  await runRound(0); // warm-up, not counted
  await sleep(300);
  const before = await statsOf(servers, { resetLoopDelay: true });
  // The kiosks decode every push in this one process: what that costs bounds the spread.
  const clientCpuBefore = process.cpuUsage();
  const dbCpu = databaseUrl ? await databaseCpu(databaseUrl) : null;
  const latencies: number[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  const acks: number[] = [];
  let missing = 0;
  for (let n = 1; n <= ROUNDS && !ctx.expired; n++) {
    const r = await runRound(n);
    latencies.push(...r.latencies);
    firsts.push(Math.min(...r.latencies));
    lasts.push(Math.max(...r.latencies));
    acks.push(r.ackMs);
    missing += r.missing;
    await sleep(300);
  }
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const dbCpuMs = dbCpu ? await dbCpu() : null;
  const clientCpuMsPerPost = round((clientCpu.user + clientCpu.system) / 1000 / ROUNDS, 1);
  const after = await statsOf(servers);

  const all: Distribution = distribution(latencies);
  const last = distribution(lasts);
  const first = distribution(firsts);
  const ack = distribution(acks);
  log(`push latency over ${ROUNDS} posts × ${kiosks.length} kiosks: ${fmtDist(all)}`);
  log(
    `first kiosk reached: p50 ${first.p50} ms; last kiosk reached: p50 ${last.p50} ms, max ${last.max} ms`,
  );
  log(`staff news.put ack: ${fmtDist(ack)}`);
  const nodes = byNode.map((l) => distribution(l));
  if (servers.length > 1)
    nodes.forEach((d, i) =>
      log(
        `  kiosks on node ${i + 1}${i === 0 ? " (the staff's)" : ''}: p50 ${d.p50} ms, p99 ${d.p99} ms (n=${d.n})`,
      ),
    );
  const loopP99 = after.map((a) => a.loopDelay.p99).join(' / ');
  const loopMax = after.map((a) => a.loopDelay.max).join(' / ');
  log(
    `missed pushes: ${missing}; server event-loop delay during rounds p99 ${loopP99} ms, max ${loopMax} ms${servers.length > 1 ? ' (per node)' : ''}`,
  );
  const cpuMs = cpuMsBetween(before, after);
  log(
    `server CPU per post (commit + push to ${kiosks.length}${servers.length > 1 ? ', all nodes together' : ''}): ${round(cpuMs / ROUNDS, 1)} ms; the bench's ${kiosks.length} clients (this process, decoding every push): ${clientCpuMsPerPost} ms`,
  );
  if (dbCpuMs !== null)
    log(`PostgreSQL's backends for this database, CPU per post: ${round(dbCpuMs / ROUNDS, 1)} ms`);
  Object.assign(into, {
    rounds: ROUNDS,
    latencyMs: all,
    ...(servers.length > 1 ? { latencyByNodeMs: nodes } : {}),
    firstReceiptMs: first,
    lastReceiptMs: last,
    staffAckMs: ack,
    missedPushes: missing,
    serverCpuMsPerPost: round(cpuMs / ROUNDS, 1),
    benchClientsCpuMsPerPost: clientCpuMsPerPost,
    ...(dbCpuMs !== null ? { databaseCpuMsPerPost: round(dbCpuMs / ROUNDS, 1) } : {}),
    serverLoopDelayMs: perNode(after.map((a) => a.loopDelay)),
  });
  return all;
}

const PG_CLIENTS = 5000;
const PG_NODES = 2;
const PG_TARGET_P99_MS = 200;
/** Handshakes stop this long after they began, to leave the rounds their time. */
const PG_CONNECT_MS = 60_000;

export const fanOutPg: Bench = {
  name: 'fan-out-pg',
  description: `one staff news.put to ${PG_CLIENTS.toLocaleString('en')} kiosks over ${PG_NODES} nodes on PostgreSQL (target p99 < ${PG_TARGET_P99_MS} ms)`,
  budgetMs: 120_000,
  async run(ctx) {
    const setup = await kiosksOnNodes(ctx, 'fanout', PG_CLIENTS, PG_NODES);
    if (!setup) return;
    const { databaseUrl, servers, tokens, staffToken } = setup;

    const tConnect = performance.now();
    const kiosks = await connectMany(
      ctx,
      servers.map((s) => s.url),
      tokens,
      100,
      tConnect + PG_CONNECT_MS,
    );
    const connectMs = performance.now() - tConnect;
    const staff = await connect(servers[0]!.url, staffToken);
    ctx.defer(() => staff.disconnect());
    const counts = (await statsOf(servers)).map((s) => s.clients);
    const reached =
      kiosks.length < PG_CLIENTS
        ? ` — only ${kiosks.length} of ${PG_CLIENTS} reached within ${PG_CONNECT_MS / 1000} s`
        : '';
    log(
      `setup: ${kiosks.length} kiosks connected over ${PG_NODES} nodes in ${round(connectMs, 0)} ms (nodes count ${counts.join(' + ')} clients)${reached}`,
    );
    Object.assign(ctx.result, {
      clientsWanted: PG_CLIENTS,
      clients: kiosks.length,
      connectMs: round(connectMs, 0),
      targetP99Ms: PG_TARGET_P99_MS,
    });
    const all = await measureFanOut(ctx, ctx.result, servers, kiosks, staff, databaseUrl);
    log(
      `p99 ${all.p99} ms to ${kiosks.length} kiosks over ${PG_NODES} nodes; the issue's target: under ${PG_TARGET_P99_MS} ms on a 2-core machine (printed, not checked)`,
    );
    await Promise.all(servers.map((s) => s.stop()));
  },
};
