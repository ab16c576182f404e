/**
 * Backup and restore on PostgreSQL (README "Backup and restore on PostgreSQL"), with the tools
 * the README names: `pg_dump --format=custom` of a running centre, `pg_restore` into a new
 * database, the server started on it. The restored database must get a new identity
 * (ops/restored-database.ts) so that a kiosk drops the cache it built from changes the restore
 * took away, keeps its outbox, and converges on what the restored centre holds, even after the
 * restored head has grown past the kiosk's cursor again. PostgreSQL only (TEST_DATABASE_URL).
 */
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CacheDb, readCursor, SyncEngine } from '../../src/client/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import { settleDatabaseIdentity } from '../../src/server/ops/restored-database.js';
import { openStore } from '../../src/server/store/open-store.js';
import { withDefaultUser } from '../../src/server/store/postgres.js';
import { readHead } from '../../src/server/store/store.js';
import { activity, relativesConsent, resident, seedResidents } from '../helpers/fixtures.js';
import { freshTestDatabase, testDatabaseUrl, withDatabase } from '../helpers/test-database.js';
import {
  apply,
  freshDataDir,
  pullAll,
  replay,
  startTestServer,
  welcomeOf,
  type SyncSocket,
} from '../helpers/test-server.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const until = (fn: () => unknown): Promise<unknown> =>
  vi.waitFor(fn, { timeout: 15_000, interval: 25 });

