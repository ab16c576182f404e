// @vitest-environment jsdom
/**
 * The gate: logged out → the login page; logged in → the frame with the cached week; another
 * person signing in on this phone → the previous person's cache is gone; the server ending the
 * session (status `unauthorized`: staff removed the access) → at once back to the login with
 * "Din adgang er stoppet. Spørg personalet." and the cache wiped; logging out wipes it too.
 * The sync engine is replaced by a status the test sets.
 */
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CacheDb, type SyncStatus } from '../../client/index.js';
import type { SessionInfo } from '../../protocol/rest.js';
import { FAMILY_DB, FamilyApp, LAST_USER } from './app.js';
import { RESIDENT_KEY } from './shell/resident.js';
import { familyResident, onlineStatus } from './test-support/render-family.js';

const fake = vi.hoisted(() => ({
  status: null as SyncStatus | null,
  listeners: new Set<() => void>(),
  set(s: SyncStatus | null) {
    this.status = s;
    for (const l of this.listeners) l();
  },
}));

vi.mock('../shared/sync/use-sync.js', async () => {
  const { useSyncExternalStore } = await import('react');
  const engine = { mutate: vi.fn(), dismissRejection: vi.fn(), on: () => () => undefined };
  return {
    useSync: () => ({
      engine,
      status: useSyncExternalStore(
        (l) => {
          fake.listeners.add(l);
          return () => fake.listeners.delete(l);
        },
        () => fake.status,
      ),
    }),
  };
});

const hanne: SessionInfo = { userId: 'u-hanne', role: 'relative', displayName: 'Hanne Jensen' };
const anna = familyResident({ id: 'r-anna', displayName: 'Anna Jensen' });

interface Server {
  session: SessionInfo | null | 'offline';
  login?: { status: number; headers?: Record<string, string> };
}

