/**
 * The chaos run's hold on the server process: start it, SIGKILL it and start it again on the same
 * port and data directory, back up its database while it runs, and restore a backup with it
 * stopped (a new database epoch). Every step waits for the real thing (the process exited, the
 * server listens) rather than for a fixed time.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { backupDatabase, restoreDatabase } from '../../src/server/store/backup.js';
import { DB_FILE } from '../../src/server/store/sqlite.js';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';

export interface BackupSnapshot {
  file: string;
  /** performance.now() when the backup began and ended. */
  startedAt: number;
  finishedAt: number;
  head: number;
  /** The mutation outcomes the backup holds, by id (outcome JSON as stored). */
  outcomes: Map<string, string>;
}

export class ServerControl {
  child: ChildServer | null = null;
  kills = 0;
  restarts = 0;
  restores = 0;
  /** Which database the server has: 0 until the first restore, then 1, … */
  epoch = 0;

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  async start(): Promise<void> {
    if (this.child) return;
    this.child = await spawnServer(this.dataDir, this.port, 60_000);
  }

  /** SIGKILL, down for `downMs` (kiosks queue meanwhile), then up again on the same port. */
  async killAndRestart(downMs: number): Promise<void> {
    await this.kill();
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
    this.restarts += 1;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    await child.kill9();
    this.kills += 1;
  }

  /** Stops the server cleanly (SIGTERM). */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    await child?.stop();
  }

  /** An online backup while the server runs, and what it holds. */
  async backup(file: string): Promise<BackupSnapshot> {
    const startedAt = performance.now();
    const info = await backupDatabase(this.dataDir, file);
    const finishedAt = performance.now();
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      const rows = db.prepare('select id, outcome from processed_mutation').all() as {
        id: string;
        outcome: string;
      }[];
      return {
        file,
        startedAt,
        finishedAt,
        head: info.head,
        outcomes: new Map(rows.map((r) => [r.id, r.outcome])),
      };
    } finally {
      db.close();
    }
  }

  /**
   * The operator's restore: the server goes down (here by SIGKILL, so a WAL full of changes made
   * after the backup is left behind, the hard case), the backup replaces the database, and the
   * server starts again on it with a new identity.
   */
  async restore(snapshot: BackupSnapshot): Promise<void> {
    const child = this.child;
    this.child = null;
    await child?.kill9();
    this.epoch += 1;
    await restoreDatabase(this.dataDir, snapshot.file);
    this.restores += 1;
    await this.start();
    this.restarts += 1;
  }

  /** The change-log head right now, read from the database file beside the running server. */
  head(): number {
    const db = new BetterSqlite3(join(this.dataDir, DB_FILE), { readonly: true });
    try {
      const row = db.prepare('select head from sync_state where id = 1').get() as
        { head: number } | undefined;
      return Number(row?.head ?? 0);
    } finally {
      db.close();
    }
  }

  output(): string {
    return this.child?.output() ?? '';
  }
}
