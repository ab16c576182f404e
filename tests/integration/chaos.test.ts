/**
 * The short form of the chaos run (tests/chaos). On SQLite (one node): 8 kiosks, 600 operations,
 * 3 kills of the server, consent toggles, disconnects and one backup restored, in about a minute.
 * On PostgreSQL (TEST_DATABASE_URL, CI's Node 24 pass): two nodes behind a balancer, either one
 * killed in turn, shorter so the pass stays within its time (no restore: that is pg_restore's).
 * `npm run chaos` runs the long form with the same runner.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, runChaos } from '../chaos/runner.js';
import { freshTestDatabase, testDatabaseUrl } from '../helpers/test-database.js';

const seed = (): number => Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));

// One form per pass, by the store the pass runs on (so neither shows as a skipped test there).
describe('the centre under chaos', () => {
  if (!testDatabaseUrl())
    it(
      'keeps every invariant through kills, disconnects, consent changes and a restore',
      { timeout: 240_000 },
      async () => {
        const report = await runChaos({
          kiosks: 8,
          ops: 600,
          kills: 3,
          seed: seed(),
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
  else
    it(
      'keeps every invariant on two nodes when either is killed mid-stream',
      { timeout: 240_000 },
      async () => {
        const database = await freshTestDatabase();
        try {
          const report = await runChaos({
            kiosks: 6,
            ops: 300,
            kills: 2,
            seed: seed(),
            opsPerSecond: 15,
            settleTimeoutMs: 60_000,
            databaseUrl: database.url,
          });
          const printed = formatReport(report).join('\n');
          console.log(printed);
          expect(report.counts.kills).toBe(2);
          expect(report.counts['kills by node']).toEqual({ A: 1, B: 1 });
          expect(report.violations, printed).toEqual([]);
        } finally {
          await database.drop();
        }
      },
    );
});