function serve(server: Server) {
  const calls: string[] = [];
  const fetch = vi.fn((url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url === '/api/session') {
      if (server.session === 'offline') return Promise.reject(new TypeError('offline'));
      return Promise.resolve(
        server.session
          ? Response.json(server.session)
          : Response.json({ error: 'unauthorized' }, { status: 401 }),
      );
    }
    if (url === '/api/login') {
      const l = server.login ?? { status: 200 };
      if (l.status === 200) server.session = hanne;
      return Promise.resolve(new Response('{}', { status: l.status, headers: l.headers ?? {} }));
    }
    if (url === '/api/logout') {
      server.session = null;
      return Promise.resolve(Response.json({ status: 'logged_out' }));
    }
    return Promise.resolve(new Response('{}', { status: 404 }));
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

async function seedCache(owner: SessionInfo) {
  localStorage.setItem(LAST_USER, JSON.stringify(owner));
  const db = new CacheDb(FAMILY_DB);
  await db.resident.put(anna);
  db.close();
}

const cachedResidents = async () => {
  const db = new CacheDb(FAMILY_DB);
  const n = await db.resident.count();
  db.close();
  return n;
};

const open = () => {
  window.history.replaceState(null, '', '/family/');
  return render(<FamilyApp path="/family/" />);
};

beforeEach(() => {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['da-DK']);
  fake.status = { ...onlineStatus };
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
  await new CacheDb(FAMILY_DB).delete();
});

describe('the relatives’ gate', () => {
  it('shows the login when logged out, and the frame after logging in', async () => {
    const calls = serve({ session: null });
    open();
    await screen.findByRole('heading', { level: 1, name: 'Log ind' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Brugernavn'), 'hanne');
    await user.type(screen.getByLabelText('Adgangskode'), 'en god adgangskode');
    await user.click(screen.getByRole('button', { name: 'Log ind' }));
    expect(await screen.findByRole('navigation', { name: 'Menu' })).toBeTruthy();
    expect(calls).toContain('POST /api/login');
    expect(JSON.parse(localStorage.getItem(LAST_USER) ?? 'null')).toEqual(hanne);
  });

  it('says how long to wait when the server limits login attempts', async () => {
    serve({ session: null, login: { status: 429, headers: { 'retry-after': '600' } } });
    open();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Brugernavn'), 'hanne');
    await user.type(screen.getByLabelText('Adgangskode'), 'forkert');
    await user.click(screen.getByRole('button', { name: 'Log ind' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'For mange forsøg. Vent 10 minutter, og prøv igen.',
    );
  });

  it('answers "Glemt adgangskode?" with asking the staff for a new invitation', async () => {
    serve({ session: null });
    open();
    await userEvent.setup().click(await screen.findByText('Glemt adgangskode?'));
    expect(screen.getByText(/Bed personalet om en ny invitation/)).toBeTruthy();
  });

  it('opens straight into the cached week when signed in, keeping the own cache', async () => {
    serve({ session: hanne });
    await seedCache(hanne);
    open();
    expect(await screen.findByText('Anna Jensen')).toBeTruthy();
    expect(screen.getByText('Du ser:')).toBeTruthy();
    expect(await cachedResidents()).toBe(1);
  });

  it('wipes the previous person’s cache when another relative signs in', async () => {
    serve({ session: hanne });
    await seedCache({ userId: 'u-other', role: 'relative', displayName: 'Ole' });
    localStorage.setItem(RESIDENT_KEY, 'r-anna');
    open();
    await screen.findByRole('navigation', { name: 'Menu' });
    expect(await cachedResidents()).toBe(0);
    expect(screen.queryByText('Anna Jensen')).toBeNull();
    expect(localStorage.getItem(RESIDENT_KEY)).toBeNull();
    expect(JSON.parse(localStorage.getItem(LAST_USER) ?? 'null')).toEqual(hanne);
  });

  it('logs out at once when the server ends the session, with the message and no cache', async () => {
    const calls = serve({ session: hanne });
    await seedCache(hanne);
    open();
    await screen.findByText('Anna Jensen');
    act(() => fake.set({ ...onlineStatus, state: 'unauthorized' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Du er logget ud');
    expect(alert.textContent).toContain('Din adgang er stoppet. Spørg personalet.');
    expect(screen.getByRole('heading', { level: 1, name: 'Log ind' })).toBeTruthy();
    expect(screen.queryByText('Anna Jensen')).toBeNull();
    await waitFor(async () => expect(await cachedResidents()).toBe(0));
    expect(localStorage.getItem(LAST_USER)).toBeNull();
    expect(calls).toContain('POST /api/logout');
  });

  it('logs out from "Mere" and wipes the cache', async () => {
    serve({ session: hanne });
    await seedCache(hanne);
    window.history.replaceState(null, '', '/family/more');
    render(<FamilyApp path="/family/more" />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Log ud' }));
    expect((await screen.findByRole('status')).textContent).toBe('Du er logget ud.');
    await waitFor(async () => expect(await cachedResidents()).toBe(0));
  });

  it('opens the last relative’s cache when the session cannot be checked (no connection)', async () => {
    serve({ session: 'offline' });
    await seedCache(hanne);
    fake.status = { ...onlineStatus, state: 'offline' };
    open();
    expect(await screen.findByText('Anna Jensen')).toBeTruthy();
    expect(
      screen.getByText(/^Ingen forbindelse – ændringer sendes, når der er forbindelse\./),
    ).toBeTruthy();
  });

  it('leaves and wipes the cache when the connection turns out to be a staff login (another tab)', async () => {
    const calls = serve({ session: hanne });
    await seedCache(hanne);
    open();
    await screen.findByText('Anna Jensen');
    act(() => fake.set({ ...onlineStatus, role: 'staff' }));
    expect(await screen.findByText(/logget ind som personale/)).toBeTruthy();
    expect(screen.queryByText('Anna Jensen')).toBeNull();
    await waitFor(async () => expect(await cachedResidents()).toBe(0));
    expect(calls).not.toContain('POST /api/logout');
  });

  it('does not show the relatives’ page to a signed-in staff member', async () => {
    serve({ session: { userId: 'u-mette', role: 'staff', displayName: 'Mette' } });
    open();
    expect(await screen.findByText(/logget ind som personale/)).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Menu' })).toBeNull();
  });
});
