/**
 * GET /metrics (issue 8 §4): Prometheus text through prom-client, one registry per server, only
 * for this machine or the metrics token; /healthz says only "ok".
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { withoutNodeLabel } from '../helpers/metrics-text.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import {
  apply,
  freshDataDir,
  mutate,
  pull,
  rawEmitWithAck,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const t of servers.splice(0)) await t.close();
});

async function server(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const t = await startTestServer(opts);
  servers.push(t);
  return t;
}

/** The value of one sample line, e.g. `citizen_guide_connected_clients{role="kiosk"}`. */
function sample(text: string, name: string): number | undefined {
  const line = withoutNodeLabel(text)
    .split('\n')
    .find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('the metrics a server reports', () => {
  it('counts clients by role, answers by mutation and code, latencies, the change log and the process', async () => {
    const t = await server();
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await apply(staff, 'activity.put', activity('a1', { capacity: 1, waitlist: false }));
    const kiosk = await t.connect(await t.kioskToken());
    await t.connect(await t.kioskToken('Second'));
    expect(await mutate(kiosk, 'signup.add', { activityId: 'a1', residentId: 'r1' })).toMatchObject(
      { status: 'applied' },
    );
    // A kiosk may not write activities: rejected/forbidden.
    expect(await mutate(kiosk, 'activity.put', activity('a2'))).toMatchObject({
      code: 'forbidden',
    });
    // A name outside the catalogue is counted as "unknown", never as the name sent.
    const bogus = `x.${randomUUID()}`;
    expect(
      await rawEmitWithAck(kiosk, 'mutate', [{ id: randomUUID(), name: bogus, args: {} }]),
    ).toMatchObject({ code: 'invalid' });
    await pull(kiosk, 0);

    const text = await t.server.metrics.text();
    expect(t.server.metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'citizen_guide_connected_clients{role="kiosk"}')).toBe(2);
    expect(sample(text, 'citizen_guide_connected_clients{role="staff"}')).toBe(1);
    expect(sample(text, 'citizen_guide_connected_clients{role="relative"}')).toBe(0);
    expect(
      sample(
        text,
        'citizen_guide_mutation_answers_total{mutation="signup.add",status="applied",code=""}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'citizen_guide_mutation_answers_total{mutation="activity.put",status="rejected",code="forbidden"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'citizen_guide_mutation_answers_total{mutation="unknown",status="rejected",code="invalid"}',
      ),
    ).toBe(1);
    expect(text).not.toContain(bogus);
    // seedResidents + activity.put + signup.add: each applied and answered, timed.
    expect(sample(text, 'citizen_guide_mutate_seconds_count')).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'citizen_guide_pull_seconds_count')).toBe(1);
    expect(sample(text, 'citizen_guide_push_seconds_count')).toBeGreaterThanOrEqual(3);
    const head = sample(text, 'citizen_guide_change_log_head');
    expect(head).toBeGreaterThan(0);
    expect(sample(text, 'citizen_guide_change_log_rows')).toBeGreaterThan(0);
    expect(sample(text, 'citizen_guide_mutations_applied')).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'citizen_guide_mutations_failed')).toBe(0);
    expect(sample(text, 'citizen_guide_speech_cache_bytes')).toBe(0);
    expect(sample(text, 'citizen_guide_speech_cache_clips')).toBe(0);
    expect(sample(text, 'citizen_guide_speech_renders')).toBe(0);
    expect(withoutNodeLabel(text)).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(withoutNodeLabel(text)).toMatch(/^citizen_guide_uptime_seconds \d+$/m);
  });

  it('keeps each server its own numbers when two run in one process', async () => {
    const a = await server();
    const b = await server();
    await a.connect(await a.kioskToken());
    expect(
      sample(await a.server.metrics.text(), 'citizen_guide_connected_clients{role="kiosk"}'),
    ).toBe(1);
    expect(
      sample(await b.server.metrics.text(), 'citizen_guide_connected_clients{role="kiosk"}'),
    ).toBe(0);
  });

  it('refuses a metrics token too short to protect anything', async () => {
    await expect(startTestServer({ metricsToken: 'short' })).rejects.toThrow(/at least 16/);
  });
});

/** An address of this machine that is not loopback, as another machine on the LAN would use. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a?.family === 'IPv4' && !a.internal)?.address;

const TOKEN = 'metrics-token-for-the-test-0123';

describe('GET /metrics and /healthz', () => {
  it('/healthz says only ok', async () => {
    const t = await server();
    await t.connect(await t.kioskToken());
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers this machine in Prometheus text, but not a request a local proxy forwarded', async () => {
    const t = await server();
    await t.connect(await t.kioskToken());
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(await res.text(), 'citizen_guide_connected_clients{role="kiosk"}')).toBe(1);
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const proxied = await fetch(`${t.url}/metrics`, { headers: { [header]: '203.0.113.9' } });
      expect(proxied.status, header).toBe(403);
      expect(await proxied.json()).toMatchObject({ error: 'forbidden' });
    }
  });

  it('answers anyone with the metrics token, and nobody with a wrong one', async () => {
    const t = await server({ metricsToken: TOKEN });
    const get = (headers: Record<string, string>) => fetch(`${t.url}/metrics`, { headers });
    expect(
      (await get({ authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.9' })).status,
    ).toBe(200);
    expect((await get({ authorization: `Bearer ${TOKEN}x` })).status).toBe(403);
    expect((await get({ authorization: 'Bearer ', 'x-forwarded-for': '203.0.113.9' })).status).toBe(
      403,
    );
  });

  it.skipIf(lanAddress === undefined)(
    'refuses another machine on the network without the token',
    async () => {
      const t = await server({ host: '0.0.0.0', metricsToken: TOKEN });
      const url = `http://${lanAddress}:${t.server.port}`;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const refused = await fetch(`${url}/metrics`);
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toMatch(/citizen_guide_/);
      expect(
        (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
      ).toBe(200);
    },
  );
});

describe('serve settings for operations', () => {
  it('refuses a short metrics token or a bad --audit-days before starting', () => {
    const dataDir = freshDataDir();
    try {
      expect(cli('serve', '--metrics-token', 'short', '--data', dataDir)).toMatchObject({
        status: 2,
        out: expect.stringMatching(/metrics token needs at least 16 characters/) as unknown,
      });
      for (const days of ['0', 'abc', '1e3', '1.5'])
        expect(cli('serve', '--audit-days', days, '--data', dataDir), days).toMatchObject({
          status: 2,
          out: expect.stringMatching(/--audit-days must be a whole number of days/) as unknown,
        });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
