/**
 * Upgrades (issue 8 §4): `migrate` brings a database to this version and says which migrations
 * it applied; a database already up to date is left as it is; the server runs the same at start.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE, openSqlite } from '../../src/server/store/sqlite.js';
import { cli } from '../helpers/cli.js';
import { freshDataDir } from '../helpers/test-server.js';

let dataDir: string;
beforeEach(() => {
  dataDir = freshDataDir();
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('applies every migration to a new database, and none the second time', () => {
    const first = cli('migrate', '--data', dataDir);
    expect(first.status).toBe(0);
    expect(first.out).toMatch(/^Applied \d+ migrations to /m);
    expect(first.out).toMatch(/^ {2}2026-11-24-initial$/m);
    expect(first.out).toMatch(/^ {2}2026-12-03-media-ref$/m);
    const again = cli('migrate', '--data', dataDir);
    expect(again).toMatchObject({
      status: 0,
      out: expect.stringMatching(/is up to date; no migration ran/) as unknown,
    });
  });

  it('applies only what an older database lacks, and the server then opens it as is', async () => {
    // A database from before the media_ref migration: made by today's code, that step undone.
    await (await openSqlite(dataDir)).destroy();
    const raw = new BetterSqlite3(join(dataDir, DB_FILE));
    raw.exec(
      "drop table media_ref; delete from kysely_migration where name = '2026-12-03-media-ref';",
    );
    raw.close();
    const r = cli('migrate', '--data', dataDir);
    expect(r).toMatchObject({ status: 0 });
    expect(r.out).toMatch(/^Applied 1 migration to .*:\n {2}2026-12-03-media-ref$/m);
    const db = await openSqlite(dataDir);
    expect(await db.selectFrom('media_ref').selectAll().execute()).toEqual([]);
    await db.destroy();
  });
});
