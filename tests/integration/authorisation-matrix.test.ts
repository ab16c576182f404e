/**
 * The authorisation matrix: every role (kiosk, relative, staff, admin) against every mutation in
 * the catalogue, and every role plus anonymous against the REST routes a browser or kiosk calls.
 * Only what is allowed succeeds: a role outside a mutation's roles is refused `forbidden` and
 * changes nothing; a role inside is never refused for its role. Driven by the catalogue itself
 * and by tests/helpers/mutation-samples.ts (typed over the catalogue), so a new mutation is in
 * the matrix the moment it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/model.js';
import { mutationCatalogue, mutationNames, type MutationName } from '../../src/protocol/index.js';
import { activity, resident, resource } from '../helpers/fixtures.js';
import { readHead } from '../../src/server/store/store.js';
import { mutationSamples } from '../helpers/mutation-samples.js';
import {
  apply,
  mutate,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

const ROLES = ['kiosk', 'relative', 'staff', 'admin'] as const satisfies readonly Role[];

let t: TestServer;
const tokens = {} as Record<(typeof ROLES)[number], string>;
const sockets = {} as Record<(typeof ROLES)[number], SyncSocket>;

beforeAll(async () => {
  t = await startTestServer();
  const admin = await t.connect(await t.userToken('admin'));
  await apply(admin, 'group.put', { id: 'grp-1', name: 'Huset' });
  await apply(admin, 'resident.put', resident('res-1', { groupIds: ['grp-1'] }));
  await apply(admin, 'activity.put', activity('act-1'));
  await apply(admin, 'resource.put', resource('res-book'));
  await apply(admin, 'meal.put', { ...mutationSamples['meal.put'], id: 'meal-1' });
  tokens.kiosk = await t.kioskToken('Matrix kiosk');
  tokens.relative = await t.userToken('relative', ['res-1']);
  tokens.staff = await t.userToken('staff');
  tokens.admin = await t.userToken('admin');
  for (const role of ROLES) sockets[role] = await t.connect(tokens[role]);
});
afterAll(async () => {
  await t.close();
});

const head = (): Promise<number> => readHead(t.server.store.db);

describe('every mutation against every role', () => {
  it.each(mutationNames.map((n) => [n] as const))(
    '%s: only its roles may send it',
    async (name: MutationName) => {
      const allowed = mutationCatalogue[name].roles;
      const args = mutationSamples[name];
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const before = await head();
        const res = await mutate(sockets[role], name, args);
        expect(res, `${role} → ${name}`).toMatchObject({ status: 'rejected', code: 'forbidden' });
        expect(await head(), `${role} → ${name} changed nothing`).toBe(before);
      }
      for (const role of ROLES.filter((r) => allowed.includes(r))) {
        const res = await mutate(sockets[role], name, args);
        // A domain refusal (no consent for this channel …) carries its reason; a role refusal none.
        const refusedForRole =
          res.status === 'rejected' && res.code === 'forbidden' && res.reason === undefined;
        expect(refusedForRole, `${role} → ${name}: ${JSON.stringify(res)}`).toBe(false);
      }
    },
  );
});

type Who = (typeof ROLES)[number] | 'anonymous';

interface Route {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  allowed: readonly Who[];
}

/** The REST routes behind a principal (login, enrolment and health are open by design). */
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/session', allowed: ['relative', 'staff', 'admin'] },
  {
    method: 'POST',
    path: '/api/devices',
    body: { name: 'Ny skærm', location: 'Gangen' },
    allowed: ['staff', 'admin'],
  },
  { method: 'GET', path: '/api/speech?text=Hej', allowed: ['kiosk', 'staff', 'admin'] },
];

describe('every REST route against every role and anonymous', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_label, route) => {
    for (const who of [...ROLES, 'anonymous'] as const) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (who !== 'anonymous') headers.authorization = `Bearer ${tokens[who]}`;
      const res = await fetch(`${t.url}${route.path}`, {
        method: route.method,
        headers,
        ...(route.method === 'POST' ? { body: JSON.stringify(route.body ?? {}) } : {}),
      });
      await res.arrayBuffer();
      if (route.allowed.includes(who))
        expect([401, 403], `${who} ${route.path}`).not.toContain(res.status);
      else expect([401, 403], `${who} ${route.path} → ${res.status}`).toContain(res.status);
    }
  });
});
