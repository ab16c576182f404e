/**
 * flood: one kiosk socket sends 5,000 `signup.add` as fast as it can (all at once, no waiting
 * for answers) while an honest kiosk measures the push latency of a staff change made every
 * 50 ms: from the staff's emit to the honest kiosk receiving the push. Measured first without
 * the flood (baseline), then during it. The server runs with its default event budget. Prints
 * numbers, asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  benchDataDir,
  connect,
  distribution,
  fmtDist,
  log,
  openSeeder,
  round,
  sleep,
  startChildServer,
  type Bench,
  type SyncSocket,
} from './common.js';
import type { MutateResult } from '../../src/protocol/index.js';

const FLOOD = 5000;
const EVERY_MS = 50;
const BASELINE_MS = 3000;

export const flood: Bench = {
  name: 'flood',
  description: `one socket floods ${FLOOD} mutations; an honest kiosk's push latency (staff change every ${EVERY_MS} ms)`,
  budgetMs: 90_000,
  async run(ctx) {
    const dataDir = benchDataDir(ctx, 'flood');
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
        hasPin: false,
        mealSignUp: true,
      });
      for (let a = 0; a < 50; a++)
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
    const [floodToken, honestToken] = await seeder.kiosks(2);
    const staffToken = await seeder.staffToken();
    await seeder.close();
    const server = await startChildServer(ctx, dataDir);
    const sockets: SyncSocket[] = [];
    ctx.defer(() => sockets.forEach((s) => s.disconnect()));
    const flooder = await connect(server.url, floodToken ?? '');
    const honest = await connect(server.url, honestToken ?? '');
    const staff = await connect(server.url, staffToken);
    sockets.push(flooder, honest, staff);

    // Staff renames a group every 50 ms; the honest kiosk's push of it is timed.
    let n = 0;
    const measure = async (untilMs: number): Promise<number[]> => {
      const latencies: number[] = [];
      while (performance.now() < untilMs && !ctx.expired) {
        const name = `Gruppe ${++n}`;
        const t0 = performance.now();
        const pushed = new Promise<void>((resolve) => {
          const on = (p: { changes: { data?: Record<string, unknown> }[] }): void => {
            if (p.changes.some((c) => c.data?.name === name)) {
              honest.off('changes', on);
              resolve();
            }
          };
          honest.on('changes', on);
        });
        await staff.timeout(10_000).emitWithAck('mutate', {
          id: randomUUID(),
          name: 'group.put',
          args: { id: 'g1', name },
        });
        await pushed;
        latencies.push(performance.now() - t0);
        await sleep(Math.max(0, EVERY_MS - (performance.now() - t0)));
      }
      return latencies;
    };

    const baseline = distribution(await measure(performance.now() + BASELINE_MS));
    log(`baseline (no flood): push latency ${fmtDist(baseline)}`);

    const outcomes: Record<string, number> = {};
    const f0 = performance.now();
    let floodDone = false;
    const flooding = Promise.all(
      Array.from({ length: FLOOD }, (_, i) =>
        flooder
          .timeout(60_000)
          .emitWithAck('mutate', {
            id: randomUUID(),
            name: 'signup.add',
            args: { activityId: `a${i % 50}`, residentId: 'r1' },
          })
          .then(
            (r: MutateResult) => {
              const key = r.status === 'applied' ? 'applied' : `${r.status}:${r.code}`;
              outcomes[key] = (outcomes[key] ?? 0) + 1;
            },
            () => {
              outcomes.timeout = (outcomes.timeout ?? 0) + 1;
            },
          ),
      ),
    ).then(() => {
      floodDone = true;
    });
    const during: number[] = [];
    while (!floodDone && !ctx.expired) during.push(...(await measure(performance.now() + 200)));
    await flooding;
    const floodMs = performance.now() - f0;
    const duringDist = distribution(during);
    const stats = await server.stats();
    log(
      `flood: ${FLOOD} mutations from one socket answered in ${round(floodMs, 0)} ms: ${JSON.stringify(outcomes)}`,
    );
    log(`during the flood: push latency ${fmtDist(duringDist)}`);
    log(`server event-loop delay p99 ${stats.loopDelay.p99} ms, max ${stats.loopDelay.max} ms`);
    await server.stop();
    Object.assign(ctx.result, {
      flood: FLOOD,
      floodMs: round(floodMs, 0),
      outcomes,
      baselinePushLatencyMs: baseline,
      duringFloodPushLatencyMs: duringDist,
      serverLoopDelayMs: stats.loopDelay,
    });
  },
};
