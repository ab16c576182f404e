/**
 * Prepares the Node 24 tree (node24.ts) as a process of its own, so run-tests.ts can do it in
 * the background while the Node 20 suites run: most of it is waiting on the registry and one
 * single-threaded compile (better-sqlite3), which leaves a core free on a 2-core machine.
 */
import { prepareNode24 } from './node24.js';

prepareNode24();
