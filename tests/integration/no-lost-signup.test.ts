/**
 * Failure case 16 and "never a secret in the audit log": a handler that throws is answered with
 * the retryable `retry`/`internal`, never a final rejection, so the kiosk keeps the sign-up, sends
 * it again, and it is applied exactly once; a mutation stuck for long shows on the status.
 * And a PIN set through `resident.put` is audited as "set", never as its digits.
 */
import 'fake-indexeddb/auto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CacheDb, SyncEngine, type SyncStatus } from '../../src/client/index.js';
import type { MutationName } from '../../src/protocol/index.js';
import type { Handler } from '../../src/server/sync/handler.js';
import { activity, resident, seedResidents } from '../helpers/fixtures.js';
import { captureLog } from '../helpers/log-capture.js';
import { anyNumber, matching } from '../helpers/matchers.js';
import { withoutNodeLabel } from '../helpers/metrics-text.js';
import { openTestDb } from '../helpers/test-database.js';
import { apply, mutate, startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer;
const engines: SyncEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) {
    await e.stop();
    e.db.close();
  }
  await t.close();
});

const until = (fn: () => unknown, timeout = 10_000): Promise<unknown> =>
  vi.waitFor(fn, { timeout, interval: 20 });

/** Makes `signup.add` throw while `failing()` says so (a fault injected by the test). */
function faultySignUp(failing: () => boolean) {
  return <N extends MutationName>(name: N, handler: Handler<N>): Handler<N> =>
    name !== 'signup.add'
      ? handler
      : (ctx, args) => {
          if (failing()) throw new TypeError('injected fault: cannot read properties of undefined');
          return handler(ctx, args);
        };
}

describe('a handler that throws', () => {
  it('is answered retry/internal (not final), counted in /metrics, and the same id applies once it works', async () => {
    let attempts = 0;
    const log = captureLog('error');
    t = await startTestServer({
      logger: log.logger,
      wrapHandler: faultySignUp(() => ++attempts <= 2),
    });
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1'));
    const kiosk = await t.connect(await t.kioskToken());
    const id = crypto.randomUUID();
    const args = { activityId: 'a1', residentId: 'r1' };
    const first = await mutate(kiosk, 'signup.add', args, id);
    const second = await mutate(kiosk, 'signup.add', args, id);
    const third = await mutate(kiosk, 'signup.add', args, id);
    expect([first, second]).toEqual([
      expect.objectContaining({
        status: 'retry',
        code: 'internal',
        retryAfterMs: anyNumber(),
      }),
      expect.objectContaining({ status: 'retry', code: 'internal' }),
    ]);
    expect(third).toMatchObject({ status: 'applied', result: { signup: 'confirmed' } });
    expect(await mutate(kiosk, 'signup.add', args, id)).toEqual(third);
    const metrics = withoutNodeLabel(await (await fetch(`${t.url}/metrics`)).text());
    expect(metrics).toContain('citizen_guide_mutations_failed 2');
    expect(metrics).toContain(
      'citizen_guide_mutation_answers_total{mutation="signup.add",status="retry",code="internal"} 2',
    );
    expect(log.find(/mutation failed/)).toHaveLength(2);
    const db = t.server.store.db;
    expect(
      await db.selectFrom('processed_mutation').where('id', '=', id).selectAll().execute(),
    ).toHaveLength(1);
  });
});

