/**
 * One kiosk must not slow every other (issue 7 item 10, failure case 18). A flooding kiosk
 * writes `mutate` packets by hand as fast as the server answers them, reconnecting at once when
 * it is dropped, while staff change a group every 25 ms and another kiosk's push of each change
 * is timed. A well-behaved kiosk sending at its budget is never disconnected.
 */
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, SYNC_NAMESPACE } from '../../src/protocol/index.js';
import { DEFAULT_EVENT_BUDGETS } from '../../src/server/sync/event-budget.js';
import { countRows } from '../../src/server/store/store.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import { openRawWebSocket } from '../helpers/raw-websocket.js';
import {
  apply,
  connectSocket,
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
afterEach(async () => {
  await t.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile. */
function percentile(sample: readonly number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface FloodCounts {
  sent: number;
  rateLimited: number;
  applied: number;
  other: number;
  /** Times the server closed the flooder's connection. */
  dropped: number;
  /** Handshakes the server refused `rate_limited`. */
  refused: number;
}

/**
 * A hostile kiosk: bursts of 500 `signup.add` packets written straight onto its engine, the next
 * burst when half are answered, a new connection at once when the server drops it. Runs until
 * `stop()`.
 */
function flood(
  url: string,
  token: string,
): { counts: FloodCounts; limitedIds: string[]; stop: () => Promise<void> } {
  /** The ids of the events answered rate_limited. */
  const limitedIds: string[] = [];
  const counts: FloodCounts = {
    sent: 0,
    rateLimited: 0,
    applied: 0,
    other: 0,
    dropped: 0,
    refused: 0,
  };
  let running = true;
  let current: SyncSocket | null = null;
  const ackPrefix = `3${SYNC_NAMESPACE},`;
  const loop = async (): Promise<void> => {
    let n = 0;
    while (running) {
      let socket: SyncSocket;
      try {
        socket = await connectSocket(url, token);
      } catch (err) {
        if ((err as { code?: string }).code !== 'rate_limited') throw err;
        counts.refused++;
        await sleep(20);
        continue;
      }
      current = socket;
      if (!running) {
        socket.disconnect();
        break;
      }
      await new Promise<void>((done) => {
        const engine = socket.io.engine;
        let inFlight = 0;
        const idOfAck = new Map<number, string>();
        const fire = (): void => {
          if (!running || !socket.connected) return;
          for (let i = 0; i < 500; i++) {
            const id = randomUUID();
            idOfAck.set(n + 1, id);
            const body = JSON.stringify({
              id,
              name: 'signup.add',
              args: { activityId: 'a1', residentId: 'r1' },
            });
            engine.write(`2${SYNC_NAMESPACE},${++n}["mutate",${body}]`);
          }
          counts.sent += 500;
          inFlight += 500;
        };
        engine.on('packet', (packet: { type: string; data?: unknown }) => {
          if (typeof packet.data !== 'string' || !packet.data.startsWith(ackPrefix)) return;
          inFlight--;
          const ack = Number(/^\d+/.exec(packet.data.slice(ackPrefix.length))?.[0]);
          if (packet.data.includes('"rate_limited"')) {
            counts.rateLimited++;
            const id = idOfAck.get(ack);
            if (id) limitedIds.push(id);
          } else if (packet.data.includes('"applied"')) counts.applied++;
          else counts.other++;
          if (inFlight <= 250) fire();
        });
        socket.once('disconnect', (reason) => {
          if (reason !== 'io client disconnect') counts.dropped++;
          done();
        });
        fire();
      });
    }
  };
  const looping = loop();
  return {
    counts,
    limitedIds,
    stop: async () => {
      running = false;
      current?.disconnect();
      await looping;
    },
  };
}

/** Staff rename a group every 25 ms for `ms`; resolves with each push's latency at `kiosk`. */
async function pushLatencies(staff: SyncSocket, kiosk: SyncSocket, ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + ms;
  let n = 0;
  while (performance.now() < until) {
    const name = `Gruppe ${++n}`;
    const t0 = performance.now();
    let on: ((p: { changes: { data?: Record<string, unknown> }[] }) => void) | undefined;
    const pushed = new Promise<void>((resolve) => {
      on = (p) => {
        if (p.changes.some((c) => c.data?.name === name)) resolve();
      };
      kiosk.on('changes', on);
    });
    await apply(staff, 'group.put', { id: 'g1', name });
    await pushed;
    if (on) kiosk.off('changes', on);
    latencies.push(performance.now() - t0);
    await sleep(Math.max(0, 25 - (performance.now() - t0)));
  }
  return latencies;
}

describe('a flooding kiosk', () => {
  it('is dropped, stores nothing for its limited events, and every other kiosk gets its pushes on time', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1', { capacity: null, waitlist: false }));
    const honest = await t.connect(await t.kioskToken('honest'));
    const flooderTokens = [
      await t.kioskToken('flooder 1'),
      await t.kioskToken('flooder 2'),
      await t.kioskToken('flooder 3'),
    ];
    const quiet = await pushLatencies(staff, honest, 1000);

    const processedBefore = await countRows(t.server.store.db, 'processed_mutation');
    const floods = flooderTokens.map((token) => flood(t.url, token));
    // The flood is under way: the server has started answering it rate_limited.
    await vi.waitFor(() => expect(floods[0]?.counts.rateLimited).toBeGreaterThan(0));
    const during = await pushLatencies(staff, honest, 3000);
    await Promise.all(floods.map((f) => f.stop()));
    const stored = (await countRows(t.server.store.db, 'processed_mutation')) - processedBefore;
    const f = {
      counts: floods.reduce<FloodCounts>(
        (sum, { counts }) => {
          for (const k of Object.keys(sum) as (keyof FloodCounts)[]) sum[k] += counts[k];
          return sum;
        },
        { sent: 0, rateLimited: 0, applied: 0, other: 0, dropped: 0, refused: 0 },
      ),
    };

    const [p50, p90] = [percentile(during, 50), percentile(during, 90)];
    // Printed so a slow run can be judged against the bounds below.
    console.log(
      `push latency quiet p50 ${percentile(quiet, 50).toFixed(1)} p90 ${percentile(quiet, 90).toFixed(1)} ms; during flood p50 ${p50.toFixed(1)} p90 ${p90.toFixed(1)} max ${Math.max(...during).toFixed(1)} ms (n=${during.length}); flood ${JSON.stringify(f.counts)}`,
    );
    expect(f.counts.rateLimited).toBeGreaterThan(0);
    expect(f.counts.dropped).toBeGreaterThan(0);
    expect(f.counts.refused).toBeGreaterThan(0);
    // None for a limited event; one per answered flood event and staff change. (Events the
    // server had queued when it dropped a flooder are applied unanswered, so stored may be more:
    // on PostgreSQL under load, dozens.)
    const limitedIds = floods.flatMap((fl) => fl.limitedIds);
    expect(limitedIds.length).toBe(f.counts.rateLimited);
    const limitedStored = await t.server.store.db
      .selectFrom('processed_mutation')
      .select('id')
      .where('id', 'in', limitedIds)
      .execute();
    expect(limitedStored).toEqual([]);
    expect(stored).toBeGreaterThanOrEqual(f.counts.applied + f.counts.other + during.length);
    // Measured on a shared 2-core machine: answering every flood event rate_limited (no
    // disconnect) gave p50 26-30 ms, p90 33-39 ms; with the disconnect p50 1.3-1.5 ms, p90
    // 2.6-2.7 ms (quiet: p50 1.5-1.9 ms). The bounds leave room for a loaded CI machine.
    // On PostgreSQL a push costs its round trips even when quiet (p50 9-10 ms measured here),
    // and a machine busy with other work slows every push (SQLite: p50 16.8 ms once in a CI run
    // beside other suites): the bounds are on what the flood adds to the quiet push measured in
    // the same run, on both stores.
    // The p90 against the quiet p90: against the quiet p50 it failed a run with a busy machine
    // (quiet p50 6.7, p90 10.8; during p50 9.2, p90 33.8 against a bound of 33.4). The p50 is
    // what tells the two apart: without the disconnect it is 15 times the quiet p50 (26-30 ms
    // against 1.5-1.9), with it about 1.5 times, also on PostgreSQL with the machine loaded
    // (quiet p50 12.4, p90 22.8; during 26.7, 81.0 in a CI run beside the chaos test, which an
    // added 10 ms failed). So both bounds are a multiple of the quiet figure, plus a little.
    const quietP50 = percentile(quiet, 50);
    expect(p50).toBeLessThan(5 + 2.5 * quietP50);
    expect(p90).toBeLessThan(30 + 4 * percentile(quiet, 90));
    expect(honest.connected).toBe(true);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

/** Opens a socket with `token` and resolves with the `connect_error` data, or 'connected'. */
function handshake(url: string, token: string): Promise<unknown> {
  const socket = io(url + SYNC_NAMESPACE, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.disconnect();
      resolve(err.data);
    });
    socket.once('welcome', () => {
      socket.disconnect();
      resolve('connected');
    });
  });
}

describe('a kiosk closed for flooding', () => {
  it('is refused rate_limited with retryAfterMs until its cool-off ends, then connects', async () => {
    const kiosk = { eventsPerSecond: 20, burst: 60, disconnectAfter: 180, coolOffMs: 1500 };
    t = await startTestServer({ eventBudget: { kiosk, staff: kiosk } });
    const token = await t.kioskToken('flooder');
    const other = await t.connect(await t.kioskToken('other'));
    const f = flood(t.url, token);
    await vi.waitFor(() => expect(f.counts.dropped).toBe(1));
    await f.stop();
    const refusal = (await handshake(t.url, token)) as { retryAfterMs: number };
    expect(refusal).toEqual({
      code: 'rate_limited',
      message: 'Too many events; connect again later.',
      retryAfterMs: expect.any(Number) as number,
    });
    expect(refusal.retryAfterMs).toBeGreaterThan(0);
    expect(refusal.retryAfterMs).toBeLessThanOrEqual(1500);
    // Another kiosk was never refused nor dropped.
    expect([other.connected, await handshake(t.url, await t.kioskToken('third'))]).toEqual([
      true,
      'connected',
    ]);
    await vi.waitFor(async () => expect(await handshake(t.url, token)).toBe('connected'), {
      timeout: 5000,
      interval: 100,
    });
  });
});

describe('a kiosk flooding over HTTP long-polling', () => {
  it('is closed and refused the same way, and another kiosk is not disturbed', async () => {
    t = await startTestServer();
    const token = await t.kioskToken('polling flooder');
    const other = await t.connect(await t.kioskToken('other'));
    const flooder = await connectSocket(t.url, token, PROTOCOL_VERSION, {
      transports: ['polling'],
    });
    expect(flooder.io.engine.transport.name).toBe('polling');
    const lost = new Promise<string>((resolve) => flooder.once('disconnect', resolve));
    // 1,000 at once: one POST carries them all, past the 60 + 180 that close a kiosk.
    const answers = Array.from({ length: 1000 }, () =>
      mutate(flooder, 'signup.add', { activityId: 'a1', residentId: 'r1' }).catch(
        (err: Error) => err.message,
      ),
    );
    expect(await lost).toBe('io server disconnect');
    expect(
      (await Promise.all(answers)).filter((a) => a === 'socket has been disconnected').length,
    ).toBeGreaterThan(0);
    expect(await handshake(t.url, token)).toMatchObject({ code: 'rate_limited' });
    expect(other.connected).toBe(true);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('a flooding peer that ignores the close frame', () => {
  it('has its TCP connection closed within seconds, instead of being read until a 30 s timeout', async () => {
    t = await startTestServer();
    const ws = await openRawWebSocket(t.url, await t.kioskToken('raw flooder'));
    const t0 = performance.now();
    let n = 0;
    const mutateFrame = (): string =>
      `42${SYNC_NAMESPACE},${++n}${JSON.stringify(['mutate', { id: randomUUID(), name: 'signup.add', args: { activityId: 'a1', residentId: 'r1' } }])}`;
    // It writes on whatever the server says, until the server closes the connection.
    while (!ws.isClosed() && performance.now() - t0 < 10_000)
      await ws.send(Array.from({ length: 200 }, mutateFrame));
    const closedAfterMs = performance.now() - t0;
    ws.destroy();
    expect(ws.isClosed()).toBe(true);
    expect(closedAfterMs).toBeLessThan(5000);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('a well-behaved kiosk', () => {
  it('sending at its budget for 10 s stays connected and gets every answer', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1', { capacity: null, waitlist: false }));
    const kiosk = await t.connect(await t.kioskToken('busy'));
    let dropped = false;
    kiosk.on('disconnect', () => {
      dropped = true;
    });
    const { burst, eventsPerSecond } = DEFAULT_EVENT_BUDGETS.kiosk;
    const send = (): Promise<unknown> =>
      mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    // Its whole burst at once, then, once that is answered, its refill rate for 10 s: every
    // event within its budget. (2 ms later than the rate allows, so that a timer firing a
    // millisecond early is not over it.)
    const results = await Promise.all(Array.from({ length: burst }, send));
    const t0 = performance.now() + 2;
    const paced: Promise<unknown>[] = [];
    for (let i = 1; i <= 10 * eventsPerSecond; i++) {
      await sleep(Math.max(0, t0 + (i * 1000) / eventsPerSecond - performance.now()));
      paced.push(send());
    }
    results.push(...(await Promise.all(paced)));
    expect(results).toHaveLength(burst + 10 * eventsPerSecond);
    expect(results.filter((r) => (r as { status: string }).status !== 'applied')).toEqual([]);
    expect([kiosk.connected, dropped]).toEqual([true, false]);
  }, 30_000);
});
