/**
 * The directory's rows that have run out, deleted now and then by every node (the deletes are
 * idempotent): ended municipal sessions and ended rate-limit windows of the admin's login. As a
 * centre's own (cluster/housekeeping.ts), this only keeps the tables small: an ended session is
 * refused anyway, and an ended window starts again at its next use.
 */
import { HOUSEKEEPING_EVERY_MS } from '../cluster/housekeeping.js';
import { WindowCounters } from '../http/limits.js';
import type { Logger } from '../logger.js';
import { limitsDb, purgeMunicipalSessions, type DirectoryDb } from './directory.js';

export function startDirectoryHousekeeping(
  db: DirectoryDb,
  now: () => Date,
  logger: Logger,
  everyMs = HOUSEKEEPING_EVERY_MS,
): { stop(): void; run(): Promise<void> } {
  const counters = new WindowCounters(limitsDb(db), () => now().getTime());
  const run = async (): Promise<void> => {
    await Promise.all([purgeMunicipalSessions(db, now()), counters.purge()]);
  };
  const timer = setInterval(() => {
    run().catch((err: unknown) =>
      logger.warn({ err }, 'could not purge ended municipal sessions and rate-limit windows'),
    );
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), run };
}
