/**
 * vitest global setup: on a run against PostgreSQL (TEST_DATABASE_URL), migrates one template
 * database that every test database is copied from (tests/helpers/test-database.ts), and drops
 * it at the end. Nothing on SQLite.
 */
import {
  TEMPLATE_ENV,
  dropTestDatabases,
  makeTemplateDatabase,
  testDatabaseUrl,
} from './test-database.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (!testDatabaseUrl()) return undefined;
  const name = await makeTemplateDatabase();
  // The test processes are started after this and inherit it.
  process.env[TEMPLATE_ENV] = name;
  return async () => {
    await dropTestDatabases([name]);
  };
}
