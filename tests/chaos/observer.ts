/**
 * A staff replica that watches the centre all through the chaos and checks the capacity,
 * waiting-list and booking invariants on every state it passes through, not only the last one: a
 * promotion of the wrong resident that a later cancellation happens to hide still shows here.
 * It follows the protocol's replica rules (tests/helpers/replica.ts) and checks only whole states
 * (a pull to the end, or a push that follows on from its cursor).
 */
import type { Activity, Booking, Resource, SignUp } from '../../src/domain/model.js';
import { PROTOCOL_VERSION } from '../../src/protocol/index.js';
import { Replica } from '../helpers/replica.js';
import { connectSocket } from '../helpers/test-server.js';
import { bookingViolations, queueViolations } from './state.js';

export class Observer {
  private replica: Replica | null = null;
  /** Each violation once, with the cursor it was first seen at. */
  private readonly seen = new Map<string, number>();
  states = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async start(): Promise<void> {
    const socket = await connectSocket(this.url, this.token, PROTOCOL_VERSION, {
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 1000,
      randomizationFactor: 0.5,
    });
    const replica = new Replica(socket);
    replica.onState = (r) => this.check(r);
    this.replica = replica;
    await replica.sync();
  }

  /** Stops watching (before a restore: the history it followed is about to go). */
  stop(): void {
    this.replica?.socket.disconnect();
    this.replica = null;
  }

  violations(): string[] {
    return [...this.seen].map(([p, cursor]) => `during the run (state at ${cursor}): ${p}`);
  }

  private check(r: Replica): void {
    if (r !== this.replica) return;
    this.states += 1;
    const activities = [...r.all<Activity>('activity').values()];
    const signups = [...r.all<SignUp>('signup').values()];
    const bookings = [...r.all<Booking>('booking').values()];
    const resources = [...r.all<Resource>('resource').values()];
    for (const p of [
      ...queueViolations(activities, signups),
      ...bookingViolations(bookings, resources, new Date()),
    ])
      if (!this.seen.has(p)) this.seen.set(p, r.cursor);
  }
}
