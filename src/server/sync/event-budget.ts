/**
 * A token bucket per connection: every client event costs one token; tokens come back at
 * `eventsPerSecond` up to `burst`. A kiosk taps a few times a minute and an outbox flush after
 * a day offline sends a few dozen at once, so the default only ever slows a runaway or hostile
 * client.
 *
 * Answering `rate_limited` is not enough on its own: each answer still costs the server a
 * decode, an encode and a write, and one TCP read from a flooding socket carries hundreds of
 * events handled in one go, ahead of every other socket's I/O (issue 7 item 10). So a
 * connection that goes on sending far past its budget (more than `disconnectAfter` events over
 * it within about a second) is told it is `flooding`, and the socket layer closes it and
 * refuses its token for a while (`FloodCoolOff`). A kiosk sending its outbox one event at a time
 * never comes near that.
 */
export interface EventBudgetOptions {
  eventsPerSecond: number;
  burst: number;
  /**
   * Over-budget events within about a second after which the connection is closed (they leak
   * away at this many a second). Default: three bursts.
   */
  disconnectAfter?: number;
  /**
   * How long a token whose connection was closed for flooding is refused (`connect_error`
   * `rate_limited`), so that reconnecting at once does not bring a fresh burst. Default 10 s:
   * longer than a kiosk's burst takes to come back.
   */
  coolOffMs?: number;
}

export const DEFAULT_COOL_OFF_MS = 10_000;

/** The budget by who is connected. */
export interface EventBudgets {
  /** Kiosks and relatives: public screens and phones, the ones that must never slow others. */
  kiosk: EventBudgetOptions;
  /** Staff and admins: signed-in people whose tools may send a list of edits at once. */
  staff: EventBudgetOptions;
}

/**
 * Kiosks: a burst of 60 events, then 20 a second, closed after 180 over it in a second. Staff:
 * 2,000, then 200 a second, closed after 6,000 over it.
 */
export const DEFAULT_EVENT_BUDGETS: EventBudgets = {
  kiosk: { eventsPerSecond: 20, burst: 60, disconnectAfter: 180 },
  staff: { eventsPerSecond: 200, burst: 2000, disconnectAfter: 6000 },
};

export class EventBudget {
  #tokens: number;
  #at: number;
  /** Over-budget events not yet leaked away (at `disconnectAfter` a second). */
  #over = 0;
  readonly #disconnectAfter: number;

  constructor(
    private readonly opts: EventBudgetOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.#tokens = opts.burst;
    this.#at = clock();
    this.#disconnectAfter = opts.disconnectAfter ?? 3 * opts.burst;
  }

  /** Takes a token: 0 when the event may go on, else the milliseconds until one is back. */
  take(): number {
    const now = this.clock();
    const elapsed = now - this.#at;
    const rate = this.opts.eventsPerSecond / 1000;
    this.#tokens = Math.min(this.opts.burst, this.#tokens + elapsed * rate);
    this.#over = Math.max(0, this.#over - (elapsed * this.#disconnectAfter) / 1000);
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    this.#over += 1;
    return Math.max(1, Math.ceil((1 - this.#tokens) / rate));
  }

  /** Has the connection sent more than `disconnectAfter` events over budget within a second? */
  get flooding(): boolean {
    return this.#over > this.#disconnectAfter;
  }
}

/**
 * Tokens whose connection was closed for flooding, and until when their handshakes are refused.
 * Keyed by the token's hash, so a refusal costs no database read. Holds only tokens that flooded
 * within the last cool-off, so it stays small.
 */
export class FloodCoolOff {
  readonly #until = new Map<string, number>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Refuses `key` for `ms` from now. */
  start(key: string, ms: number): void {
    const now = this.clock();
    for (const [k, until] of this.#until) if (until <= now) this.#until.delete(k);
    this.#until.set(key, now + ms);
  }

  /** How many keys it holds. */
  get size(): number {
    return this.#until.size;
  }

  /** Milliseconds until `key` may connect again; 0 when it may now. */
  remaining(key: string): number {
    const until = this.#until.get(key);
    if (until === undefined) return 0;
    const left = until - this.clock();
    if (left > 0) return Math.ceil(left);
    this.#until.delete(key);
    return 0;
  }
}
