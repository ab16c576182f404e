/**
 * Prepares the Node 24 tree (node24.ts) as a process of its own, so run-tests.ts can do it in
 * the background while the Node 20 suites run: most of it is one single-threaded compile
 * (better-sqlite3, about a minute).
 */
import { prepareNode24 } from './node24.js';

prepareNode24();
