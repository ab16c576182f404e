/**
 * A counting semaphore with a bounded line: at most `size` holders at once, at most `maxWaiting`
 * waiting (first come, first served). eSpeak is quick, but a burst of new texts from many kiosks
 * must not start dozens of programs on a small centre server.
 */
export class Slots {
  #free: number;
  #waiting: (() => void)[] = [];

  constructor(
    size: number,
    private readonly maxWaiting: number,
  ) {
    this.#free = size;
  }

  /** Resolves with a release function once a slot is free; rejects at once if the line is full. */
  acquire(): Promise<() => void> {
    if (this.#free > 0) {
      this.#free -= 1;
      return Promise.resolve(this.#releaser());
    }
    if (this.#waiting.length >= this.maxWaiting)
      return Promise.reject(new Error('too many waiting'));
    return new Promise((resolve) => this.#waiting.push(() => resolve(this.#releaser())));
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // Hand the slot straight to the next in line; only free it when nobody waits.
      if (next) next();
      else this.#free += 1;
    };
  }
}
