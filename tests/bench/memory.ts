/**
 * memory: the server's resident set size idle and with 2,000 connected kiosks. The server runs in
 * a child process (started with --expose-gc; every sample is taken after two full GCs), the
 * clients here, so the clients' memory is never counted as the server's. Also samples after one
 * news post pushed to all 2,000 (and reports that push's latency), and after they disconnect.
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
  type Json,
} from './common.js';

const CLIENTS = 2000;

const sample = (s: ServerStats): { [key: string]: Json } => ({
  rssMiB: mib(s.rss),
  heapUsedMiB: mib(s.heapUsed),
  heapTotalMiB: mib(s.heapTotal),
  externalMiB: mib(s.external),
  arrayBuffersMiB: mib(s.arrayBuffers),
  clients: s.clients,
});

const line = (label: string, s: ServerStats): void =>
  log(
    `${label.padEnd(34)} RSS ${mib(s.rss)} MiB, heap used ${mib(s.heapUsed)} MiB, external ${mib(s.external)} MiB (${s.clients} clients)`,
  );

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
    const server = await startChildServer(ctx, dataDir);
    log(`server child pid ${server.pid}`);

    await sleep(1000);
    const idle = await server.stats({ gc: true });
    line('idle:', idle);
    const r = ctx.result;
    r.clients = CLIENTS;
    r.idle = sample(idle);

    const perClientKiB = (a: ServerStats): number => round((a.rss - idle.rss) / CLIENTS / 1024, 1);
    const heapPerClientKiB = (a: ServerStats): number =>
      round((a.heapUsed - idle.heapUsed) / CLIENTS / 1024, 1);
    const tConnect = performance.now();
    const kiosks = await connectMany(ctx, server.url, tokens, 100);
    const connectMs = performance.now() - tConnect;
    const staff = await connect(server.url, staffToken);
    ctx.defer(() => staff.disconnect());
    log(
      `connected ${kiosks.length} kiosks in ${round(connectMs, 0)} ms (${round(kiosks.length / (connectMs / 1000), 0)} handshakes/s)`,
    );
    await sleep(2000);
    const connected = await server.stats({ gc: true });
    line(`with ${kiosks.length} clients:`, connected);
    r.connectMs = round(connectMs, 0);
    r.connected = sample(connected);
    r.rssPerClientKiB = perClientKiB(connected);
    r.heapPerClientKiB = heapPerClientKiB(connected);

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
    const beforePush = await server.stats({ resetLoopDelay: true });
    t0 = performance.now();
    const res = await mutate(staff, 'news.put', newsPost('memory-post', 1));
    if (res.status !== 'applied') throw new Error(`news.put rejected: ${res.code}`);
    await Promise.race([all, sleep(15_000)]);
    const push = distribution(latencies);
    const pushStats = await server.stats();
    const pushCpuMs = round(
      (pushStats.cpuUserUs +
        pushStats.cpuSystemUs -
        beforePush.cpuUserUs -
        beforePush.cpuSystemUs) /
        1000,
      1,
    );
    log(
      `one news.put pushed to ${kiosks.length}: ${fmtDist(push)}, ${kiosks.length - latencies.length} missed`,
    );
    log(
      `  server CPU for that post ${pushCpuMs} ms; longest server event-loop stall ${pushStats.loopDelay.max} ms`,
    );
    r.pushToAllLatencyMs = push;
    r.pushToAllServerCpuMs = pushCpuMs;
    r.pushToAllServerLoopStallMs = pushStats.loopDelay.max;
    r.missedPushes = kiosks.length - latencies.length;
    await sleep(1000);
    const afterPush = await server.stats({ gc: true });
    line('after one push to all:', afterPush);
    r.afterOnePush = sample(afterPush);
    r.rssPerClientAfterPushKiB = perClientKiB(afterPush);

    for (const k of kiosks) k.disconnect();
    staff.disconnect();
    await sleep(3000);
    const afterDisconnect = await server.stats({ gc: true });
    line('after all disconnected:', afterDisconnect);
    r.afterDisconnect = sample(afterDisconnect);
    log(
      `per client: RSS ${perClientKiB(connected)} KiB (${perClientKiB(afterPush)} KiB after the push), JS heap ${heapPerClientKiB(connected)} KiB`,
    );
    await server.stop();
  },
};
