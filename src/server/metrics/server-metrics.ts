/**
 * What `GET /metrics` says, in Prometheus text format (prom-client). One registry per server
 * instance, never prom-client's global one: tests and benchmarks start several servers in one
 * process, and a global registry would refuse the second server's instruments (or mix their
 * numbers).
 *
 * Counts the server keeps elsewhere (connected sockets, the change log, the read-aloud cache) are
 * read when scraped (`collect`), so nothing has to remember to update them.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isMutationName, type MutateResult } from '../../protocol/index.js';

/** The roles a connected client can have; each is reported, 0 included. */
const ROLES = ['kiosk', 'staff', 'admin', 'relative'] as const;

/** Seconds: from a fast local answer (1 ms) to one a user would notice (5 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface MetricsSources {
  /** Roles of the sockets connected to `/sync` now. */
  connectedRoles: () => Iterable<string>;
  changeLogHead: () => Promise<number>;
  changeLogRows: () => Promise<number>;
  /** Mutations that changed something, since start. */
  mutationsApplied: () => number;
  /** Mutations answered `retry`/`internal`, since start (anything above 0 is worth a look). */
  mutationsFailed: () => number;
  speech: () => { renders: number; cacheHits: number; cacheBytes: number; cacheClips: number };
}

export class ServerMetrics {
  readonly registry = new Registry();
  readonly #answers: Counter<'mutation' | 'status' | 'code'>;
  readonly #mutate: Histogram;
  readonly #pull: Histogram;
  readonly #push: Histogram;

  constructor(
    sources: MetricsSources,
    /** False for one centre of several in a process: the process's own series are said once. */
    opts: { processMetrics?: boolean } = {},
  ) {
    const registers = [this.registry];
    // Event-loop lag (nodejs_eventloop_lag_*), memory, CPU, open files: the process's own health.
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry });

    new Gauge({
      name: 'citizen_guide_connected_clients',
      help: 'Sockets connected to /sync, by role.',
      labelNames: ['role'],
      registers,
      collect() {
        const counts = new Map<string, number>(ROLES.map((r) => [r, 0]));
        for (const role of sources.connectedRoles()) counts.set(role, (counts.get(role) ?? 0) + 1);
        for (const [role, n] of counts) this.set({ role }, n);
      },
    });
    counterOf(
      registers,
      'citizen_guide_mutations_applied',
      'Mutations that changed something, since start.',
      sources.mutationsApplied,
    );
    counterOf(
      registers,
      'citizen_guide_mutations_failed',
      'Mutations answered retry/internal (the server failed applying them), since start.',
      sources.mutationsFailed,
    );
    counterOf(
      registers,
      'citizen_guide_speech_renders',
      'eSpeak runs, since start.',
      () => sources.speech().renders,
    );
    counterOf(
      registers,
      'citizen_guide_speech_cache_hits',
      'Read-aloud answers from the disk cache, since start.',
      () => sources.speech().cacheHits,
    );
    new Gauge({
      name: 'citizen_guide_uptime_seconds',
      help: 'Seconds since the process started.',
      registers,
      collect() {
        this.set(Math.round(process.uptime()));
      },
    });
    new Gauge({
      name: 'citizen_guide_speech_cache_bytes',
      help: 'Bytes of read-aloud audio kept on disk.',
      registers,
      collect() {
        this.set(sources.speech().cacheBytes);
      },
    });
    new Gauge({
      name: 'citizen_guide_speech_cache_clips',
      help: 'Read-aloud clips kept on disk.',
      registers,
      collect() {
        this.set(sources.speech().cacheClips);
      },
    });
    new Gauge({
      name: 'citizen_guide_change_log_head',
      help: 'The highest change-log seq handed out.',
      registers,
      async collect() {
        this.set(await sources.changeLogHead());
      },
    });
    new Gauge({
      name: 'citizen_guide_change_log_rows',
      help: 'Rows in the (compacted) change log: about one per entity and tombstone.',
      registers,
      async collect() {
        this.set(await sources.changeLogRows());
      },
    });
    this.#answers = new Counter({
      name: 'citizen_guide_mutation_answers_total',
      help: 'Answers to mutate, by mutation, status (applied, rejected, retry) and code.',
      labelNames: ['mutation', 'status', 'code'],
      registers,
    });
    this.#mutate = new Histogram({
      name: 'citizen_guide_mutate_seconds',
      help: 'From a mutate event read to its answer sent.',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#pull = new Histogram({
      name: 'citizen_guide_pull_seconds',
      help: 'From a pull event read to its page sent.',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#push = new Histogram({
      name: 'citizen_guide_push_seconds',
      help: "From a batch's oldest mutation read to its changes pushed to every connected client.",
      buckets: LATENCY_BUCKETS,
      registers,
    });
  }

  /**
   * Names the node on every series (prom-client's default labels, added at each scrape), once
   * the server knows its port (metrics/node-id.ts).
   */
  /** The labels on every series: the node, and the centre on a municipal deployment. */
  setNode(node: string, centre?: string): void {
    this.registry.setDefaultLabels(centre ? { node, centre } : { node });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  /**
   * An answer to `mutate`. The name comes from the client: anything not in the catalogue is
   * counted as "unknown", so a hostile client cannot grow the label set without bound.
   */
  mutationAnswered(name: unknown, result: MutateResult, seconds?: number): void {
    const mutation = typeof name === 'string' && isMutationName(name) ? name : 'unknown';
    const code = result.status === 'applied' ? '' : result.code;
    this.#answers.inc({ mutation, status: result.status, code });
    if (seconds !== undefined) this.#mutate.observe(seconds);
  }

  pullServed(seconds: number): void {
    this.#pull.observe(seconds);
  }

  pushSent(seconds: number): void {
    this.#push.observe(seconds);
  }
}

/** A counter whose value another part of the server already keeps, read at each scrape. */
function counterOf(registers: Registry[], name: string, help: string, read: () => number): void {
  new Counter({
    name,
    help,
    registers,
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}
