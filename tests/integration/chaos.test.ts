/**
 * The short form of the chaos run (tests/chaos): 8 kiosks, 600 operations, 3 kills of the server, consent
 * toggles, disconnects and one backup restored, in about a minute. `npm run chaos` runs the long
 * form with the same runner.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, runChaos } from '../chaos/runner.js';

describe('the centre under chaos', () => {
  it(
    'keeps every invariant through kills, disconnects, consent changes and a restore',
    { timeout: 240_000 },
    async () => {
      const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
      const report = await runChaos({
        kiosks: 8,
        ops: 600,
        kills: 3,
        seed,
        opsPerSecond: 15,
        settleTimeoutMs: 60_000,
      });
      const printed = formatReport(report).join('\n');
      console.log(printed);
      expect(report.counts.kills).toBe(3);
      expect(report.counts.restores).toBe(1);
      expect(report.violations, printed).toEqual([]);
    },
  );
});
