/**
 * Entry of the bundle the catch-up benchmark loads into Chromium (built in memory by Vite as an
 * IIFE). It exposes `globalThis.cgBench.catchUp`, run with real IndexedDB (the raw floor beside
 * it is browser.ts's `rawFloor`, evaluated in the same page).
 */
import { runCatchUp, type CatchUpArgs, type CatchUpOutcome } from './catch-up-run.js';

export interface BrowserBench {
  catchUp(args: CatchUpArgs): Promise<CatchUpOutcome>;
}

const bench: BrowserBench = { catchUp: (args) => runCatchUp(args) };
(globalThis as { cgBench?: BrowserBench }).cgBench = bench;
