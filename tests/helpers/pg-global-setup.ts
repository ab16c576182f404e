/**
 * vitest global setup: on a run against PostgreSQL (TEST_DATABASE_URL), names the run (every
 * test database's name starts with it), migrates one template database that every test database
 * is copied from (tests/helpers/test-database.ts), and at the end drops every database of the
 * run, the template included. Nothing on SQLite.
 */
import {
  TEMPLATE_ENV,
  dropTestDatabases,
  makeTemplateDatabase,
  runPrefix,
  testDatabaseUrl,
} from './test-database.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  // Each vitest project inherits this setup: the first one makes the template, and drops it.
  if (!testDatabaseUrl() || process.env[TEMPLATE_ENV]) return undefined;
  runPrefix();
  // The test processes are started after this and inherit the run's name and its template.
  process.env[TEMPLATE_ENV] = await makeTemplateDatabase();
  return async () => {
    await dropTestDatabases();
  };
}
