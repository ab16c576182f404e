/**
 * Runs before every test file of the `node` project (vitest.config.ts). Those files share their
 * worker's module cache (`isolate: false`), so Dexie is evaluated once per worker, by whichever
 * file imports it first, and takes IndexedDB from the global scope at that moment: the fake must
 * be there before any file runs, not only in the files that import it themselves.
 */
import 'fake-indexeddb/auto';
