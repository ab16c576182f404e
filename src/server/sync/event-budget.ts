/**
 * A token bucket per connection: every client event costs one token; tokens come back at
 * `eventsPerSecond` up to `burst`. A kiosk taps a few times a minute and an outbox flush after
 * a day offline sends a few dozen at once, so the default only ever slows a runaway or hostile
 * client — which then cannot delay anyone else's pushes.
 */
export interface EventBudgetOptions {
  eventsPerSecond: number;
  burst: number;
}

/** The budget by who is connected. */
export interface EventBudgets {
  /** Kiosks and relatives: public screens and phones, the ones that must never slow others. */
  kiosk: EventBudgetOptions;
  /** Staff and admins: signed-in people whose tools may send a list of edits at once. */
  staff: EventBudgetOptions;
}

/** Kiosks: a burst of 60 events, then 20 a second. Staff: 2,000, then 200 a second. */
export const DEFAULT_EVENT_BUDGETS: EventBudgets = {
  kiosk: { eventsPerSecond: 20, burst: 60 },
  staff: { eventsPerSecond: 200, burst: 2000 },
};

export class EventBudget {
  #tokens: number;
  #at: number;

  constructor(
    private readonly opts: EventBudgetOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.#tokens = opts.burst;
    this.#at = clock();
  }

  /** Takes a token: 0 when the event may go on, else the milliseconds until one is back. */
  take(): number {
    const now = this.clock();
    const rate = this.opts.eventsPerSecond / 1000;
    this.#tokens = Math.min(this.opts.burst, this.#tokens + (now - this.#at) * rate);
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / rate));
  }
}
