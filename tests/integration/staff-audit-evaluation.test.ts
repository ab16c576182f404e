/**
 * The staff admin's reads that are not in the change log (issue 9): the audit (who changed what
 * and when, by person, kind and day, a page at a time, never a PIN) and the evaluation (per
 * week: what residents did themselves on the wall against what staff did for them, read-aloud
 * presses, kiosk use by hour; counts only, never a name), as JSON and CSV. Staff only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../src/domain/rules/days.js';
import type { AuditItem, EvaluationReport } from '../../src/protocol/operations.js';
import {
  apply,
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

const TZ = 'Europe/Copenhagen';
let t: TestServer;
let staff: SyncSocket;
let staffToken: string;
let kioskToken: string;
const today = () => dayOf(new Date(), TZ);

const get = (path: string, token: string | null = staffToken) =>
  fetch(`${t.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

beforeAll(async () => {
  t = await startTestServer();
  staffToken = await t.userToken('staff');
  staff = await t.connect(staffToken);
  kioskToken = await t.kioskToken();
  const start = new Date(Date.now() + 86_400_000);
  for (const id of ['r1', 'r2'])
    await apply(staff, 'resident.put', {
      id,
      displayName: id === 'r1' ? 'Inger Madsen' : 'Poul Berg',
      photo: null,
      pictogram: null,
      groupIds: [],
      wallConsent: true,
      mealSignUp: true,
      pin: id === 'r2' ? '4321' : null,
    });
  await apply(staff, 'activity.put', {
    id: 'a1',
    title: 'Gåtur',
    description: '',
    pictogram: null,
    place: 'Haven',
    start: start.toISOString(),
    end: new Date(start.getTime() + 3_600_000).toISOString(),
    capacity: null,
    waitlist: false,
    signupDeadline: null,
    audience: { kind: 'all' },
    recurrence: null,
  });
});
afterAll(async () => {
  await t.close();
});

describe('the audit log', () => {
  it('shows who changed what, newest first, with the person’s name, and never a PIN', async () => {
    const res = await get('/api/audit?kind=resident');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: AuditItem[]; next: number | null };
    expect(items.map((i) => i.entityId)).toEqual(['r2', 'r1']);
    expect(items[0]?.actorName).toMatch(/^staff-/);
    expect(items[0]?.action).toBe('resident.put');
    expect((items[0]?.detail as { pin: string }).pin).toBe('set');
    expect(JSON.stringify(items)).not.toContain('4321');
  });

  it('filters by person and day, and pages with next', async () => {
    const all = (await (await get('/api/audit')).json()) as { items: AuditItem[] };
    const actor = all.items.find((i) => i.action === 'activity.put')?.actor ?? '';
    const mine = (await (
      await get(`/api/audit?actor=${encodeURIComponent(actor)}&day=${today()}`)
    ).json()) as { items: AuditItem[] };
    expect(mine.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(mine.items.map((i) => i.actor))).toEqual(new Set([actor]));
    const none = (await (await get('/api/audit?day=2020-01-01')).json()) as { items: AuditItem[] };
    expect(none.items).toEqual([]);
    const first = (await (await get('/api/audit?limit=2')).json()) as {
      items: AuditItem[];
      next: number;
    };
    expect(first.items).toHaveLength(2);
    const second = (await (await get(`/api/audit?limit=2&before=${first.next}`)).json()) as {
      items: AuditItem[];
    };
    expect(second.items[0]?.id).toBeLessThan(first.items[1]?.id ?? 0);
  });

  it('is for staff only, and refuses bad filters', async () => {
    expect((await get('/api/audit', kioskToken)).status).toBe(403);
    expect((await get('/api/audit', await t.userToken('relative', ['r1']))).status).toBe(403);
    expect((await get('/api/audit', null)).status).toBe(401);
    expect((await get('/api/audit?day=yesterday')).status).toBe(400);
    expect((await get('/api/audit?limit=5000')).status).toBe(400);
    expect((await get('/api/audit?kind=DROP%20TABLE')).status).toBe(400);
    expect((await get('/api/audit?what=1')).status).toBe(400);
  });
});

describe('the evaluation', () => {
  it('counts what residents did on the wall against what staff did for them, and read-aloud presses', async () => {
    const kiosk = await t.connect(kioskToken);
    await apply(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' });
    await apply(kiosk, 'signup.cancel', { activityId: 'a1', residentId: 'r1' });
    await apply(staff, 'signup.add', { activityId: 'a1', residentId: 'r2' });
    // A refused mutation is not counted.
    expect(
      await mutate(kiosk, 'signup.add', { activityId: 'nope', residentId: 'r1' }),
    ).toMatchObject({ status: 'rejected' });
    for (let i = 0; i < 2; i++) {
      const used = await fetch(`${t.url}/api/speech/used`, {
        method: 'POST',
        headers: { authorization: `Bearer ${kioskToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(used.status).toBe(204);
    }
    const res = await get(`/api/evaluation?from=${today()}&to=${today()}`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as EvaluationReport;
    expect(report.weeks).toHaveLength(1);
    const week = report.weeks[0];
    expect(week?.counts.signup).toEqual({ wall: 1, staff: 1, relative: 0 });
    expect(week?.counts.cancel).toEqual({ wall: 1, staff: 0, relative: 0 });
    expect(week?.speech).toBe(2);
    // Two kiosk mutations applied and two presses, in this hour.
    expect(report.kioskByHour.reduce((a, b) => a + b, 0)).toBe(4);
    expect(JSON.stringify(report)).not.toMatch(/Inger|Poul|r1|r2/);
  });

  it('downloads as CSV, by week and by hour', async () => {
    const weeks = await get(`/api/evaluation.csv?from=${today()}&to=${today()}`);
    expect(weeks.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(weeks.headers.get('content-disposition')).toMatch(
      /attachment; filename="evaluation-weeks-/,
    );
    const lines = (await weeks.text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^week_starting,signup_wall,signup_staff,/);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},1,1,0,1,0,0,/);
    const hours = await get(`/api/evaluation.csv?from=${today()}&to=${today()}&table=hours`);
    expect((await hours.text()).split('\r\n')[0]).toBe('hour,kiosk_use');
  });

  it('is for staff only, and refuses bad periods', async () => {
    const q = `?from=${today()}&to=${today()}`;
    expect((await get(`/api/evaluation${q}`, kioskToken)).status).toBe(403);
    expect((await get(`/api/evaluation${q}`, null)).status).toBe(401);
    expect((await get('/api/evaluation?from=2026-12-10&to=2026-12-01')).status).toBe(400);
    expect((await get('/api/evaluation?from=2020-01-01&to=2026-12-01')).status).toBe(400);
    expect((await get('/api/evaluation?from=x&to=y')).status).toBe(400);
    expect((await get('/api/evaluation')).status).toBe(400);
    const relative = await t.userToken('relative', ['r1']);
    const used = await fetch(`${t.url}/api/speech/used`, {
      method: 'POST',
      headers: { authorization: `Bearer ${relative}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(used.status).toBe(403);
  });
});
