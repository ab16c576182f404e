/**
 * The chaos run's hold on two server nodes on one PostgreSQL database (issue 13): each node its
 * own process (the CLI's `serve` with DATABASE_URL), behind a test load balancer that spreads new
 * connections over the nodes and skips one that is down. A kill SIGKILLs the nodes in turn, so
 * either node dies while its clients are mid-stream and they move to the other, then comes back
 * on the same port. The same surface as ServerControl, without backup and restore (on PostgreSQL
 * that is pg_dump's business, not this run's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withDefaultUser } from '../../src/server/store/postgres.js';
import { startBalancer, type Balancer } from '../helpers/balancer.js';
import { freePort, spawnServer, type ChildServer } from '../helpers/child-server.js';
import type { BackupSnapshot } from './server-control.js';

interface Node {
  name: string;
  port: number;
  dataDir: string;
  child: ChildServer | null;
}

export class ClusterControl {
  kills = 0;
  restarts = 0;
  readonly restores = 0;
  /** The database never changes identity here (no restore). */
  readonly epoch = 0;
  /** Kills by node name. */
  readonly killsByNode: Record<string, number> = {};
  #nodes: Node[] = [];
  #balancer: Balancer | null = null;
  #pool: pg.Pool | null = null;
  #turn = 0;

  private constructor(readonly databaseUrl: string) {}

  static async create(databaseUrl: string): Promise<ClusterControl> {
    const c = new ClusterControl(databaseUrl);
    for (const name of ['A', 'B'])
      c.#nodes.push({
        name,
        port: await freePort(),
        dataDir: mkdtempSync(join(tmpdir(), `cg-nodes-chaos-${name}-`)),
        child: null,
      });
    c.#balancer = await startBalancer(
      c.#nodes.map((n) => n.port),
      { roundRobin: true },
    );
    return c;
  }

  get url(): string {
    return this.#balancer!.url;
  }

  /** How many connections went to each node. */
  connectionsByNode(): Record<string, number> {
    return Object.fromEntries(
      this.#nodes.map((n) => [n.name, this.#balancer!.counts.get(n.port) ?? 0]),
    );
  }

  /** Starts every node that is not running. */
  async start(): Promise<void> {
    await Promise.all(this.#nodes.map((n) => this.#startNode(n)));
  }

  async #startNode(n: Node): Promise<void> {
    if (n.child) return;
    n.child = await spawnServer(n.dataDir, n.port, 60_000, [], undefined, {
      DATABASE_URL: this.databaseUrl,
    });
  }

  /** SIGKILLs the next node in turn, keeps it down for `downMs`, and starts it again. */
  async killAndRestart(downMs: number): Promise<void> {
    const n = this.#nodes[this.#turn++ % this.#nodes.length]!;
    const child = n.child;
    if (!child) return;
    n.child = null;
    await child.kill9();
    this.kills += 1;
    this.killsByNode[n.name] = (this.killsByNode[n.name] ?? 0) + 1;
    await new Promise((r) => setTimeout(r, downMs));
    await this.#startNode(n);
    this.restarts += 1;
  }

  /** Stops every node cleanly (SIGTERM). */
  async stop(): Promise<void> {
    await Promise.all(
      this.#nodes.map(async (n) => {
        const child = n.child;
        n.child = null;
        await child?.stop();
      }),
    );
  }

  backup(_file: string): Promise<BackupSnapshot> {
    return Promise.reject(
      new Error('no backup on two nodes: on PostgreSQL that is pg_dump, not this run'),
    );
  }

  restore(_snapshot: BackupSnapshot): Promise<void> {
    return Promise.reject(
      new Error('no restore on two nodes: on PostgreSQL that is pg_restore, not this run'),
    );
  }

  /** The change-log head right now, read from the database. */
  async head(): Promise<number> {
    this.#pool ??= new pg.Pool({ connectionString: withDefaultUser(this.databaseUrl), max: 1 });
    const r = await this.#pool.query<{ head: string }>('select head from sync_state where id = 1');
    return Number(r.rows[0]?.head ?? 0);
  }

  output(): string {
    return this.#nodes.map((n) => `node ${n.name}:\n${n.child?.output() ?? ''}`).join('\n');
  }

  /** Ends the balancer and the head reader, and removes the nodes' data directories. */
  async dispose(): Promise<void> {
    await this.#balancer?.close();
    await this.#pool?.end();
    this.#pool = null;
    for (const n of this.#nodes) rmSync(n.dataDir, { recursive: true, force: true });
  }
}
