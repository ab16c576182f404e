/**
 * memory: the server's resident set size idle and with 2,000 connected kiosks. The server runs in
 * a child process (started with --expose-gc; every sample is taken after two full GCs), the
 * clients here, so the clients' memory is never counted as the server's. Also samples after one
 * news post pushed to all 2,000 (and reports that push's latency), and after they disconnect.
 *
 * memory-pg: the same for two server nodes (two processes) on one PostgreSQL database with 2,500
 * kiosks on each, every figure per node (the post is made on the first node).
 */
import type { ServerStats } from './server-child.js';
import {
  benchDataDir,
  connect,
  connectMany,
  distribution,
  fmtDist,
  log,
  mib,
  mutate,
  newsPost,
  openSeeder,
  round,
  sleep,
  startChildServer,
  type Bench,
  type BenchContext,
  type ChildServer,
  type Json,
} from './common.js';
import { cpuMsBetween, kiosksOnNodes, perNode, statsOf } from './pg.js';

const CLIENTS = 2000;
const PG_NODES = 2;
const PG_CLIENTS_PER_NODE = 2500;

const sample = (s: ServerStats): { [key: string]: Json } => ({
  rssMiB: mib(s.rss),
  heapUsedMiB: mib(s.heapUsed),
  heapTotalMiB: mib(s.heapTotal),
  externalMiB: mib(s.external),
  arrayBuffersMiB: mib(s.arrayBuffers),
  clients: s.clients,
});

const lines = (label: string, all: readonly ServerStats[]): void =>
  all.forEach((s, i) =>
    log(
      `${(all.length > 1 ? `node ${i + 1} ${label}` : label).padEnd(34)} RSS ${mib(s.rss)} MiB, heap used ${mib(s.heapUsed)} MiB, external ${mib(s.external)} MiB (${s.clients} clients)`,
    ),
  );

/**
 * Samples `servers` idle, with `tokens` connected (spread over them: socket i on node
 * i % n), after one post to all and after all disconnected; writes into ctx.result.
 */
async function measureMemory(
  ctx: BenchContext,
  servers: readonly ChildServer[],
  tokens: readonly string[],
  staffToken: string,
): Promise<void> {
  const r = ctx.result;
  const clientsOf = (i: number): number =>
    Math.floor(tokens.length / servers.length) + (i < tokens.length % servers.length ? 1 : 0);
  log(`server child pid ${servers.map((s) => s.pid).join(', ')}`);

  await sleep(1000);
  const idle = await statsOf(servers, { gc: true });
  lines('idle:', idle);
  r.clients = tokens.length;
  r.idle = perNode(idle.map(sample));

  const perClientKiB = (all: ServerStats[]): number[] =>
    all.map((a, i) => round((a.rss - idle[i]!.rss) / clientsOf(i) / 1024, 1));
  const heapPerClientKiB = (all: ServerStats[]): number[] =>
    all.map((a, i) => round((a.heapUsed - idle[i]!.heapUsed) / clientsOf(i) / 1024, 1));
  const tConnect = performance.now();
  const kiosks = await connectMany(
    ctx,
    servers.map((s) => s.url),
    tokens,
    100,
  );
  const connectMs = performance.now() - tConnect;
  const staff = await connect(servers[0]!.url, staffToken);
  ctx.defer(() => staff.disconnect());
  log(
    `connected ${kiosks.length} kiosks in ${round(connectMs, 0)} ms (${round(kiosks.length / (connectMs / 1000), 0)} handshakes/s)`,
  );
  await sleep(2000);
  const connected = await statsOf(servers, { gc: true });
  lines(`with ${kiosks.length / servers.length} clients:`, connected);
  r.connectMs = round(connectMs, 0);
  r.connected = perNode(connected.map(sample));
  r.rssPerClientKiB = perNode(perClientKiB(connected));
  r.heapPerClientKiB = perNode(heapPerClientKiB(connected));

  // One post pushed to everyone: socket buffers get used at least once.
  const latencies: number[] = [];
  let t0 = 0;
  const all = new Promise<void>((resolve) => {
    for (const k of kiosks) {
      k.once('changes', () => {
        latencies.push(performance.now() - t0);
        if (latencies.length === kiosks.length) resolve();
      });
    }
  });
  const beforePush = await statsOf(servers, { resetLoopDelay: true });
  t0 = performance.now();
  const res = await mutate(staff, 'news.put', newsPost('memory-post', 1));
  if (res.status !== 'applied') throw new Error(`news.put rejected: ${res.code}`);
  await Promise.race([all, sleep(15_000)]);
  const push = distribution(latencies);
  const pushStats = await statsOf(servers);
  const pushCpuMs = round(cpuMsBetween(beforePush, pushStats), 1);
  const stallMs = pushStats.map((s) => s.loopDelay.max);
  log(
    `one news.put pushed to ${kiosks.length}: ${fmtDist(push)}, ${kiosks.length - latencies.length} missed`,
  );
  log(
    `  server CPU for that post ${pushCpuMs} ms${servers.length > 1 ? ' (all nodes)' : ''}; longest server event-loop stall ${stallMs.join(' / ')} ms`,
  );
  r.pushToAllLatencyMs = push;
  r.pushToAllServerCpuMs = pushCpuMs;
  r.pushToAllServerLoopStallMs = perNode(stallMs);
  r.missedPushes = kiosks.length - latencies.length;
  await sleep(1000);
  const afterPush = await statsOf(servers, { gc: true });
  lines('after one push to all:', afterPush);
  r.afterOnePush = perNode(afterPush.map(sample));
  r.rssPerClientAfterPushKiB = perNode(perClientKiB(afterPush));

  for (const k of kiosks) k.disconnect();
  staff.disconnect();
  await sleep(3000);
  const afterDisconnect = await statsOf(servers, { gc: true });
  lines('after all disconnected:', afterDisconnect);
  r.afterDisconnect = perNode(afterDisconnect.map(sample));
  const each = servers.length > 1 ? ' (per node)' : '';
  log(
    `per client: RSS ${perClientKiB(connected).join(' / ')} KiB (${perClientKiB(afterPush).join(' / ')} KiB after the push), JS heap ${heapPerClientKiB(connected).join(' / ')} KiB${each}`,
  );
  await Promise.all(servers.map((s) => s.stop()));
}

export const memory: Bench = {
  name: 'memory',
  description: `server RSS idle and with ${CLIENTS.toLocaleString('en')} connected kiosks (server in a child process)`,
  budgetMs: 120_000,
  async run(ctx) {
    const dataDir = benchDataDir(ctx, 'memory');
    const seeder = await openSeeder(dataDir);
    const tokens = await seeder.kiosks(CLIENTS);
    const staffToken = await seeder.staffToken();
    await seeder.close();
    await measureMemory(ctx, [await startChildServer(ctx, dataDir)], tokens, staffToken);
  },
};

export const memoryPg: Bench = {
  name: 'memory-pg',
  description: `RSS per node, ${PG_NODES} nodes on PostgreSQL with ${PG_CLIENTS_PER_NODE.toLocaleString('en')} kiosks each`,
  budgetMs: 120_000,
  async run(ctx) {
    const setup = await kiosksOnNodes(ctx, 'memory', PG_NODES * PG_CLIENTS_PER_NODE, PG_NODES);
    if (setup) await measureMemory(ctx, setup.servers, setup.tokens, setup.staffToken);
  },
};
