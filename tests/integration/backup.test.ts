/**
 * Backup and restore of the centre's database: a backup taken while kiosks write is a consistent
 * snapshot; restoring it brings back exactly that data under a new database identity, keeps the
 * replaced database aside, and refuses anything that is not a Citizen Guide backup.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { News } from '../../src/domain/model.js';
import { startServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import { backupDatabase, BackupError, restoreDatabase } from '../../src/server/store/backup.js';
import { readDatabaseIdentity } from '../../src/server/store/identity.js';
import { DB_FILE, openSqlite } from '../../src/server/store/sqlite.js';
import { readHead } from '../../src/server/store/store.js';
import { cli } from '../helpers/cli.js';
import { invariantViolations } from '../helpers/db-checks.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import {
  apply,
  freshDataDir,
  pullAll,
  replay,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-backup-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function server(): Promise<TestServer> {
  const t = await startTestServer();
  cleanup.push(() => t.close());
  return t;
}

const news = (i: number): News => ({
  id: `n${i}`,
  title: `Nyhed ${i}`,
  body: 'x'.repeat(500),
  media: [],
  publishAt: new Date().toISOString(),
  expiresAt: null,
  audience: { kind: 'all' },
});

/** Every row of every table but `server_meta` (which holds the identity), in a stable order. */
function dump(file: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = db
      .prepare(`select name from sqlite_master where type = 'table' order by name`)
      .all() as { name: string }[];
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      if (name === 'server_meta') continue;
      const rows = db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
      out[name] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

const identityIn = (file: string): string | undefined => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const row = db.prepare(`select value from server_meta where key = 'identity'`).get() as
      { value: string } | undefined;
    return row?.value;
  } finally {
    db.close();
  }
};

/** Staff writes news posts one after another until `stop()`; resolves with how many. */
function writeStream(staff: SyncSocket): { stop: () => Promise<number> } {
  let stopped = false;
  let n = 0;
  const done = (async () => {
    while (!stopped) await apply(staff, 'news.put', news(++n));
    return n;
  })();
  return {
    stop: () => {
      stopped = true;
      return done;
    },
  };
}

describe('backing up the database', () => {
  it('while kiosks write, copies a consistent snapshot that a restore brings back exactly, under a new identity', async () => {
    const t = await server();
    const staff = await t.staff();
    await seedResidents(staff, 3);
    await apply(staff, 'activity.put', activity('a1', { capacity: 2 }));
    for (const r of ['r1', 'r2', 'r3'])
      await apply(staff, 'signup.add', { activityId: 'a1', residentId: r });
    const identityBefore = await readDatabaseIdentity(t.server.store.db);
    const file = join(tempDir(), 'centre.backup');

    const stream = writeStream(staff);
    // Let the stream get going, then back up in the middle of it.
    await vi.waitFor(
      async () =>
        expect(
          (await t.server.store.db.selectFrom('news').select('id').execute()).length,
        ).toBeGreaterThanOrEqual(20),
      { timeout: 10_000, interval: 10 },
    );
    const info = await backupDatabase(t.dataDir, file);
    // And the stream goes on after it: these posts are not in the backup.
    const after = info.head + 10;
    await vi.waitFor(async () => expect(await readHead(t.server.store.db)).toBeGreaterThan(after), {
      timeout: 10_000,
      interval: 10,
    });
    const written = await stream.stop();

    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(info.bytes).toBeGreaterThan(0);
    // It holds what the database holds: only the server's user may read it.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const inBackup = dump(file);
    const backedUpNews = inBackup.news?.length ?? 0;
    // A snapshot from the middle of the stream: some posts before it, some after it.
    expect(backedUpNews).toBeGreaterThanOrEqual(20);
    expect(backedUpNews).toBeLessThan(written);
    {
      // Restored into a directory of its own (a new machine), the backup keeps every invariant.
      const copy = join(tempDir(), 'new-machine');
      await restoreDatabase(copy, file);
      const db = await openSqlite(copy);
      expect(await invariantViolations(db)).toEqual([]);
      await db.destroy();
    }

    await t.server.close();
    const before = dump(join(t.dataDir, DB_FILE));
    const restored = await restoreDatabase(t.dataDir, file);
    expect(restored.head).toBe(info.head);
    // The data is the backup's, row for row; only the identity is new.
    expect(dump(join(t.dataDir, DB_FILE))).toEqual(inBackup);
    expect(restored.identity).not.toBe(identityBefore);
    expect(restored.identity).not.toBe(identityIn(file));
    expect(identityIn(join(t.dataDir, DB_FILE))).toBe(restored.identity);
    expect(statSync(join(t.dataDir, DB_FILE)).mode & 0o777).toBe(0o600);
    // The replaced database is kept, complete, in case the restore was a mistake.
    expect(restored.previous).not.toBeNull();
    expect(dump(restored.previous as string)).toEqual(before);
    expect(before.news).toHaveLength(written);

    // The restarted server serves the backup's centre.
    t.server = await startServer({
      dataDir: t.dataDir,
      port: 0,
      logger: createLogger('silent'),
      uiDir: null,
    });
    t.url = t.server.url;
    const { changes } = await pullAll(await t.connect(await t.userToken('staff')));
    expect(replay(changes, 'news').size).toBe(backedUpNews);
    expect(replay(changes, 'signup').size).toBe(3);
  });

  it('refuses to write the backup over the database itself, or from a directory without one', async () => {
    const t = await server();
    await expect(backupDatabase(t.dataDir, join(t.dataDir, DB_FILE))).rejects.toThrow(
      /over the database itself/,
    );
    await expect(backupDatabase(tempDir(), join(tempDir(), 'x.backup'))).rejects.toThrow(
      /no database/,
    );
  });
});

