/**
 * With several nodes, a local commit's push to this node's sockets waits one turn of the event
 * loop, so the head notice to the other nodes leaves first (README.md, "The change feed").
 *
 * Why: the notice is a `pg_notify` through the adapter's pool, and pg-pool hands a query its
 * connection on the next tick, while a push to thousands of sockets is one synchronous stretch of
 * tens of milliseconds. Pushed at once, the notice left only after it, and every other node's
 * clients waited for this node's: measured with 2,500 kiosks on each of two nodes, the notice took
 * 30–50 ms from `announce` to the other node. One `setImmediate` is enough: the tick that writes
 * the notice runs before it.
 *
 * Pushes keep their order (one queue), and what the server knows (the visibility facts, the
 * centre) is updated at once by the caller: only the sending waits.
 */
export class PushAfterNotice {
  #queue: (() => void)[] = [];
  #scheduled = false;

  /** Runs `push` after the notices queued so far have left, in the order pushes were given. */
  send(push: () => void): void {
    this.#queue.push(push);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends everything queued now (also at shutdown, so no push is left behind). */
  flush(): void {
    this.#scheduled = false;
    for (const push of this.#queue.splice(0)) push();
  }
}
