/**
 * What the soak reads of the kiosk page through the DevTools protocol: its JS heap after forced
 * GCs, DOM nodes and JS event listeners, and whether its main thread is idle. The method is
 * tests/bench/kiosk-ui.ts's (its helper is private to that bench, owned elsewhere), held longer:
 * full GCs with a moment between them until neither the heap nor the listeners change any more, because
 * IndexedDB requests and the promise chains on them take several rounds to go (their finalisers
 * run as tasks), so "GC twice" still counts MiB of garbage right after a burst of updates.
 */
import type { CDPSession } from 'playwright-core';

export interface PageSample {
  heapBytes: number;
  domNodes: number;
  listeners: number;
  documents: number;
  gcs: number;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function metrics(cdp: CDPSession): Promise<(name: string) => number> {
  const { metrics: all } = await cdp.send('Performance.getMetrics');
  return (name) => all.find((m) => m.name === name)?.value ?? NaN;
}

/**
 * Needs `Performance.enable` on `cdp` first (openSoakKiosk does it). Settled means: three forced
 * GCs in a row, 600 ms apart, found the same number of listeners and no heap shrinking by more
 * than 1 %. Shorter gaps stopped early: for a second or two after a live change the page still
 * holds the previous render's results (React keeps the last tree until the next render, and the
 * wall clock renders once a second) and the IndexedDB requests of the queries behind them (each
 * with its listeners); measured here, a sample 250 ms apart read 533 listeners where one taken two
 * seconds later read 270, with nothing done in between.
 */
export async function samplePage(cdp: CDPSession): Promise<PageSample> {
  let heap = Infinity;
  let listeners = Infinity;
  let m = await metrics(cdp);
  let gcs = 0;
  let same = 0;
  while (gcs < 20) {
    await cdp.send('HeapProfiler.collectGarbage');
    gcs++;
    // The finalisers of what the GC found run as tasks: give them a moment before looking.
    await pause(600);
    const used = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    m = await metrics(cdp);
    same = used > heap * 0.99 && m('JSEventListeners') === listeners ? same + 1 : 0;
    heap = Math.min(heap, used);
    listeners = m('JSEventListeners');
    if (same >= 2) break;
  }
  return {
    heapBytes: heap,
    domNodes: m('Nodes'),
    listeners: m('JSEventListeners'),
    documents: m('Documents'),
    gcs,
  };
}

/** The page's main-thread busy time so far (CDP Performance TaskDuration), in ms. */
async function busyMs(cdp: CDPSession): Promise<number> {
  return (await metrics(cdp))('TaskDuration') * 1000;
}

/**
 * Until the page's main thread is idle: under 3 % busy in three 300 ms windows in a row (the
 * clock ticking costs about 1 %). Changes are in IndexedDB well before every live query has re-run
 * and rendered; a sample before that counts work in flight as growth.
 */
export async function waitIdle(cdp: CDPSession, maxMs = 30_000): Promise<boolean> {
  const t0 = performance.now();
  let last = await busyMs(cdp);
  let quiet = 0;
  while (performance.now() - t0 < maxMs) {
    await pause(300);
    const now = await busyMs(cdp);
    quiet = now - last < 9 ? quiet + 1 : 0;
    last = now;
    if (quiet >= 3) return true;
  }
  return false;
}

export interface HeapParts {
  /** The page's JS objects: objects, strings, arrays, closures (no code, nothing native). */
  objectBytes: number;
  /**
   * The native (Blink) objects the snapshot sizes beside them: DOM and layout objects, the
   * browser's performance-timeline buffers, the DevTools network records of Playwright's session.
   */
  nativeBytes: number;
  /** V8's code: bytecode, baseline and optimised machine code, their feedback and metadata. */
  codeBytes: number;
}

/**
 * The JS heap split by a heap snapshot (which collects garbage first) into objects and compiled
 * code. V8 goes on compiling and optimising the page's functions for hours of a day's work (by a
 * snapshot diff of hour 2 and hour 8: 0.6 MiB more InstructionStream, bytecode and feedback, and
 * nothing of the app's own), which is the engine warming up, bounded, and no leak; a leak is in
 * the objects.
 */
export async function heapParts(cdp: CDPSession): Promise<HeapParts> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }): void => {
    chunks.push(e.chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const code = types.indexOf('code');
  const native = types.indexOf('native');
  let objectBytes = 0;
  let nativeBytes = 0;
  let codeBytes = 0;
  const { nodes } = snapshot;
  for (let i = 0; i < nodes.length; i += width) {
    const size = nodes[i + sizeAt] ?? 0;
    const type = nodes[i + typeAt];
    if (type === code) codeBytes += size;
    else if (type === native) nativeBytes += size;
    else objectBytes += size;
  }
  return { objectBytes, nativeBytes, codeBytes };
}
