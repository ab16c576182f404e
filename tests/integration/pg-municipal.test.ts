/**
 * Many centres on one deployment (issue 13; src/server/municipal/): the municipal admin makes
 * centres, each answers at its own address from its own schema, and nothing of one centre is
 * readable, changeable or pushed through another's address: logins, kiosk tokens, mutations
 * naming the other's ids, pushes, media. PostgreSQL only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createEnrolCode, createUser } from '../../src/server/auth/accounts.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { createMunicipalAdmin } from '../../src/server/municipal/municipal-app.js';
import { openStore } from '../../src/server/store/open-store.js';
import { countRows } from '../../src/server/store/store.js';
import { exportCentre } from '../../src/server/transfer/export-centre.js';
import type { RunningMunicipal } from '../../src/server/municipal/municipal-server.js';
import { resident } from '../helpers/fixtures.js';
import { mutationNames } from '../../src/protocol/index.js';
import { mutationSamples } from '../helpers/mutation-samples.js';
import {
  BASE_DOMAIN,
  cookieOf,
  formBody,
  hostRequest,
  municipalCli,
  startDeployment,
  type Deployment,
} from '../helpers/municipal.js';
import {
  freshDataDir,
  mutate,
  startTestServer,
  welcomeOf,
  type SyncSocket,
} from '../helpers/test-server.js';

const deployments: Deployment[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const d of deployments.splice(0)) await d.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const host = (slug: string): string => `${slug}.${BASE_DOMAIN}`;
const PASSWORD = 'correct horse battery';

/** A deployment with a municipal admin signed in; returns its cookie too. */
async function deployment(): Promise<{ d: Deployment; node: RunningMunicipal; admin: string }> {
  const d = await startDeployment();
  deployments.push(d);
  const node = d.nodes[0]!;
  await createMunicipalAdmin(node.shared.directory, 'kommune', PASSWORD);
  const login = await hostRequest(node.port, BASE_DOMAIN, 'POST', '/api/municipal/login', {
    json: { username: 'kommune', password: PASSWORD },
  });
  expect(login.status).toBe(200);
  return { d, node, admin: cookieOf(login) };
}

async function createCentre(
  node: RunningMunicipal,
  admin: string,
  slug: string,
  name: string,
): Promise<void> {
  const made = await hostRequest(node.port, BASE_DOMAIN, 'POST', '/api/municipal/centres', {
    headers: { cookie: admin, origin: `http://${BASE_DOMAIN}:${node.port}` },
    json: {
      slug,
      name,
      timeZone: 'Europe/Copenhagen',
      admin: { username: `leder-${slug}`, displayName: `Leder ${name}`, password: PASSWORD },
    },
  });
  expect(made.status, made.text).toBe(201);
  expect(made.body).toMatchObject({ slug, url: `http://${host(slug)}:${node.port}` });
}

/** The centre admin's bearer token, by logging in at the centre's own address. */
async function staffToken(
  node: RunningMunicipal,
  slug: string,
  as = slug,
): Promise<number | string> {
  const res = await hostRequest(node.port, host(slug), 'POST', '/api/login', {
    json: { username: `leder-${as}`, password: PASSWORD },
  });
  return res.status === 200 ? (res.body as { token: string }).token : res.status;
}

async function kioskToken(node: RunningMunicipal, slug: string): Promise<string> {
  const centre = await node.registry.get(slug);
  const { code } = await createEnrolCode(centre!.store.db, `Skærm ${slug}`);
  const res = await hostRequest(node.port, host(slug), 'POST', '/api/devices/enrol', {
    json: { code },
  });
  expect(res.status, res.text).toBe(200);
  return (res.body as { token: string }).token;
}

const pushesOf = (socket: SyncSocket): string[] => {
  const seen: string[] = [];
  socket.on('changes', (p) => {
    for (const c of p.changes) seen.push(`${c.type}:${c.id}`);
  });
  return seen;
};

const news = (id: string, title: string) => ({
  ...mutationSamples['news.put'],
  id,
  title,
  publishAt: new Date(Date.now() - 60_000).toISOString(),
});

