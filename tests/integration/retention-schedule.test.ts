/**
 * Retention (issue 8 §4): expired and logged-out sessions, used and expired enrolment codes,
 * mutation ids past 30 days and audit rows past the audit retention are purged once at start and
 * then on one timer. The clock and the timer are fake; the database is real.
 */
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/server/logger.js';
import {
  DEFAULT_AUDIT_RETENTION_DAYS,
  RETENTION_INTERVAL_MS,
  startRetention,
  type Retention,
} from '../../src/server/ops/retention.js';
import { openTestDb } from '../helpers/test-database.js';
import { dialectOf } from '../../src/server/store/dialect.js';
import type { Store } from '../../src/server/store/store.js';
import { freshDataDir, startTestServer } from '../helpers/test-server.js';

const DAY = 86_400_000;
const T0 = Date.parse('2027-03-01T12:00:00Z');
let clock = T0;
const now = (): Date => new Date(clock);
const iso = (ms: number): string => new Date(ms).toISOString();

let dataDir: string;
let store: Store;
let retention: Retention | null = null;
beforeEach(async () => {
  clock = T0;
  dataDir = freshDataDir();
  const db = await openTestDb(dataDir);
  store = { db, dialect: dialectOf(db), close: () => db.destroy() };
});
afterEach(async () => {
  await retention?.stop();
  retention = null;
  vi.useRealTimers();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const session = (id: string, expiresMs: number, revoked = 0) =>
  store.db
    .insertInto('session')
    .values({
      token_hash: id,
      user_id: 'u1',
      created_at: iso(T0 - DAY),
      expires_at: iso(expiresMs),
      revoked,
    })
    .execute();
const code = (id: string, expiresMs: number, usedMs: number | null = null) =>
  store.db
    .insertInto('enrol_code')
    .values({
      code_hash: id,
      device_id: `d-${id}`,
      expires_at: iso(expiresMs),
      used_at: usedMs === null ? null : iso(usedMs),
    })
    .execute();
const processed = (id: string, atMs: number) =>
  store.db
    .insertInto('processed_mutation')
    .values({
      id,
      principal: 'device:d1',
      name: 'signup.add',
      outcome: '{}',
      created_at: iso(atMs),
    })
    .execute();
const audit = (actor: string, atMs: number) =>
  store.db
    .insertInto('audit')
    .values({
      at: iso(atMs),
      actor,
      action: 'login',
      entity_type: null,
      entity_id: null,
      detail: null,
    })
    .execute();

const left = async () => ({
  sessions: (await store.db.selectFrom('session').select('token_hash').execute())
    .map((r) => r.token_hash)
    .sort(),
  codes: (await store.db.selectFrom('enrol_code').select('code_hash').execute())
    .map((r) => r.code_hash)
    .sort(),
  mutations: (await store.db.selectFrom('processed_mutation').select('id').execute())
    .map((r) => r.id)
    .sort(),
  audit: (await store.db.selectFrom('audit').select('actor').execute()).map((r) => r.actor).sort(),
});

describe('retention', () => {
  it('purges what is past its time once at start, keeps the rest, and purges again on its timer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await session('expired', T0 - 1);
    await session('logged-out', T0 + DAY, 1);
    await session('valid', T0 + DAY);
    await session('valid-3h', T0 + 3 * 3600_000);
    await code('used', T0 + 60_000, T0 - 60_000);
    await code('expired', T0 - 1);
    await code('open', T0 + 5 * 60_000);
    await processed('m-31d', T0 - 31 * DAY);
    await processed('m-29d', T0 - 29 * DAY);
    await audit('a-3y', T0 - 3 * 365 * DAY);
    await audit('a-1y', T0 - 365 * DAY);

    retention = startRetention(store, now, createLogger('silent'));
    // The purge at start (run() joins the one already running).
    expect(await retention.run()).toEqual({ sessions: 2, enrolCodes: 2, mutations: 1, audit: 1 });
    expect(await left()).toEqual({
      sessions: ['valid', 'valid-3h'],
      codes: ['open'],
      mutations: ['m-29d'],
      audit: ['a-1y'],
    });

    // Nothing more before the interval; at 6 h the 3-hour session, the open code and (now past
    // 30 days) nothing else are gone.
    clock = T0 + RETENTION_INTERVAL_MS - 1;
    vi.advanceTimersByTime(RETENTION_INTERVAL_MS - 1);
    expect((await left()).sessions).toEqual(['valid', 'valid-3h']);
    clock = T0 + RETENTION_INTERVAL_MS;
    vi.advanceTimersByTime(1);
    // The timer's purge runs its deletes one after another (on PostgreSQL each one a round
    // trip): wait for all of them.
    await vi.waitFor(async () =>
      expect(await left()).toEqual({
        sessions: ['valid'],
        codes: [],
        mutations: ['m-29d'],
        audit: ['a-1y'],
      }),
    );

    // Two days on, the 29-day mutation id passes 30 days at a later tick.
    clock = T0 + 2 * DAY;
    vi.advanceTimersByTime(8 * RETENTION_INTERVAL_MS);
    await vi.waitFor(async () => expect((await left()).mutations).toEqual([]));
  });

  it('keeps the audit for the configured age (default two years)', async () => {
    expect(DEFAULT_AUDIT_RETENTION_DAYS).toBe(730);
    await audit('a-800d', T0 - 800 * DAY);
    await audit('a-700d', T0 - 700 * DAY);
    await audit('a-100d', T0 - 100 * DAY);
    retention = startRetention(store, now, createLogger('silent'), { auditDays: 365 });
    await retention.run();
    expect((await left()).audit).toEqual(['a-100d']);
  });

  it('refuses an audit retention below one day', () => {
    for (const auditDays of [0, -5, Number.NaN])
      expect(() => startRetention(store, now, createLogger('silent'), { auditDays })).toThrow(
        /at least 1 day/,
      );
  });

  it('runs when the server starts', async () => {
    await session('expired', Date.now() - 1);
    await session('valid', Date.now() + DAY);
    await store.close();
    const t = await startTestServer({ dataDir });
    try {
      await vi.waitFor(async () =>
        expect(
          (await t.server.store.db.selectFrom('session').select('token_hash').execute()).map(
            (r) => r.token_hash,
          ),
        ).toEqual(['valid']),
      );
    } finally {
      await t.close();
      // afterEach closes a store and removes its directory: give it a fresh one.
      dataDir = freshDataDir();
      const db = await openTestDb(dataDir);
      store = { db, dialect: dialectOf(db), close: () => db.destroy() };
    }
  });
});
