/**
 * `migrate`: brings the database to this version's schema and says which migrations ran. The
 * server runs the same at start; running it first lets an upgrade be checked (and a failure
 * seen) before the service starts. Going back is restoring the backup taken before (README).
 */
import { migrate } from '../store/migrations.js';
import { databaseUrlFromEnv, openConfiguredDb } from '../store/open-store.js';
import { describeDatabaseUrl } from '../store/postgres.js';

export async function migrateCommand(
  dataDir: string,
  out: (line: string) => void,
): Promise<number> {
  const db = await openConfiguredDb(dataDir, { migrate: false });
  const url = databaseUrlFromEnv();
  const where = url ? describeDatabaseUrl(url) : dataDir;
  try {
    const applied = await migrate(db);
    if (applied.length === 0) out(`The database in ${where} is up to date; no migration ran.`);
    else {
      out(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${where}:`);
      for (const name of applied) out(`  ${name}`);
    }
    return 0;
  } finally {
    await db.destroy();
  }
}
