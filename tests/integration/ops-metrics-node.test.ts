/**
 * /metrics per node (issue 13): every series says which node answered (the `node` label), so a
 * Prometheus scraping several nodes of one deployment can tell them apart and sum them; a bad
 * CITIZEN_GUIDE_NODE_ID is refused at start, plainly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import { NodeIdError } from '../../src/server/metrics/node-id.js';
import { DB_FILE } from '../../src/server/store/sqlite.js';
import { seedResidents } from '../helpers/fixtures.js';
import { serverCommand } from '../helpers/server-command.js';
import { freshDataDir, startTestServer, type TestServer } from '../helpers/test-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const t of servers.splice(0)) await t.close();
});

/** Every sample line of a Prometheus text answer (not the # HELP / # TYPE lines). */
const samples = (text: string): string[] =>
  text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('the node label on /metrics', () => {
  it('is on every series, with the node id set, over HTTP as a scraper reads it', async () => {
    const t = await startTestServer({ nodeId: 'node-a' });
    servers.push(t);
    const staff = await t.staff();
    await seedResidents(staff, 1);
    await t.connect(await t.kioskToken());
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    const lines = samples(await res.text());
    // The process's own metrics, labelled series, unlabelled ones and histogram buckets.
    expect(lines.length).toBeGreaterThan(50);
    for (const name of [
      'citizen_guide_connected_clients',
      'citizen_guide_uptime_seconds',
      'citizen_guide_mutate_seconds_bucket',
      'nodejs_eventloop_lag_seconds',
      'process_resident_memory_bytes',
    ])
      expect(
        lines.some((l) => l.startsWith(name)),
        name,
      ).toBe(true);
    const unlabelled = lines.filter((l) => !/\{(.*,)?node="node-a"(,.*)?\} /.test(l));
    expect(unlabelled).toEqual([]);
    expect(lines).toContain('citizen_guide_connected_clients{role="kiosk",node="node-a"} 1');
    expect(t.server.nodeId).toBe('node-a');
  });

  it('defaults to the host name and port, different for two nodes on one machine', async () => {
    const a = await startTestServer();
    servers.push(a);
    const b = await startTestServer();
    servers.push(b);
    for (const t of [a, b]) {
      const lines = samples(await (await fetch(`${t.url}/metrics`)).text());
      const node = `${hostname()}:${t.server.port}`;
      expect(t.server.nodeId).toBe(node);
      expect(lines.filter((l) => !l.includes(`node="${node}"`))).toEqual([]);
    }
    expect(a.server.nodeId).not.toBe(b.server.nodeId);
  });

  it('takes CITIZEN_GUIDE_NODE_ID from the environment', async () => {
    process.env.CITIZEN_GUIDE_NODE_ID = 'guide-b';
    try {
      const t = await startTestServer();
      servers.push(t);
      expect(await (await fetch(`${t.url}/metrics`)).text()).toMatch(
        /^citizen_guide_uptime_seconds\{node="guide-b"\} \d+$/m,
      );
    } finally {
      delete process.env.CITIZEN_GUIDE_NODE_ID;
    }
  });

  it('refuses a bad node id before anything opens', async () => {
    for (const bad of ['node a', 'a"b', '-x', 'a'.repeat(65)]) {
      const dataDir = freshDataDir();
      try {
        await expect(
          startServer({
            dataDir,
            port: 0,
            nodeId: bad,
            uiDir: null,
            logger: createLogger('silent'),
          }),
        ).rejects.toThrow(NodeIdError);
        // Nothing was opened or made: no database in the data directory.
        expect(existsSync(join(dataDir, DB_FILE))).toBe(false);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  });

  it('serve refuses a bad CITIZEN_GUIDE_NODE_ID with one clear line and exit code 2', () => {
    const dataDir = freshDataDir();
    try {
      const r = spawnSync(
        process.execPath,
        [...serverCommand(), 'serve', '--port', '0', '--data', dataDir],
        {
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, CITIZEN_GUIDE_NODE_ID: 'node a' },
        },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^Error: CITIZEN_GUIDE_NODE_ID must be 1–64 letters.*"node a"/m);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
