/**
 * A guard for Dexie's live-query cache (Dexie 4.4.7). The cache subscribes a live query's query
 * to its cache entry and lets go of it when the live query's signal aborts, through an 'abort'
 * listener: one added to a signal that has already aborted never fires. A live query that ends
 * while its query is on its way (a screen that unmounts mid-read) thus left its query subscribed
 * for good, with its listener and its last result: on the kiosk about one an hour, the soak found.
 *
 * This middleware sits above the cache and answers such a query with Dexie's AbortError, which
 * an ended live query never reports (it ignores whatever comes after it was aborted), so the
 * query never reaches the cache.
 */
import { Dexie, type DBCore, type Middleware } from 'dexie';

/** The live query the current Dexie zone belongs to, if any, as Dexie's cache reads it. */
const liveQuerySignal = (): AbortSignal | undefined =>
  (Dexie.Promise as unknown as { PSD?: { signal?: AbortSignal } }).PSD?.signal;

export const abortedQueryGuard: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'AbortedQueryGuard',
  // Above Dexie's cache (level 0): called before it.
  level: 1,
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      return {
        ...table,
        query: (req) =>
          liveQuerySignal()?.aborted
            ? Promise.reject(new Dexie.AbortError('the live query had ended'))
            : table.query(req),
      };
    },
  }),
};
