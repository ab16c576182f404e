/**
 * Entry of the bundle the catch-up benchmark loads into Chromium (built in memory by Vite as an
 * IIFE). It exposes `globalThis.cgBench.catchUp`, run with real IndexedDB.
 */
import { runCatchUp, type CatchUpArgs, type CatchUpOutcome } from './catch-up-run.js';

export interface BrowserBench {
  catchUp(args: CatchUpArgs): Promise<CatchUpOutcome>;
  idbWriteFloor(rows: number): Promise<number>;
}

/** Raw IndexedDB, one transaction, `rows` small records: the floor any catch-up stands on. */
async function idbWriteFloor(rows: number): Promise<number> {
  const name = `floor-${Date.now()}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () =>
      req.result.createObjectStore('news', { keyPath: 'id' }).createIndex('publishAt', 'publishAt');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('news', 'readwrite');
    const store = tx.objectStore('news');
    for (let i = 0; i < rows; i++) {
      store.put({
        id: `n${i}`,
        title: `Nyhed ${i}`,
        body: 'x'.repeat(200),
        publishAt: new Date(1e12 + i * 60_000).toISOString(),
      });
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('tx failed'));
  });
  const ms = performance.now() - t0;
  db.close();
  indexedDB.deleteDatabase(name);
  return ms;
}

const bench: BrowserBench = { catchUp: (args) => runCatchUp(args), idbWriteFloor };
(globalThis as { cgBench?: BrowserBench }).cgBench = bench;
