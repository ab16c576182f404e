/**
 * The municipal admin's page (src/ui/municipal, built to dist/ui/municipal) is served at the
 * deployment's base domain only: `/` and its assets, under the same strict CSP as every front
 * end, the page revalidated on each load and the assets cached an hour. A centre's address never
 * serves it (its own server answers there), and the admin's API, /healthz and /metrics answer as
 * before. PostgreSQL only (a municipal deployment).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre } from '../../src/server/municipal/centres.js';
import {
  BASE_DOMAIN,
  hostRequest,
  startDeployment,
  type Deployment,
} from '../helpers/municipal.js';

const PAGE = '<!doctype html><title>municipal admin page</title>';
const ASSET = 'console.log("municipal admin asset")';

let ui: string;
let d: Deployment;
let port: number;

beforeAll(async () => {
  ui = mkdtempSync(join(tmpdir(), 'cg-municipal-ui-'));
  mkdirSync(join(ui, 'municipal', 'assets'), { recursive: true });
  writeFileSync(join(ui, 'municipal', 'index.html'), PAGE);
  writeFileSync(join(ui, 'municipal', 'assets', 'index-abc.js'), ASSET);
  // A file beside the page's folder: never reachable through it.
  writeFileSync(join(ui, 'secret.txt'), 'not for anyone');
  d = await startDeployment({ centre: { uiDir: ui, revocationPollMs: 200, headPollMs: 200 } });
  port = d.nodes[0]!.port;
  await createCentre(
    d.nodes[0]!.shared,
    { slug: 'eg', name: 'Eg', timeZone: 'Europe/Copenhagen' },
    { username: 'leder', displayName: 'Leder', password: 'correct horse battery' },
  );
});
afterAll(async () => {
  await d?.close();
  rmSync(ui, { recursive: true, force: true });
});

/** The CSP every front end is served with (http/app.ts CSP_DIRECTIVES): nothing inline, no one else. */
function expectStrictCsp(headers: Record<string, string | string[] | undefined>): void {
  const csp = String(headers['content-security-policy']);
  const directive = (name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `));
  expect(directive('default-src')).toBe("default-src 'self'");
  expect(directive('script-src')).toBe("script-src 'self'");
  expect(directive('connect-src')).toBe("connect-src 'self'");
  expect(directive('object-src')).toBe("object-src 'none'");
  expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
  expect(directive('base-uri')).toBe("base-uri 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(String(headers['permissions-policy'])).toContain('camera=()');
}

describe("the municipal admin's page", () => {
  it('is served at the base domain, revalidated each time, under the strict CSP', async () => {
    const page = await hostRequest(port, BASE_DOMAIN, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toBe(PAGE);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expectStrictCsp(page.headers);
  });

  it('serves its assets for an hour, and nothing outside its folder', async () => {
    const asset = await hostRequest(port, BASE_DOMAIN, 'GET', '/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe(ASSET);
    expect(asset.headers['cache-control']).toBe('public, max-age=3600');
    expectStrictCsp(asset.headers);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/nope.js']) {
      const answer = await hostRequest(port, BASE_DOMAIN, 'GET', path);
      expect([403, 404], path).toContain(answer.status);
      expect(answer.text, path).not.toContain('not for anyone');
    }
  });

  it("is not served at a centre's address, nor at an unknown one", async () => {
    for (const path of ['/', '/index.html', '/assets/index-abc.js']) {
      const centre = await hostRequest(port, `eg.${BASE_DOMAIN}`, 'GET', path);
      expect(centre.text, path).not.toContain('municipal admin');
      const unknown = await hostRequest(port, `nope.${BASE_DOMAIN}`, 'GET', path);
      expect(unknown.status, path).toBe(404);
      expect(unknown.text, path).not.toContain('municipal admin');
    }
    // The centre's own server answers there: `/` is its kiosk's address.
    const centre = await hostRequest(port, `eg.${BASE_DOMAIN}`, 'GET', '/');
    expect(centre.status).toBe(302);
    expect(centre.headers.location).toBe('/kiosk/');
  });

  it('leaves the API, /healthz and /metrics as they were', async () => {
    const session = await hostRequest(port, BASE_DOMAIN, 'GET', '/api/municipal/session');
    expect(session.status).toBe(401);
    expect(session.body).toMatchObject({ error: 'unauthorized' });
    const unknown = await hostRequest(port, BASE_DOMAIN, 'GET', '/api/municipal/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.text).not.toContain('municipal admin');
    expect((await hostRequest(port, BASE_DOMAIN, 'GET', '/healthz')).status).toBe(200);
    const metrics = await hostRequest(port, BASE_DOMAIN, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('process_cpu');
    const bad = await hostRequest(port, BASE_DOMAIN, 'POST', '/api/municipal/login', {
      json: { username: 'nobody', password: 'wrong password' },
    });
    expect(bad.status).toBe(401);
  });
});

describe('a deployment whose UI is not built', () => {
  it('answers 404 at the base domain, as before', async () => {
    const bare = await startDeployment();
    try {
      const answer = await hostRequest(bare.nodes[0]!.port, BASE_DOMAIN, 'GET', '/');
      expect(answer.status).toBe(404);
      const session = await hostRequest(
        bare.nodes[0]!.port,
        BASE_DOMAIN,
        'GET',
        '/api/municipal/session',
      );
      expect(session.status).toBe(401);
    } finally {
      await bare.close();
    }
  });
});
