/**
 * The municipal admin's login on several nodes (issue 13: rate limits are shared state): a
 * guesser spread over two nodes gets the limit once, not once per node; ended sessions and
 * windows are forgotten by the directory's housekeeping. PostgreSQL only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMunicipalAdmin,
  MUNICIPAL_LOGIN_LIMIT,
} from '../../src/server/municipal/municipal-app.js';
import { limitsDb, type DirectoryDb } from '../../src/server/municipal/directory.js';
import { startDirectoryHousekeeping } from '../../src/server/municipal/housekeeping.js';
import { createLogger } from '../../src/server/logger.js';
import {
  BASE_DOMAIN,
  cookieOf,
  hostRequest,
  startDeployment,
  type Deployment,
} from '../helpers/municipal.js';

const deployments: Deployment[] = [];
afterEach(async () => {
  for (const d of deployments.splice(0)) await d.close();
});

const PASSWORD = 'correct horse battery';

describe('the municipal admin’s login on two nodes', () => {
  it('counts one guesser’s tries on both nodes together', async () => {
    const d = await startDeployment();
    deployments.push(d);
    const nodes = [d.nodes[0]!, await d.addNode()];
    await createMunicipalAdmin(nodes[0]!.shared.directory, 'kommune', PASSWORD);
    const login = (i: number, password: string) =>
      hostRequest(nodes[i % 2]!.port, BASE_DOMAIN, 'POST', '/api/municipal/login', {
        json: { username: 'kommune', password },
      });
    for (let i = 0; i < MUNICIPAL_LOGIN_LIMIT; i++)
      expect((await login(i, 'wrong guess')).status).toBe(401);
    // The eleventh, on either node, is refused before the password is even looked at.
    for (const i of [0, 1]) {
      const refused = await login(i, PASSWORD);
      expect(refused.status, refused.text).toBe(429);
      expect(refused.body).toMatchObject({ error: 'rate_limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('forgets ended sessions and ended windows', async () => {
    let now = new Date('2026-12-02T08:00:00Z');
    const d = await startDeployment({ now: () => now });
    deployments.push(d);
    const node = d.nodes[0]!;
    const db = node.shared.directory as DirectoryDb;
    await createMunicipalAdmin(db, 'kommune', PASSWORD);
    const login = await hostRequest(node.port, BASE_DOMAIN, 'POST', '/api/municipal/login', {
      json: { username: 'kommune', password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login);
    const sessions = async (): Promise<number> =>
      (await db.selectFrom('municipal_session').selectAll().execute()).length;
    const windows = async (): Promise<number> =>
      (await limitsDb(db).selectFrom('rate_window').selectAll().execute()).length;
    const housekeeping = startDirectoryHousekeeping(db, () => now, createLogger('silent'));
    try {
      await housekeeping.run();
      expect(await sessions()).toBe(1);
      expect(await windows()).toBe(1);

      now = new Date(now.getTime() + 13 * 3_600_000); // past the 12-hour session
      await housekeeping.run();
      expect(await sessions()).toBe(0);
      expect(await windows()).toBe(0);
      const after = await hostRequest(node.port, BASE_DOMAIN, 'GET', '/api/municipal/session', {
        headers: { cookie },
      });
      expect(after.status).toBe(401);
    } finally {
      housekeeping.stop();
    }
  });
});
