/**
 * Two nodes on one PostgreSQL database lose the adapter's connection (issue 13): the backends
 * that LISTEN for the adapter are ended (`pg_terminate_backend`, as a database restart or a
 * network cut would). The nodes keep running, clients keep converging meanwhile (each node
 * notices the moved head by its periodic check), and once the adapter has reconnected on its own
 * the nodes are joined again (a revocation on A disconnects a kiosk on B at once).
 *
 * PostgreSQL only (TEST_DATABASE_URL); see two-node.test.ts.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangesPush } from '../../src/protocol/index.js';
import { withDefaultUser } from '../../src/server/store/postgres.js';
import { readHead } from '../../src/server/store/store.js';
import { freshTestDatabase, testDatabaseUrl } from '../helpers/test-database.js';
import {
  apply,
  disconnected,
  pullAll,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

const until = (fn: () => unknown, timeout = 10_000): Promise<unknown> =>
  vi.waitFor(fn, { timeout, interval: 25 });

const news = (id: string) => ({
  id,
  title: id,
  body: 'Kaffe i haven',
  media: [],
  publishAt: new Date(Date.now() - 60_000).toISOString(),
  expiresAt: null,
  audience: { kind: 'all' as const },
});

/** A kiosk's view: its cursor and the news it holds, kept from pushes (and a pull on a gap). */
function follow(socket: SyncSocket, from: number) {
  const view = { cursor: from, ids: new Set<string>(), pulls: 0 };
  socket.on('changes', (push: ChangesPush) => {
    if (push.after !== view.cursor) {
      // A gap: the protocol's answer is a pull from the cursor.
      view.pulls += 1;
      void pullAll(socket, view.cursor).then(({ changes, cursor }) => {
        for (const c of changes) if (c.type === 'news') view.ids.add(c.id);
        view.cursor = Math.max(view.cursor, cursor);
      });
      return;
    }
    for (const c of push.changes) if (c.type === 'news') view.ids.add(c.id);
    view.cursor = push.cursor;
  });
  return view;
}

describe.runIf(testDatabaseUrl())('the adapter’s database connection dropped and restored', () => {
  let drop: () => Promise<void>;
  let databaseName: string;
  let a: TestServer;
  let b: TestServer;
  let admin: pg.Client;

  beforeEach(async () => {
    const database = await freshTestDatabase();
    drop = database.drop;
    databaseName = new URL(database.url).pathname.slice(1);
    const opts = { databaseUrl: database.url, revocationPollMs: 60_000, headPollMs: 200 };
    a = await startTestServer(opts);
    b = await startTestServer(opts);
    admin = new pg.Client({ connectionString: withDefaultUser(testDatabaseUrl()!) });
    await admin.connect();
  });
  afterEach(async () => {
    await admin.end();
    await a.close();
    await b.close();
    await drop();
  });

  /** The backends LISTENing for the adapters of this test's database. */
  const listeners = async (): Promise<number[]> =>
    (
      await admin.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = $1 and query ilike 'listen%'`,
        [databaseName],
      )
    ).rows.map((r) => r.pid);

  it('keeps clients converging meanwhile and joins the nodes again afterwards', async () => {
    await until(async () => expect(await listeners()).toHaveLength(2));
    const kiosk = await b.connect(await b.kioskToken('Stuen'));
    const view = follow(kiosk, (await pullAll(kiosk)).cursor);
    const staff = await a.staff();

    const dropped = await listeners();
    for (const pid of dropped) await admin.query('select pg_terminate_backend($1)', [pid]);
    // Both nodes are still here and still take mutations and pushes.
    for (let i = 0; i < 5; i++) await apply(staff, 'news.put', news(`while-${i}`));
    const head = await readHead(a.server.store.db);
    await until(() => expect(view.cursor).toBe(head));
    expect([...view.ids].sort()).toEqual([0, 1, 2, 3, 4].map((i) => `while-${i}`));

    // The adapter reconnects by itself (new backends LISTEN again) ...
    await until(async () => {
      const now = await listeners();
      expect(now).toHaveLength(2);
      expect(now.some((pid) => dropped.includes(pid))).toBe(false);
    });
    // ... and the nodes are joined again: a revocation on A reaches B's kiosk at once (the
    // sweep that would find it alone is a minute away).
    const { token, deviceId } = await b.enrolKiosk('Gangen');
    const revoked = await b.connect(token);
    const gone = disconnected(revoked, 3000);
    await apply(staff, 'device.revoke', { deviceId });
    expect(await gone).toBe('io server disconnect');
    // And the posts after it still arrive.
    await apply(staff, 'news.put', news('after'));
    const last = await readHead(a.server.store.db);
    await until(() => expect(view.cursor).toBe(last));
    expect(view.ids.has('after')).toBe(true);
  });
});
