/**
 * The built server in a production install (`npm ci --omit=dev`, see tests/tools/production-tree.ts)
 * starts with `node dist/server/cli.js serve`, answers /healthz and the kiosk page, enrols a
 * kiosk made by the built CLI and gives it the centre's data: no tsx, no TypeScript, no
 * devDependency at all is needed at run time.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolDevice } from '../../src/client/index.js';
import { freePort } from '../helpers/child-server.js';
import { connectSocket, pullAll, replay } from '../helpers/test-server.js';
import {
  ancestorModuleFolders,
  devDependencies,
  makeProductionTree,
  startNode,
  type ProductionTree,
  type Started,
} from '../tools/production-tree.js';

let tree: ProductionTree;
let server: Started;
let url: string;

beforeAll(async () => {
  tree = makeProductionTree();
  const port = await freePort();
  server = startNode(
    ['dist/server/cli.js', 'serve', '--demo', '--data', 'data', '--port', String(port)],
    tree.app,
    tree.scratch,
  );
  await server.waitFor('Kiosk page:', 90_000);
  url = `http://127.0.0.1:${port}`;
}, 240_000);

afterAll(async () => {
  await server?.stop();
  tree?.remove();
});

describe('a production install of the build', () => {
  it('holds no devDependency, and nothing above it could lend one', () => {
    // @types/node comes in through engine.io (socket.io) as a dependency of its own; a types
    // package holds no code that could run, so it cannot be needed at run time.
    const present = devDependencies().filter(
      (name) => !name.startsWith('@types/') && existsSync(join(tree.app, 'node_modules', name)),
    );
    expect(present).toEqual([]);
    for (const tool of ['tsx', 'typescript', 'esbuild', 'vite', 'vitest'])
      expect(existsSync(join(tree.app, 'node_modules', tool)), tool).toBe(false);
    expect(ancestorModuleFolders(tree.app)).toEqual([]);
    expect(existsSync(join(tree.app, 'dist/server/cli.js'))).toBe(true);
  });

  it('serves /healthz and the kiosk page', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toMatch(/ok/);
    if (existsSync(join(tree.app, 'dist/ui/kiosk/index.html'))) {
      const page = await fetch(`${url}/kiosk/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);
    }
  });

  it('enrols a kiosk with a code from the built CLI and gives it the demo centre', async () => {
    const cli = startNode(
      ['dist/server/cli.js', 'enrol-code', '--name', 'Built kiosk', '--data', 'data'],
      tree.app,
      tree.scratch,
    );
    const printed = await cli.waitFor(/#enrol=[A-Z0-9-]+/);
    await cli.stop();
    const code = /#enrol=([A-Z0-9-]+)/.exec(printed)?.[1] ?? '';
    const enrolled = await enrolDevice(url, code);
    if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.error} ${enrolled.message}`);
    const kiosk = await connectSocket(url, enrolled.token);
    try {
      const { changes } = await pullAll(kiosk);
      expect(replay(changes, 'centre').get('centre')?.name).toBe('Bostedet Solsikken');
      expect(replay(changes, 'resident').size).toBeGreaterThan(0);
    } finally {
      kiosk.disconnect();
    }
  });
});
