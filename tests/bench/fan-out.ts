/**
 * fan-out: 500 connected kiosks, one staff `news.put`; latency from the staff client's send to
 * each kiosk's receipt of the `changes` push carrying that post.
 *
 * The server runs in a child process; the 500 kiosk sockets and the staff socket share this
 * process, so every send and receipt time is read from one clock. That also means the spread
 * includes this process decoding 500 frames one after another — the number is an upper bound on
 * what the server alone adds.
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
  type Distribution,
} from './common.js';

const CLIENTS = 500;
const ROUNDS = 10;
const ROUND_TIMEOUT_MS = 10_000;

interface Round {
  newsId: string;
  t0: number;
  latencies: number[];
  resolve: () => void;
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

    let current: Round | null = null;
    for (const k of kiosks) {
      k.on('changes', (push) => {
        const r = current;
        if (r && push.changes.some((c) => c.id === r.newsId)) {
          r.latencies.push(performance.now() - r.t0);
          if (r.latencies.length === kiosks.length) r.resolve();
        }
      });
    }

    const runRound = async (
      n: number,
    ): Promise<{ latencies: number[]; ackMs: number; missing: number }> => {
      const newsId = `fanout-${n}`;
      let resolve!: () => void;
      const all = new Promise<void>((r) => (resolve = r));
      const round_: Round = { newsId, t0: 0, latencies: [], resolve };
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
    const before = await server.stats({ resetLoopDelay: true });
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
    const after = await server.stats();

    const all: Distribution = distribution(latencies);
    const last = distribution(lasts);
    const first = distribution(firsts);
    const ack = distribution(acks);
    log(`push latency over ${ROUNDS} posts × ${kiosks.length} kiosks: ${fmtDist(all)}`);
    log(
      `first kiosk reached: p50 ${first.p50} ms; last kiosk reached: p50 ${last.p50} ms, max ${last.max} ms`,
    );
    log(`staff news.put ack: ${fmtDist(ack)}`);
    log(
      `missed pushes: ${missing}; server event-loop delay during rounds p99 ${after.loopDelay.p99} ms, max ${after.loopDelay.max} ms`,
    );
    const cpuMs =
      (after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs) / 1000;
    log(`server CPU per post (commit + push to ${kiosks.length}): ${round(cpuMs / ROUNDS, 1)} ms`);
    await server.stop();
    Object.assign(ctx.result, {
      clients: kiosks.length,
      rounds: ROUNDS,
      connectMs: round(connectMs, 0),
      latencyMs: all,
      firstReceiptMs: first,
      lastReceiptMs: last,
      staffAckMs: ack,
      missedPushes: missing,
      serverCpuMsPerPost: round(cpuMs / ROUNDS, 1),
      serverLoopDelayMs: after.loopDelay,
    });
  },
};