describe('restoring a backup', () => {
  it('refuses a missing file, a file that is not a database, and a database that is not ours, leaving the centre as it was', async () => {
    const dataDir = freshDataDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const db = await openSqlite(dataDir);
    const identity = await readDatabaseIdentity(db);
    await db.destroy();
    const before = dump(join(dataDir, DB_FILE));
    const dir = tempDir();
    const garbage = join(dir, 'garbage.backup');
    writeFileSync(garbage, 'this is not a database at all, only text'.repeat(100));
    const foreign = join(dir, 'foreign.db');
    const other = new BetterSqlite3(foreign);
    other.exec('create table notes (id text primary key, body text)');
    other.close();

    for (const [file, message] of [
      [join(dir, 'missing.backup'), /no backup file/],
      [garbage, /cannot be opened|not a Citizen Guide database|damaged/],
      [foreign, /not a Citizen Guide database \(no change_log/],
    ] as const) {
      const err: unknown = await restoreDatabase(dataDir, file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackupError);
      expect((err as Error).message).toMatch(message);
    }
    expect(dump(join(dataDir, DB_FILE))).toEqual(before);
    expect(identityIn(join(dataDir, DB_FILE))).toBe(identity);
    expect(existsSync(join(dataDir, `${DB_FILE}.restoring`))).toBe(false);
  });
});

describe('the backup and restore commands', () => {
  it('back up to a file and restore from it, saying what they did; without a file they explain', () => {
    const dataDir = freshDataDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const file = join(tempDir(), 'centre.backup');
    const made = cli(
      'create-user',
      '--role',
      'staff',
      '--username',
      'mette',
      '--password',
      'hemmeligt1',
      '--data',
      dataDir,
    );
    expect(made.status).toBe(0);

    const backup = cli('backup', '--to', file, '--data', dataDir);
    expect(backup.out).toMatch(/Backed up .* to .*centre\.backup \(\d+ bytes, change log at 0\)/);
    expect(backup.status).toBe(0);
    // Made after the backup: gone after the restore.
    expect(
      cli(
        'create-user',
        '--role',
        'staff',
        '--username',
        'lis',
        '--password',
        'hemmeligt1',
        '--data',
        dataDir,
      ).status,
    ).toBe(0);

    const restore = cli('restore', '--from', file, '--data', dataDir);
    expect(restore.out).toMatch(/Restored .* from .*centre\.backup/);
    expect(restore.out).toMatch(/New database identity [0-9a-f-]{36}/);
    expect(restore.status).toBe(0);
    const users = dump(join(dataDir, DB_FILE)).app_user ?? [];
    expect(users.map((u) => (JSON.parse(u as string) as { username: string }).username)).toEqual([
      'mette',
    ]);

    const noTarget = cli('backup', '--data', dataDir);
    expect(noTarget.status).toBe(2);
    expect(noTarget.out).toMatch(/backup needs --to FILE/);
    const noSource = cli('restore', '--data', dataDir);
    expect(noSource.status).toBe(2);
    expect(noSource.out).toMatch(/restore needs --from FILE/);
    const missing = cli('restore', '--from', join(tempDir(), 'nope.backup'), '--data', dataDir);
    expect(missing.status).toBe(2);
    expect(missing.out).toMatch(/There is no backup file/);
  });
});
