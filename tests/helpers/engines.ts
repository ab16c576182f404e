/**
 * Real client sync engines (Dexie on fake-indexeddb) for integration tests, each with its own
 * database, stopped and closed together after the test.
 */
import 'fake-indexeddb/auto';
import { CacheDb, SyncEngine } from '../../src/client/index.js';

let dbCount = 0;

export interface Engines {
  /** A new engine for `token` against `url`, not started. */
  make(url: string, token: string, name?: string): SyncEngine;
  /** Stops and closes every engine made so far. */
  stopAll(): Promise<void>;
}

export function engines(): Engines {
  const made: SyncEngine[] = [];
  return {
    make(url, token, name = 'engine') {
      const engine = new SyncEngine({
        url,
        token,
        db: new CacheDb(`it-${process.pid}-${++dbCount}-${name}`),
        ackTimeoutMs: 2000,
        backoff: { baseMs: 20, maxMs: 300 },
      });
      made.push(engine);
      return engine;
    },
    async stopAll() {
      for (const e of made.splice(0)) {
        await e.stop();
        e.db.close();
      }
    },
  };
}
