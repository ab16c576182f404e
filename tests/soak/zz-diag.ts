import { writeFileSync } from 'node:fs';
import { runSoak } from './soak.js';
async function main() {
  const keep = new Set([1, 7]);
  const report = await runSoak({
    start: Date.UTC(2027, 2, 27, 11, 0),
    hours: 7,
    warmupHours: 1,
    realMsPerHour: 8000,
    stepMs: 30_000,
    updateEveryMs: 15_000,
    night: 'off',
    dropRealMs: 800,
    heapSnapshots: true,
    log: (l) => console.log(l),
    afterSample: async (hour, kiosk) => {
      if (!keep.has(hour)) return;
      const chunks: string[] = [];
      const on = (e: { chunk: string }) => chunks.push(e.chunk);
      kiosk.cdp.on('HeapProfiler.addHeapSnapshotChunk', on);
      await kiosk.cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      kiosk.cdp.off('HeapProfiler.addHeapSnapshotChunk', on);
      writeFileSync(`/tmp/soakdiag/h${hour}.heapsnapshot`, chunks.join(''));
    },
  });
  console.log(JSON.stringify(report.growth));
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
