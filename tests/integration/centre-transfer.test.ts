/**
 * Moving a centre (issue 13): a centre on its own small server (SQLite) is exported whole, while
 * it runs, and imported into the municipal deployment's store (PostgreSQL on a TEST_DATABASE_URL
 * run, else a fresh SQLite folder). Nothing is lost: every row of every table and every media
 * blob arrive; a kiosk enrolled before keeps its token and resets its cache exactly once (a new
 * database identity), a relative's session still works. Every bad export is refused with words
 * and nothing written.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import { mediaDir } from '../../src/server/media/media-store.js';
import { openStore } from '../../src/server/store/open-store.js';
import type { Database } from '../../src/server/store/schema.js';
import { centreTables, exportCentre } from '../../src/server/transfer/export-centre.js';
import { MANIFEST_FILE, TransferError } from '../../src/server/transfer/format.js';
import { importCentre } from '../../src/server/transfer/import-centre.js';
import { cli } from '../helpers/cli.js';
import { databaseForDataDir, openTestStore, testStoreName } from '../helpers/test-database.js';
import {
  apply,
  freshDataDir,
  pullAll,
  startTestServer,
  welcomeOf,
  type TestServer,
} from '../helpers/test-server.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, read generically
type AnyDb = Kysely<any>;

/** A table's rows as comparable text: JSON records parsed (PostgreSQL's jsonb spaces them). */
async function rowsOf(db: Kysely<Database>, table: string): Promise<string[]> {
  const rows = (await (db as unknown as AnyDb).selectFrom(table).selectAll().execute()) as Record<
    string,
    unknown
  >[];
  const canonical = (v: unknown): unknown => {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        return canonical(JSON.parse(v));
      } catch {
        return v;
      }
    }
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, x]) => [k, canonical(x)]),
      );
    return v;
  };
  return rows
    .filter((r) => !(table === 'server_meta' && r.key === 'identity'))
    .map((r) => JSON.stringify(canonical(r)))
    .sort();
}

let source: TestServer;
let kioskToken: string;
let relativeToken: string;
let before: { identity: string; entities: number };
let exported: string;
const work = freshDataDir();

beforeAll(async () => {
  // The centre's own server: SQLite, whatever this run's store (databaseUrl '' keeps SQLite).
  const dir = freshDataDir();
  const store = await openStore({ dataDir: dir });
  await seedDemo(store.db, new Date(), { dataDir: dir });
  await store.close();
  source = await startTestServer({ dataDir: dir, databaseUrl: '' });
  kioskToken = await source.kioskToken('Gangen');
  relativeToken = await source.userToken('relative', ['r-anna']);
  const kiosk = await source.connect(kioskToken);
  const welcome = await welcomeOf(source.url, kioskToken);
  before = { identity: welcome.identity, entities: (await pullAll(kiosk)).changes.length };
  kiosk.disconnect();
  await apply(await source.staff(), 'wallnotice.put', {
    id: 'wn-move',
    text: 'Vi flytter til kommunens server i aften.',
    pictogram: null,
    kioskIds: null,
    until: new Date(Date.now() + 3_600_000).toISOString(),
  });
  // Exported while the server runs, as an operator would.
  exported = (await exportCentre(source.server.store.db, source.dataDir, join(work, 'birkely')))
    .dir;
}, 60_000);

afterAll(async () => {
  await source.close();
  rmSync(work, { recursive: true, force: true });
});

