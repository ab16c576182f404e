/**
 * The PostgreSQL store as an operator meets it (README "PostgreSQL instead of SQLite"):
 * DATABASE_URL selects it for the CLI; a wrong or unreachable address is one line without the
 * password; `migrate` on a new database; and the SQLite behaviours the code relies on hold there
 * (text order, JSON and counts read as SQLite gives them). PostgreSQL only (TEST_DATABASE_URL),
 * except the refusals, which need no server at all.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/server/store/open-store.js';
import type { Store } from '../../src/server/store/store.js';
import { mutationSamples } from '../helpers/mutation-samples.js';
import { serverCommand } from '../helpers/server-command.js';
import { freshTestDatabase, testDatabaseUrl } from '../helpers/test-database.js';
import { freshDataDir, mutate, startTestServer, type TestServer } from '../helpers/test-server.js';

/** The CLI with exactly this DATABASE_URL (the CLI helper would set the test's own). */
function cliWith(databaseUrl: string, ...args: string[]): { status: number | null; out: string } {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  const r = spawnSync(process.execPath, [...serverCommand(), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dir = (): string => {
  const d = freshDataDir();
  dirs.push(d);
  return d;
};

describe('a DATABASE_URL that cannot be used', () => {
  it.each([
    [
      'nothing listens there',
      'postgres://guide:hunter2secret@127.0.0.1:1/citizen_guide',
      /^Error: cannot open the PostgreSQL store at postgres:\/\/guide@127\.0\.0\.1:1\/citizen_guide: connection refused/,
    ],
    [
      'no socket in that directory',
      'postgres:///citizen_guide?host=/nonexistent-cg-socket-dir',
      /^Error: cannot open the PostgreSQL store at postgres:\/\/\/citizen_guide\?host=\/nonexistent-cg-socket-dir: no PostgreSQL socket/,
    ],
    [
      'not a PostgreSQL address',
      'mysql://guide:hunter2secret@db/citizen_guide',
      /^Error: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//,
    ],
  ])('(%s) stops serve and migrate with one line, never the password', (_why, url, said) => {
    for (const command of ['migrate', 'serve']) {
      const data = dir();
      const r = cliWith(url, command, '--data', data, '--port', '0');
      expect(r.status, r.out).toBe(2);
      expect(r.out.trim().split('\n')).toHaveLength(1);
      expect(r.out).toMatch(said);
      expect(r.out).not.toContain('hunter2secret');
      expect(r.out).not.toMatch(/\n\s+at /);
    }
  });
});

describe.skipIf(!testDatabaseUrl())('the PostgreSQL store', () => {
  it('is what DATABASE_URL selects: migrate makes the tables once, the CLI and a server use them', async () => {
    const database = await freshEmptyDatabase();
    const data = dir();
    const first = cliWith(database, 'migrate', '--data', data);
    expect(first.status, first.out).toBe(0);
    expect(first.out).toMatch(/^Applied \d+ migrations to postgres:\/\/\/cg_t_\w+/);
    expect(first.out).toContain('2026-11-24-initial');
    const again = cliWith(database, 'migrate', '--data', data);
    expect(again.out).toMatch(/is up to date; no migration ran/);
    const created = cliWith(
      database,
      'create-user',
      '--role',
      'staff',
      '--username',
      'pg-staff',
      '--password',
      'a long enough pass',
      '--data',
      data,
    );
    expect(created.status, created.out).toBe(0);
    // A server on the same address finds the login the CLI made: they share the database.
    const t: TestServer = await startTestServer({ dataDir: data, databaseUrl: database });
    cleanups.unshift(() => t.close());
    const res = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pg-staff', password: 'a long enough pass' }),
    });
    expect(res.status).toBe(200);
    expect(t.server.store.dialect).toBe('postgres');
  });

  it('orders text bytewise and reads JSON and counts as SQLite does', async () => {
    const store = await freshStore();
    const ids = ['ab', 'a-b', 'B', 'a', 'Æble', 'a b', 'A'];
    for (const id of ids)
      await store.db
        .insertInto('group')
        .values({ id, data: JSON.stringify({ id, name: `Gruppe ${id}`, n: 1 }) })
        .execute();
    const ordered = await store.db
      .selectFrom('group')
      .select(['id', 'data'])
      .orderBy('id')
      .execute();
    // SQLite's order: the UTF-8 bytes (so capitals first, and 'Æ' after every ASCII letter).
    const bytewise = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(ordered.map((r) => r.id)).toEqual(bytewise);
    // Whatever the database's default collation (this cluster's may be C.UTF-8 already, a
    // municipality's en_US.UTF-8 would sort 'a-b' after 'ab'), the columns carry "C" themselves.
    const collations = await sql<{ table_name: string; column_name: string; c: string | null }>`
      select table_name, column_name, collation_name as c from information_schema.columns
      where table_schema = current_schema() and data_type = 'text'
        and table_name in ('group', 'change_log', 'processed_mutation', 'audit')`.execute(store.db);
    expect(collations.rows.length).toBeGreaterThan(8);
    expect(collations.rows.filter((r) => r.c !== 'C')).toEqual([]);
    // jsonb comes back as text the app parses, with the record it was given.
    expect(typeof ordered[0]?.data).toBe('string');
    expect(JSON.parse(ordered[0]!.data)).toEqual({ id: 'A', name: 'Gruppe A', n: 1 });
    const count = await store.db
      .selectFrom('group')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(ids.length);
    const head = await sql<{ head: unknown }>`select head from sync_state`.execute(store.db);
    expect(head.rows[0]?.head).toBe(0);
    // LIKE on an exact-case prefix, as the audit filter uses it.
    const like = await store.db
      .selectFrom('group')
      .select('id')
      .where('id', 'like', 'a%')
      .execute();
    expect(like.map((r) => r.id).sort()).toEqual(['a', 'a b', 'a-b', 'ab']);
  });
});

describe('U+0000, which PostgreSQL does not store', () => {
  it.skipIf(!testDatabaseUrl())(
    'in stored text is a final invalid on PostgreSQL, not a retry forever',
    async () => {
      const t = await startTestServer();
      cleanups.unshift(() => t.close());
      const staff = await t.staff();
      const sample = mutationSamples['news.put'];
      const [bad, good] = await Promise.all([
        mutate(staff, 'news.put', { ...sample, id: 'n-nul', title: 'a\u0000b' }),
        mutate(staff, 'news.put', { ...sample, id: 'n-fine' }),
      ]);
      expect(bad).toMatchObject({ status: 'rejected', code: 'invalid' });
      expect(good).toMatchObject({ status: 'applied' });
    },
  );
});

describe.skipIf(!testDatabaseUrl())('U+0000 over HTTP on PostgreSQL', () => {
  it('in a login name is a client error (400 invalid), not a server failure', async () => {
    const t = await startTestServer();
    cleanups.unshift(() => t.close());
    const res = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'a\u0000b', password: 'whatever it is' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid' });
  });
});

/** An empty database (no tables: `migrate` makes them), dropped after the test. */
async function freshEmptyDatabase(): Promise<string> {
  const made = await freshTestDatabase();
  cleanups.push(made.drop);
  // Copied from the migrated template: empty it, so migrate starts from nothing.
  const store = await openStore({ dataDir: '', databaseUrl: made.url, migrate: false });
  await sql`drop schema public cascade`.execute(store.db);
  await sql`create schema public`.execute(store.db);
  await store.close();
  return made.url;
}

async function freshStore(): Promise<Store> {
  const made = await freshTestDatabase();
  const store = await openStore({ dataDir: '', databaseUrl: made.url });
  cleanups.push(async () => {
    await store.close();
    await made.drop();
  });
  return store;
}
