/**
 * The pages of one pull, asked for one after another as fast as the server answers them, while
 * the cache writes the pages before (puller.ts). The puller then writes every page that has come
 * meanwhile in ONE transaction with the last one's cursor: a crash mid-pull still resumes from a
 * cursor committed together with its rows, and a catch-up of 20,000 changes costs a handful of
 * IndexedDB commits instead of one per page (measured in Chromium: each commit of a page cost
 * about 10 ms beside the rows themselves).
 *
 * Asking runs ahead of writing by at most `maxBuffered` changes, so a slow disk never holds a
 * whole centre's year in memory.
 */
import type { PullResult } from '../protocol/index.js';
import { isPullResult } from './answers.js';

export class PageStream {
  readonly #queue: PullResult[] = [];
  #buffered = 0;
  #asking = false;
  /** Asked for the last page (no more, or no progress): nothing more to ask. */
  #done = false;
  #stopped = false;
  /** Could not ask (disconnected): `take` answers with nothing once the queue is empty. */
  #offline = false;
  #error: Error | null = null;
  #wake: (() => void) | null = null;
  #next: number;

  constructor(
    private readonly ask: (since: number) => Promise<unknown>,
    since: number,
    private readonly canAsk: () => boolean,
    private readonly maxBuffered: number,
  ) {
    this.#next = since;
    this.#fetch();
  }

  /**
   * Every page received so far (at least one), in order. Empty only when no page can come
   * (disconnected). Throws what went wrong once the pages before it have been taken.
   */
  async take(): Promise<PullResult[]> {
    while (this.#queue.length === 0) {
      if (this.#error !== null) throw this.#error;
      if (this.#offline || this.#done || this.#stopped) return [];
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
    const pages = this.#queue.splice(0);
    this.#buffered = 0;
    this.#fetch();
    return pages;
  }

  /** Asks for nothing more (the pull ends or starts over); an answer still on its way is dropped. */
  stop(): void {
    this.#stopped = true;
    this.#wakeUp();
  }

  #fetch(): void {
    if (this.#asking || this.#done || this.#stopped || this.#error !== null) return;
    if (this.#buffered >= this.maxBuffered) return;
    if (!this.canAsk()) {
      this.#offline = true;
      this.#wakeUp();
      return;
    }
    this.#asking = true;
    const since = this.#next;
    this.ask(since).then(
      (res) => {
        this.#asking = false;
        if (this.#stopped) return;
        if (!isPullResult(res)) this.#error = new Error(`pull refused: ${JSON.stringify(res)}`);
        else {
          this.#queue.push(res);
          this.#buffered += res.changes.length;
          // The last page, or one that made no progress (the puller says so): ask no further.
          if (!res.more || res.cursor <= since) this.#done = true;
          else this.#next = res.cursor;
        }
        this.#wakeUp();
        this.#fetch();
      },
      (err: unknown) => {
        this.#asking = false;
        if (this.#stopped) return;
        this.#error = err instanceof Error ? err : new Error(String(err));
        this.#wakeUp();
      },
    );
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