describe(`moving a centre into ${testStoreName()}`, () => {
  it('brings every row of every table and every media blob, and kiosks keep their tokens', async () => {
    const dst = freshDataDir();
    const target = await openTestStore(dst);
    const info = await importCentre(target.db, dst, exported);
    expect(info.centre?.name).toBeTruthy();
    for (const table of await centreTables(source.server.store.db))
      expect(await rowsOf(target.db, table), table).toEqual(
        await rowsOf(source.server.store.db, table),
      );
    await target.close();
    const blobs = readdirSync(mediaDir(source.dataDir)).filter((f) => /^[0-9a-f]{64}$/.test(f));
    expect(blobs.length).toBeGreaterThan(0);
    for (const blob of blobs)
      expect(readFileSync(join(mediaDir(dst), blob))).toEqual(
        readFileSync(join(mediaDir(source.dataDir), blob)),
      );

    const moved = await startTestServer({ dataDir: dst });
    try {
      // The same kiosk, with the token it had: a new identity, so it drops its cache once and
      // pulls from 0, and gets everything it had, and the change made before the move.
      const welcome = await welcomeOf(moved.url, kioskToken);
      expect(welcome.identity).not.toBe(before.identity);
      expect(welcome.identity).toBe(info.identity);
      const kiosk = await moved.connect(kioskToken);
      const { changes } = await pullAll(kiosk);
      expect(changes.length).toBe(before.entities + 1);
      expect(changes.some((c) => c.type === 'wallnotice' && c.id === 'wn-move')).toBe(true);
      // Its identity is stable from then on: one reset, not one per connection.
      expect((await welcomeOf(moved.url, kioskToken)).identity).toBe(info.identity);
      // A photo the kiosk may see is served by the new server.
      const photo = changes.find((c) => c.type === 'resident' && c.data?.photo)?.data?.photo;
      expect(typeof photo).toBe('string');
      const res = await fetch(`${moved.url}/media/${String(photo)}`, {
        headers: { authorization: `Bearer ${kioskToken}` },
      });
      expect(res.status).toBe(200);
      // A relative stays logged in.
      expect((await welcomeOf(moved.url, relativeToken)).role).toBe('relative');
      // New audit entries follow the imported ones (PostgreSQL's identity sequence moved on).
      await apply(await moved.staff(), 'wallnotice.del', { id: 'wn-move' });
    } finally {
      await moved.close();
    }
  });

  it('refuses a database that already holds a centre, and writes nothing', async () => {
    const dst = freshDataDir();
    const target = await openTestStore(dst);
    try {
      await importCentre(target.db, dst, exported);
      const audit = await rowsOf(target.db, 'audit');
      await expect(importCentre(target.db, dst, exported)).rejects.toThrow(
        /already holds a centre/,
      );
      expect(await rowsOf(target.db, 'audit')).toEqual(audit);
    } finally {
      await target.close();
      rmSync(dst, { recursive: true, force: true });
    }
  });

  /** A copy of the export, changed by `damage`; importing it must fail with `message`. */
  async function refusesDamaged(damage: (dir: string) => void, message: RegExp): Promise<void> {
    const copy = join(work, `damaged-${Math.random().toString(36).slice(2)}`);
    cpSync(exported, copy, { recursive: true });
    damage(copy);
    const dst = freshDataDir();
    const target = await openTestStore(dst);
    try {
      const err = await importCentre(target.db, dst, copy).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransferError);
      expect((err as Error).message).toMatch(message);
      const count = await (target.db as unknown as AnyDb)
        .selectFrom('resident')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
      expect(existsSync(mediaDir(dst))).toBe(false);
    } finally {
      await target.close();
      rmSync(dst, { recursive: true, force: true });
    }
  }

  const manifest = (dir: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Record<string, unknown>;
  const writeManifest = (dir: string, m: Record<string, unknown>): void =>
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(m));

  it('refuses a table file that was changed', () =>
    refusesDamaged((dir) => {
      const file = join(dir, 'tables', 'resident.jsonl');
      writeFileSync(file, readFileSync(file, 'utf8').replace('Anna', 'Anne'));
    }, /resident\.jsonl is damaged or was changed/));

  it('refuses an export with a media blob missing or damaged', async () => {
    const blob = (manifest(exported).media as { sha256: string }[])[0]?.sha256 ?? '';
    await refusesDamaged((dir) => rmSync(join(dir, 'media', blob)), /incomplete: .* is missing/);
    await refusesDamaged(
      (dir) => writeFileSync(join(dir, 'media', blob), 'not the photo'),
      /is damaged \(its content does not match its name\)/,
    );
  });

  it('refuses what is not an export, another version, or another schema', async () => {
    await refusesDamaged((dir) => rmSync(join(dir, MANIFEST_FILE)), /is not a centre export/);
    await refusesDamaged(
      (dir) => writeFileSync(join(dir, MANIFEST_FILE), '{ not json'),
      /is not readable JSON/,
    );
    await refusesDamaged(
      (dir) => writeManifest(dir, { ...manifest(dir), version: 2 }),
      /export version 2; this server reads version 1/,
    );
    await refusesDamaged(
      (dir) =>
        writeManifest(dir, {
          ...manifest(dir),
          migrations: [...(manifest(dir).migrations as string[]), '2027-01-01-future'],
        }),
      /made by a newer version .*2027-01-01-future/,
    );
    await refusesDamaged(
      (dir) =>
        writeManifest(dir, {
          ...manifest(dir),
          migrations: (manifest(dir).migrations as string[]).slice(0, -1),
        }),
      /made by an older version/,
    );
    await refusesDamaged(
      (dir) => writeManifest(dir, { ...manifest(dir), tables: { resident: { rows: 1 } } }),
      /does not describe an export: tables\.resident\.sha256/,
    );
  });

  it('never writes an export over an existing folder', async () => {
    await expect(exportCentre(source.server.store.db, source.dataDir, exported)).rejects.toThrow(
      /exists already/,
    );
    expect(existsSync(join(exported, MANIFEST_FILE))).toBe(true);
  });

  it('moves a centre with the command line, and says plainly what is wrong', async () => {
    const out = join(work, 'by-cli');
    const exp = cli('export-centre', '--to', out, '--data', source.dataDir);
    expect(exp.out).toMatch(/^Exported .* to .*by-cli: \d+ rows in \d+ tables, \d+ media files/m);
    expect(exp.status).toBe(0);
    const dst = freshDataDir();
    await databaseForDataDir(dst);
    const imp = cli('import-centre', '--from', out, '--data', dst);
    expect(imp.out).toMatch(/^Imported .*: \d+ rows, \d+ media files, change log at \d+\./m);
    expect(imp.out).toMatch(/kiosks keep their enrolment/);
    expect(imp.status).toBe(0);
    const again = cli('import-centre', '--from', out, '--data', dst);
    expect(again.status).toBe(2);
    expect(again.out).toMatch(/^Error: This database already holds a centre/);
    expect(again.out).not.toMatch(/\n\s+at /); // no stack trace
    expect(cli('import-centre', '--data', dst).out).toMatch(/import-centre needs --from DIR/);
    rmSync(dst, { recursive: true, force: true });
  });
});
