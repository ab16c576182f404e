/**
 * The flooding kiosks of the flood bench, in their OWN process: a flood answered by the server
 * costs the flooder CPU too (thousands of acks decoded), and in the bench's process that would
 * slow the honest kiosk's own event loop and be counted as the server's push latency.
 *
 * Each flooder connects like a kiosk, then writes `mutate` packets by hand on its engine (as a
 * hostile client would: no socket.io-client bookkeeping per event) in bursts of `burst`, firing
 * the next burst whenever its unanswered events drop to `refireAt`, for `durationMs`. A server
 * that disconnects it is reconnected to at once (no backoff: hostile), and the flood goes on.
 * It reports its counts to the parent over IPC.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, SYNC_NAMESPACE } from '../../src/protocol/index.js';
import { openRawWebSocket } from '../helpers/raw-websocket.js';

export interface FloodPlan {
  url: string;
  tokens: string[];
  /** Events written at once. */
  burst: number;
  /** The next burst goes when this many (or fewer) of a socket's events are unanswered. */
  refireAt: number;
  durationMs: number;
  /** The activities the `signup.add` events name, `a0`…: one resident, `r1`. */
  activities: number;
  /**
   * A hand-written WebSocket on TCP that reads no answers and ignores the close frame, writing
   * `burst` events whenever the kernel takes the last ones (answers are not counted).
   */
  raw?: boolean;
}

export interface FloodCounts {
  sent: number;
  answered: number;
  applied: number;
  rejected: number;
  rateLimited: number;
  other: number;
  /** Events whose socket closed before they were answered. */
  unanswered: number;
  /** Times the server closed a flooder's connection. */
  disconnects: number;
  connectFailures: number;
  durationMs: number;
}

export type FloodReply = { type: 'done'; counts: FloodCounts } | { type: 'failed'; error: string };

const counts: FloodCounts = {
  sent: 0,
  answered: 0,
  applied: 0,
  rejected: 0,
  rateLimited: 0,
  other: 0,
  unanswered: 0,
  disconnects: 0,
  connectFailures: 0,
  durationMs: 0,
};

function open(url: string, token: string): Promise<Socket> {
  const socket = io(url + SYNC_NAMESPACE, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('welcome', () => resolve(socket));
    socket.once('connect_error', (err: Error) => {
      socket.disconnect();
      reject(err);
    });
  });
}

const signUp = (id: number, activities: number): string =>
  `{"id":"${randomUUID()}","name":"signup.add","args":{"activityId":"a${id % activities}","residentId":"r1"}}`;

/** The raw flooder until `until`: as fast as TCP takes it, reconnecting when cut off. */
async function rawFloodFrom(plan: FloodPlan, token: string, until: number): Promise<void> {
  let n = 0;
  while (performance.now() < until) {
    const ws = await openRawWebSocket(plan.url, token).catch(() => null);
    if (!ws) {
      counts.connectFailures++;
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    while (!ws.isClosed() && performance.now() < until) {
      const frames = Array.from(
        { length: plan.burst },
        () => `42${SYNC_NAMESPACE},${++n}["mutate",${signUp(n, plan.activities)}]`,
      );
      if (await ws.send(frames)) counts.sent += plan.burst;
    }
    if (ws.isClosed()) counts.disconnects++;
    ws.destroy();
  }
}

/** One flooding kiosk until `until` (performance.now()). */
async function floodFrom(plan: FloodPlan, token: string, until: number): Promise<void> {
  if (plan.raw) return rawFloodFrom(plan, token, until);
  let n = 0;
  while (performance.now() < until) {
    let socket: Socket;
    try {
      socket = await open(plan.url, token);
    } catch {
      counts.connectFailures++;
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    await new Promise<void>((done) => {
      const engine = socket.io.engine;
      let inFlight = 0;
      const ackPrefix = `3${SYNC_NAMESPACE},`;
      const fire = (): void => {
        if (performance.now() >= until || !socket.connected) return;
        for (let i = 0; i < plan.burst; i++) {
          const id = ++n;
          engine.write(`2${SYNC_NAMESPACE},${id}["mutate",${signUp(id, plan.activities)}]`);
        }
        counts.sent += plan.burst;
        inFlight += plan.burst;
      };
      const onPacket = (packet: { type: string; data?: unknown }): void => {
        if (packet.type !== 'message' || typeof packet.data !== 'string') return;
        if (!packet.data.startsWith(ackPrefix)) return;
        const d = packet.data;
        counts.answered++;
        inFlight--;
        if (d.includes('"code":"rate_limited"')) counts.rateLimited++;
        else if (d.includes('"status":"applied"')) counts.applied++;
        else if (d.includes('"status":"rejected"')) counts.rejected++;
        else counts.other++;
        if (inFlight <= plan.refireAt) fire();
      };
      engine.on('packet', onPacket);
      let finished = false;
      const finish = (): void => {
        if (finished) return;
        finished = true;
        clearInterval(timer);
        engine.off('packet', onPacket);
        counts.unanswered += inFlight;
        socket.disconnect();
        done();
      };
      socket.once('disconnect', (reason) => {
        if (reason === 'io server disconnect' || reason === 'transport close') counts.disconnects++;
        finish();
      });
      // The flood ends at `until`; what is still unanswered then is waited for a little.
      const timer = setInterval(() => {
        if (performance.now() >= until + (inFlight > 0 ? 5000 : 0)) finish();
        else if (inFlight === 0) fire();
      }, 20);
      fire();
    });
  }
}

process.once('message', (plan: FloodPlan) => {
  const t0 = performance.now();
  const until = t0 + plan.durationMs;
  Promise.all(plan.tokens.map((token) => floodFrom(plan, token, until))).then(
    () => {
      counts.durationMs = Math.round(performance.now() - t0);
      process.send?.({ type: 'done', counts } satisfies FloodReply, () => process.exit(0));
    },
    (err: unknown) => {
      process.send?.({ type: 'failed', error: String(err) } satisfies FloodReply, () =>
        process.exit(1),
      );
    },
  );
});
process.on('disconnect', () => process.exit(0));