/** A new, empty database of ours (`cg_ops_…`), as an operator makes one to restore into. */
async function emptyDatabase(): Promise<string> {
  const name = `cg_ops_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDefaultUser(testDatabaseUrl()!) });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template template0`);
  } finally {
    await admin.end();
  }
  cleanup.push(async () => {
    const c = new pg.Client({ connectionString: withDefaultUser(testDatabaseUrl()!) });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`).finally(() => c.end());
  });
  return withDatabase(testDatabaseUrl()!, name);
}

/** The libpq tools take the same address as the server (DATABASE_URL). */
const tool = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { encoding: 'utf8', timeout: 60_000, stdio: 'pipe' });

const visible = (id: string) => ({
  ...resident(id, { wallConsent: true }),
  consent: relativesConsent,
});

describe.runIf(testDatabaseUrl())('backup and restore on PostgreSQL', () => {
  it('pg_dump -Fc, more changes, pg_restore into a new database: a kiosk resets its cache once, keeps its outbox and converges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-ops-dump-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const source = await freshTestDatabase();
    cleanup.push(() => source.drop());
    const t = await startTestServer({ databaseUrl: source.url });
    cleanup.push(() => t.close());
    const staff = await t.staff();
    await seedResidents(staff, 2);
    await apply(staff, 'activity.put', activity('a1'));
    const { token } = await t.enrolKiosk('Restored kiosk');
    const identityBefore = (await welcomeOf(t.url, token)).identity;

    const resets: string[] = [];
    const cacheName = `ops-pg-restore-${randomBytes(4).toString('hex')}`;
    const kiosk = async (): Promise<SyncEngine> => {
      const engine = new SyncEngine({
        url: t.url,
        token,
        db: new CacheDb(cacheName),
        ackTimeoutMs: 2000,
        backoff: { baseMs: 50, maxMs: 300 },
        // The engine says each time it drops its cache: on a new identity in `welcome` (warn),
        // or on a pull page under another view key (info).
        logger: {
          warn: (msg) => {
            if (/rebuilding the cache/.test(msg)) resets.push(msg);
          },
          info: (msg) => {
            if (/rebuilding the cache/.test(msg)) resets.push(msg);
          },
        },
      });
      cleanup.push(async () => {
        await engine.stop();
        engine.db.close();
      });
      await engine.start();
      return engine;
    };
    const k = await kiosk();
    await until(async () => expect(await k.db.activity.get('a1')).toBeDefined());

    // The backup, while the server runs: pg_dump reads one consistent snapshot.
    const dump = join(dir, 'centre.dump');
    tool('pg_dump', ['--format=custom', `--file=${dump}`, `--dbname=${source.url}`]);

    // After the backup: a resident the restore will take away, which the kiosk has.
    await apply(staff, 'resident.put', visible('r-after-backup'));
    await until(async () => expect(await k.db.resident.get('r-after-backup')).toBeDefined());
    const kioskCursor = await readCursor(k.db);

    // The server stops; the kiosk signs a resident up offline (its outbox), and is turned off.
    await t.server.close();
    t.server.close = () => Promise.resolve();
    await until(() => expect(k.getStatus().state).toBe('offline'));
    await k.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    expect(await k.db.outbox.count()).toBe(1);
    await k.stop();

    // Restore into a new database and start the server on it, as the README says.
    const target = await emptyDatabase();
    // From standard input, as README's command reads it.
    execFileSync('pg_restore', ['--exit-on-error', '--no-owner', `--dbname=${target}`], {
      input: readFileSync(dump),
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    await t.restart({ databaseUrl: target });
    const staffAfter = await t.staff();
    // The restored centre moves on until its head is past where the kiosk's cursor was: only
    // the identity can now tell the kiosk that its cache follows a log that is gone.
    let n = 0;
    do await apply(staffAfter, 'resident.put', visible(`r-restored-${++n}`));
    while ((await readHead(t.server.store.db)) <= kioskCursor);
    expect((await welcomeOf(t.url, token)).identity).not.toBe(identityBefore);

    // The kiosk is turned on again: its token still works (the device is in the backup).
    const k2 = await kiosk();
    await until(async () => expect(await k2.db.outbox.count()).toBe(0));
    const probe: SyncSocket = await t.connect(token);
    const truth = replay((await pullAll(probe, 0)).changes, 'resident');
    await until(async () =>
      expect((await k2.db.resident.toArray()).map((r) => r.id).sort()).toEqual(
        [...truth.keys()].sort(),
      ),
    );
    expect(truth.has('r-after-backup')).toBe(false);
    expect(truth.has(`r-restored-${n}`)).toBe(true);
    // Once: the first pull meets the new view key (it digests the identity) and starts over;
    // the welcome handled after it must not start over again.
    expect(resets).toHaveLength(1);
    // The outbox's sign-up was applied once, on the restored centre.
    const { changes } = await pullAll(staffAfter, 0);
    expect(replay(changes, 'signup').get('a1:r1')).toMatchObject({ status: 'confirmed' });
    expect(replay(changes, 'activity').get('a1')?.confirmedCount).toBe(1);
    await until(async () =>
      expect(await k2.db.signup.get('a1:r1')).toMatchObject({ status: 'confirmed' }),
    );
  }, 60_000);

  it('pg_restore --clean into the same database is a restore too: a new identity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-ops-dump-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = await freshTestDatabase();
    cleanup.push(() => db.drop());
    const t = await startTestServer({ databaseUrl: db.url });
    cleanup.push(() => t.close());
    const token = await t.kioskToken();
    const before = (await welcomeOf(t.url, token)).identity;
    const dump = join(dir, 'centre.dump');
    tool('pg_dump', ['--format=custom', `--file=${dump}`, `--dbname=${db.url}`]);
    await t.server.close();
    t.server.close = () => Promise.resolve();
    tool('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${db.url}`, dump]);
    await t.restart();
    expect((await welcomeOf(t.url, token)).identity).not.toBe(before);
  }, 60_000);

  it('first starts racing on a new database, on two pools, settle on one identity', async () => {
    const db = await freshTestDatabase();
    cleanup.push(() => db.drop());
    const stores = await Promise.all(
      [1, 2].map(() => openStore({ dataDir: '', databaseUrl: db.url })),
    );
    cleanup.push(() => Promise.all(stores.map((s) => s.close())));
    const log = createLogger('silent');
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) => settleDatabaseIdentity(stores[i % 2]!, log)),
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('several nodes starting at once on a new database settle on one identity, kept across restarts', async () => {
    const db = await freshTestDatabase();
    cleanup.push(() => db.drop());
    const start = (): Promise<RunningServer> =>
      startServer({
        dataDir: freshDataDir(),
        databaseUrl: db.url,
        port: 0,
        uiDir: null,
        logger: createLogger('silent'),
      });
    const servers = await Promise.all([start(), start(), start(), start()]);
    const closeAll = async (): Promise<void> => {
      for (const s of servers.splice(0)) await s.close();
    };
    cleanup.push(closeAll);
    const identities = async (): Promise<Set<string>> => {
      const t = await startTestServer({ databaseUrl: db.url });
      const token = await t.kioskToken();
      const seen = new Set<string>();
      for (const s of servers) seen.add((await welcomeOf(s.url, token)).identity);
      seen.add((await welcomeOf(t.url, token)).identity);
      await t.close();
      return seen;
    };
    const first = await identities();
    expect(first.size).toBe(1);
    // A restart on the same database is no restore: the identity stays.
    await closeAll();
    servers.push(await start());
    expect(await identities()).toEqual(first);
  }, 60_000);
});