describe('the kiosk engine, when the server fails its sign-up', () => {
  it('keeps it, retries, applies it exactly once, shows it pending then stuck, never as a rejection', async () => {
    let failing = true;
    let sends = 0;
    t = await startTestServer({
      wrapHandler: faultySignUp(() => {
        sends++;
        return failing;
      }),
    });
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1'));
    let clock = Date.now();
    const engine = new SyncEngine({
      url: t.url,
      token: await t.kioskToken(),
      db: new CacheDb(`no-lost-signup-${crypto.randomUUID()}`),
      ackTimeoutMs: 2000,
      backoff: { baseMs: 20, maxMs: 100 },
      now: () => new Date(clock),
    });
    engines.push(engine);
    const rejected: unknown[] = [];
    engine.on('rejected', (r) => rejected.push(r));
    const statuses: SyncStatus[] = [];
    engine.subscribe((s) => statuses.push(s));
    await engine.start();
    await until(async () => expect(await engine.db.activity.get('a1')).toBeDefined());

    await engine.mutate('signup.add', { activityId: 'a1', residentId: 'r1' });
    // The server answers "retry" (after 2 s each time): the entry stays, pending, with the error.
    await until(async () => {
      const [entry] = await engine.db.outbox.toArray();
      expect(entry).toMatchObject({
        state: 'pending',
        lastError: matching(/^internal/),
      });
      expect(entry?.attempts).toBeGreaterThanOrEqual(3);
    }, 15_000);
    expect(engine.getStatus()).toMatchObject({ pending: 1, stuck: 0 });
    // Hours later by the kiosk's clock, still failing: counted as stuck.
    clock += 3 * 3_600_000;
    await until(() => expect(engine.getStatus()).toMatchObject({ pending: 1, stuck: 1 }), 15_000);

    failing = false;
    await until(async () => expect(await engine.db.outbox.count()).toBe(0), 15_000);
    expect(engine.getStatus()).toMatchObject({ pending: 0, stuck: 0 });
    expect(await engine.db.signup.get('a1:r1')).toMatchObject({ status: 'confirmed' });
    expect(rejected).toEqual([]);
    expect(await engine.db.rejections.count()).toBe(0);
    const rows = await t.server.store.db.selectFrom('signup').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(sends).toBeGreaterThanOrEqual(4);
    expect(statuses.some((s) => s.stuck === 1)).toBe(true);
  }, 60_000);
});

describe('the audit log', () => {
  it('records "pin: set" / "removed", never the PIN, and logs never hold it', async () => {
    const log = captureLog('debug');
    t = await startTestServer({ logger: log.logger });
    const staff = await t.staff();
    await apply(staff, 'resident.put', { ...resident('r1'), pin: '4711' });
    await apply(staff, 'resident.put', { ...resident('r1'), pin: null });
    const rows = await t.server.store.db
      .selectFrom('audit')
      .select(['action', 'detail'])
      .where('action', '=', 'resident.put')
      .execute();
    expect(rows.map((r) => (JSON.parse(r.detail ?? '{}') as { pin?: unknown }).pin)).toEqual([
      'set',
      'removed',
    ]);
    expect(JSON.stringify(rows)).not.toContain('4711');
    expect(JSON.stringify(log.lines)).not.toContain('4711');
  });

  it('a database written before the fix has its audit PINs scrubbed by the migration', async () => {
    t = await startTestServer();
    const staff = await t.staff();
    await apply(staff, 'resident.put', resident('r1'));
    await t.server.close();
    // As the old audit writer left it: the args as sent, and one detail cut at 2,000 characters.
    const db = await openTestDb(t.dataDir);
    const old = (detail: string) => ({
      at: '2026-11-30T10:00:00.000Z',
      actor: 'user:x',
      action: 'resident.put',
      entity_type: 'resident',
      entity_id: 'r1',
      detail,
    });
    for (const detail of [
      JSON.stringify({ ...resident('r1'), pin: '4711' }),
      JSON.stringify({ ...resident('r2'), pin: null }),
      `{"id":"r3","pin":"98765","displayName":"${'x'.repeat(1990)}`.slice(0, 2000),
    ])
      await db.insertInto('audit').values(old(detail)).execute();
    await sql`delete from kysely_migration where name = ${'2026-12-02-scrub-audit-secrets'}`.execute(
      db,
    );
    await db.destroy();

    await t.restart();
    const details = (
      await t.server.store.db.selectFrom('audit').select('detail').orderBy('id').execute()
    ).map((r) => r.detail ?? '');
    expect(details.join('\n')).not.toMatch(/4711|98765/);
    expect(details.slice(-3).map((d) => /"pin":"(\w+)"/.exec(d)?.[1])).toEqual([
      'set',
      'removed',
      'set',
    ]);
  });
});