describe('a municipal deployment', () => {
  it('lets a municipal admin create centres, and refuses bad, taken and unsigned requests', async () => {
    const { node, admin } = await deployment();
    const own = { cookie: admin, origin: `http://${BASE_DOMAIN}:${node.port}` };
    const post = (json: unknown, headers: Record<string, string> = own) =>
      hostRequest(node.port, BASE_DOMAIN, 'POST', '/api/municipal/centres', { json, headers });
    const good = {
      slug: 'birk',
      name: 'Birkehuset',
      timeZone: 'Europe/Copenhagen',
      admin: { username: 'leder', displayName: 'Leder', password: PASSWORD },
    };
    // Not signed in; signed in but from another site; then right.
    expect((await post(good, {})).status).toBe(401);
    expect((await post(good, { cookie: admin, origin: 'https://evil.example' })).status).toBe(403);
    // A cookie with no word of where the request came from is not taken either.
    expect((await post(good, { cookie: admin })).status).toBe(403);
    expect((await post(good)).status).toBe(201);
    expect((await post(good)).status).toBe(409);
    for (const [bad, field] of [
      [{ ...good, slug: 'Birk' }, 'upper case'],
      [{ ...good, slug: 'admin' }, 'reserved'],
      [{ ...good, slug: 'a' }, 'too short'],
      [{ ...good, slug: 'x'.repeat(31) }, 'too long'],
      [{ ...good, slug: 'b--c' }, 'double hyphen'],
      [{ ...good, slug: "b'; drop schema public; --" }, 'SQL'],
      [{ ...good, slug: 'eg', timeZone: 'Mars/Olympus' }, 'time zone'],
      [{ ...good, slug: 'eg', admin: { ...good.admin, password: 'short' } }, 'password'],
      [{ ...good, slug: 'eg', extra: 1 }, 'unknown field'],
      ['not an object', 'type'],
    ] as const) {
      const res = await post(bad);
      expect(res.status, field).toBe(400);
    }
    const list = await hostRequest(node.port, BASE_DOMAIN, 'GET', '/api/municipal/centres', {
      headers: { cookie: admin },
    });
    expect((list.body as { centres: { slug: string }[] }).centres.map((c) => c.slug)).toEqual([
      'birk',
    ]);
    // A wrong password, an unknown admin: the same answer.
    for (const creds of [
      { username: 'kommune', password: 'wrong password' },
      { username: 'nobody', password: PASSWORD },
    ])
      expect(
        (await hostRequest(node.port, BASE_DOMAIN, 'POST', '/api/municipal/login', { json: creds }))
          .status,
      ).toBe(401);
  });

  it('answers each centre at its own address only, and nothing at addresses it does not serve', async () => {
    const { node, admin } = await deployment();
    await createCentre(node, admin, 'birk', 'Birkehuset');
    await createCentre(node, admin, 'eg', 'Egehuset');
    expect(typeof (await staffToken(node, 'birk'))).toBe('string');
    expect(typeof (await staffToken(node, 'eg'))).toBe('string');
    // Birk's admin is unknown at Eg's address, and the other way round.
    expect(await staffToken(node, 'eg', 'birk')).toBe(401);
    expect(await staffToken(node, 'birk', 'eg')).toBe(401);
    for (const name of [
      'ukendt.' + BASE_DOMAIN,
      'birk.example.org',
      '127.0.0.1',
      'a.birk.' + BASE_DOMAIN,
    ]) {
      const res = await hostRequest(node.port, name, 'GET', '/api/session');
      expect(res.status, name).toBe(404);
      expect(res.text).not.toMatch(/birk|eg|Birkehuset|Egehuset/i);
    }
    // The municipal admin's API is not at a centre's address.
    const there = await hostRequest(node.port, host('birk'), 'GET', '/api/municipal/centres', {
      headers: { cookie: admin },
    });
    expect(there.status).toBe(404);
  });

  it('never lets a token, a mutation, a push or a media file of one centre through the other', async () => {
    const { d, node, admin } = await deployment();
    await createCentre(node, admin, 'birk', 'Birkehuset');
    await createCentre(node, admin, 'eg', 'Egehuset');
    const birkKiosk = await kioskToken(node, 'birk');
    const egKiosk = await kioskToken(node, 'eg');
    // A kiosk token works at its own centre only.
    await expect(d.connect('eg', birkKiosk)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(d.connect('birk', egKiosk)).rejects.toMatchObject({ code: 'unauthorized' });
    const birkStaff = await d.connect('birk', String(await staffToken(node, 'birk')));
    const egStaff = await d.connect('eg', String(await staffToken(node, 'eg')));
    const birkWall = await d.connect('birk', birkKiosk);
    const egWall = await d.connect('eg', egKiosk);
    const birkSeen = pushesOf(birkWall);
    const egSeen = pushesOf(egWall);

    // The same id in both centres is two different records.
    expect((await mutate(egStaff, 'news.put', news('n-1', 'Eg nyt'))).status).toBe('applied');
    expect((await mutate(birkStaff, 'news.put', news('n-2', 'Birk nyt'))).status).toBe('applied');
    await expect.poll(() => egSeen).toContain('news:n-1');
    await expect.poll(() => birkSeen).toContain('news:n-2');
    expect(birkSeen).not.toContain('news:n-1');
    expect(egSeen).not.toContain('news:n-2');

    // A mutation naming the other centre's record finds nothing.
    expect(await mutate(birkStaff, 'news.del', { id: 'n-1' })).toMatchObject({
      status: 'rejected',
      code: 'not_found',
    });
    expect(
      await mutate(egStaff, 'activity.put', { ...mutationSamples['activity.put'], id: 'a-eg' }),
    ).toMatchObject({
      status: 'applied',
    });
    const signOther = await mutate(birkWall, 'signup.add', {
      activityId: 'a-eg',
      residentId: 'r-1',
    });
    expect(signOther).toMatchObject({ status: 'rejected', code: 'not_found' });
    // Eg's news is still there, and nothing of Birk's reached Eg's wall.
    expect(egSeen.filter((s) => s.startsWith('news:'))).toEqual(['news:n-1']);

    // A photo Eg's staff upload and show: Eg's wall reads it; at Birk's address, with Birk's
    // wall's token, it does not exist.
    const form = new FormData();
    const png = await sharp({
      create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 120, b: 60 } },
    })
      .png()
      .toBuffer();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'eg.png');
    const { body, type } = await formBody(form);
    const egStaffToken = String(await staffToken(node, 'eg'));
    const up = await hostRequest(node.port, host('eg'), 'POST', '/api/media', {
      body,
      headers: { 'content-type': type, authorization: `Bearer ${egStaffToken}` },
    });
    expect(up.status, up.text).toBe(201);
    const hash = (up.body as { hash: string }).hash;
    expect(
      await mutate(egStaff, 'news.put', {
        ...news('n-3', 'Med billede'),
        media: [{ hash, kind: 'image', signLanguage: false }],
      }),
    ).toMatchObject({ status: 'applied' });
    const egGet = await hostRequest(node.port, host('eg'), 'GET', `/media/${hash}`, {
      headers: { authorization: `Bearer ${egKiosk}` },
    });
    expect(egGet.status).toBe(200);
    for (const [where, token] of [
      ['birk', birkKiosk],
      ['birk', egKiosk],
    ] as const) {
      const res = await hostRequest(node.port, host(where), 'GET', `/media/${hash}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect([401, 404], `${where} with a token`).toContain(res.status);
    }

    // A resident's calendar feed: its secret address works at its own centre only.
    const consent = {
      relatives: { given: true, by: 'guardian' },
      calendar: { given: true, by: 'guardian' },
    } as const;
    expect(
      await mutate(egStaff, 'resident.put', {
        ...resident('r-1', { displayName: 'Eva' }),
        consent,
      }),
    ).toMatchObject({ status: 'applied' });
    const eg = await node.registry.get('eg');
    await createUser(eg!.store.db, {
      username: 'datter',
      password: PASSWORD,
      displayName: 'Datter',
      role: 'relative',
      residentIds: ['r-1'],
    });
    const login = await hostRequest(node.port, host('eg'), 'POST', '/api/login', {
      json: { username: 'datter', password: PASSWORD },
    });
    const relative = await d.connect('eg', (login.body as { token: string }).token);
    const feedToken = randomBytes(32).toString('base64url');
    expect(
      await mutate(relative, 'feed.create', {
        feedId: randomUUID(),
        residentId: 'r-1',
        token: feedToken,
      }),
    ).toMatchObject({ status: 'applied' });
    expect((await hostRequest(node.port, host('eg'), 'GET', `/ical/${feedToken}.ics`)).status).toBe(
      200,
    );
    const elsewhere = await hostRequest(node.port, host('birk'), 'GET', `/ical/${feedToken}.ics`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.text).not.toMatch(/Eva|Egehuset/);
  });

  it('keeps each centre’s pushes and disconnects to its own sockets across two nodes', async () => {
    const { d, node: a, admin } = await deployment();
    const b = await d.addNode();
    await createCentre(a, admin, 'birk', 'Birkehuset');
    await createCentre(a, admin, 'eg', 'Egehuset');
    // Walls of both centres on node B, staff of Eg on node A.
    const birkWall = await d.connect('birk', await kioskToken(a, 'birk'), b);
    const egToken = await kioskToken(a, 'eg');
    const egWall = await d.connect('eg', egToken, b);
    const birkSeen = pushesOf(birkWall);
    const egSeen = pushesOf(egWall);
    const egStaff = await d.connect('eg', String(await staffToken(a, 'eg')), a);
    expect((await mutate(egStaff, 'news.put', news('n-eg', 'Eg nyt'))).status).toBe('applied');
    await expect.poll(() => egSeen, { timeout: 5000 }).toContain('news:n-eg');
    // Birk's wall heard nothing of it, on either node; a push of Birk's own still arrives.
    const birkStaff = await d.connect('birk', String(await staffToken(b, 'birk')), a);
    expect((await mutate(birkStaff, 'news.put', news('n-birk', 'Birk nyt'))).status).toBe(
      'applied',
    );
    await expect.poll(() => birkSeen, { timeout: 5000 }).toContain('news:n-birk');
    expect(birkSeen).not.toContain('news:n-eg');
    expect(egSeen).not.toContain('news:n-birk');

    // /metrics of a node names each centre it serves.
    const metrics = await hostRequest(b.port, BASE_DOMAIN, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/citizen_guide_connected_clients\{[^}]*centre="birk"/);
    expect(metrics.text).toMatch(/citizen_guide_connected_clients\{[^}]*centre="eg"/);
    expect(metrics.text.match(/^# TYPE process_resident_memory_bytes/gm)).toHaveLength(1);
  });

  it('is run from the command line: a municipal admin, a centre, and a centre moved in from its own server', async () => {
    const { d, node } = await deployment();
    const url = d.databaseUrl;
    // Without DATABASE_URL, or with a bad base domain: one line saying what is missing.
    const noDb = municipalCli(
      null,
      '',
      'create-centre',
      '--slug',
      'x1',
      '--name',
      'X',
      '--username',
      'u',
    );
    expect(noDb.status).not.toBe(0);
    expect(noDb.out).toMatch(/needs DATABASE_URL=postgres/);
    const badDomain = municipalCli(url, '', 'serve-municipal', '--base-domain', 'not a domain');
    expect(badDomain.status).not.toBe(0);
    expect(badDomain.out).toMatch(/--base-domain/);
    expect(badDomain.out).not.toMatch(/at .*\.js:\d+/);

    const admin = municipalCli(url, `${PASSWORD}\n`, 'municipal-admin', '--username', 'amt');
    expect(admin.status, admin.out).toBe(0);
    const made = municipalCli(
      url,
      `${PASSWORD}\n`,
      'create-centre',
      '--slug',
      'lind',
      '--name',
      'Lindehuset',
      '--username',
      'leder-lind',
    );
    expect(made.status, made.out).toBe(0);
    expect(made.out).toMatch(/"Lindehuset" \(lind, schema c_lind\)/);
    // The running node serves the centre the command line made.
    expect(typeof (await staffToken(node, 'lind'))).toBe('string');
    const again = municipalCli(
      url,
      `${PASSWORD}\n`,
      'create-centre',
      '--slug',
      'lind',
      '--name',
      'L',
      '--username',
      'x',
    );
    expect(again.status).not.toBe(0);
    expect(again.out).toMatch(/exists already/);

    // A centre on its own small server (SQLite), exported whole and moved in as "sol".
    const own = freshDataDir();
    dirs.push(own);
    const seeded = await openStore({ dataDir: own });
    await seedDemo(seeded.db, new Date(), { dataDir: own });
    await seeded.close();
    const source = await startTestServer({ dataDir: own, databaseUrl: '' });
    const kiosk = await source.kioskToken('Gangen');
    const before = await welcomeOf(source.url, kiosk);
    const residents = await countRows(source.server.store.db, 'resident');
    const work = freshDataDir();
    dirs.push(work);
    const exported = join(work, 'export');
    await exportCentre(source.server.store.db, source.dataDir, exported);
    await source.close();
    const importSol = () =>
      municipalCli(
        url,
        '',
        'import-centre',
        '--from',
        exported,
        '--centre',
        'sol',
        '--data',
        d.dataDir,
      );
    const moved = importSol();
    expect(moved.status, moved.out).toBe(0);
    expect(moved.out).toMatch(/as centre sol: \d+ rows/);
    // The same kiosk token at the centre's new address: welcomed, under a new identity (one reset).
    const welcome = await d.welcome('sol', kiosk);
    expect(welcome.identity).not.toBe(before.identity);
    expect((await d.welcome('sol', kiosk)).identity).toBe(welcome.identity);
    const sol = await node.registry.get('sol');
    expect(await countRows(sol!.store.db, 'resident')).toBe(residents);
    // A second import under the same slug is refused, and nothing changes.
    const twice = importSol();
    expect(twice.status).not.toBe(0);
    expect(twice.out).toMatch(/exists already/);
  });

  it('answers no route and applies no mutation of one centre with the other’s credentials or ids', async () => {
    const { d, node, admin } = await deployment();
    await createCentre(node, admin, 'birk', 'Birkehuset');
    await createCentre(node, admin, 'eg', 'Egehuset');
    const egStaffToken = String(await staffToken(node, 'eg'));
    const egAdmin = await d.connect('eg', egStaffToken);
    const egKiosk = await kioskToken(node, 'eg');
    // Eg has one of everything the samples make.
    for (const name of mutationNames) await mutate(egAdmin, name, mutationSamples[name]);
    await mutate(egAdmin, 'resident.put', {
      ...resident('r-eva', { displayName: 'Eva Egholm' }),
      consent: { relatives: { given: true, by: 'guardian' } },
    });
    const eg = (await node.registry.get('eg'))!;
    const egHead = await countRows(eg.store.db, 'change_log');

    // Every mutation, sent to Birk by Birk's admin with Eg's ids, changes nothing of Eg's.
    const birkAdmin = await d.connect('birk', String(await staffToken(node, 'birk')));
    for (const name of mutationNames) await mutate(birkAdmin, name, mutationSamples[name]);
    expect(await countRows(eg.store.db, 'change_log')).toBe(egHead);

    // Every HTTP route at Birk's address, with Eg's credentials and Eg's ids: nothing of Eg's.
    const routes = routesOf(eg.app.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(20);
    const egHash = 'a'.repeat(64);
    const path = (p: string): string =>
      p
        .replace(':hash', egHash)
        .replace(':id', 'r-eva')
        .replace(':file', `${'x'.repeat(43)}.ics`);
    for (const { method, route } of routes)
      for (const token of [egStaffToken, egKiosk]) {
        const res = await hostRequest(node.port, host('birk'), method, path(route), {
          headers: { authorization: `Bearer ${token}` },
          ...(method === 'POST' ? { json: {} } : {}),
        });
        // A logout of a token Birk does not know is a no-op "logged out" (checked below).
        if (method === 'POST' && route !== '/api/logout')
          expect(res.status, `${method} ${route}`).toBeGreaterThanOrEqual(400);
        expect(res.text, `${method} ${route}`).not.toMatch(/Egehuset|Eva Egholm|r-eva/);
      }
    // Eg's staff are still signed in at Eg: Birk's logout did not end their session.
    const session = await hostRequest(node.port, host('eg'), 'GET', '/api/session', {
      headers: { authorization: `Bearer ${egStaffToken}` },
    });
    expect(session.status).toBe(200);
  });
});

/** The routes of fastify's printRoutes tree (commonPrefix: false), with their methods. */
function routesOf(tree: string): { method: string; route: string }[] {
  const out: { method: string; route: string }[] = [];
  const parents: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?) \(([^)]*)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const full = (depth === 0 ? '' : parents[depth - 1]!) + m[2]!;
    parents[depth] = full;
    for (const method of m[3]!.split(', '))
      if (method === 'GET' || method === 'POST')
        out.push({ method, route: full.replace(/\/+/g, '/') });
  }
  return out;
}
