import { afterEach, describe, expect, it, vi } from 'vitest';
import { changePassword, fetchSession, login, logout } from './api.js';

const anna = { userId: 'u-1', role: 'relative', displayName: 'Hanne' };

/** A fake server: each path answers as given; a path not given is a dropped connection. */
function serve(routes: Record<string, () => Response | Promise<Response>>) {
  const fetch = vi.fn((url: string, _init?: RequestInit) => {
    const route = routes[url];
    return route ? Promise.resolve(route()) : Promise.reject(new TypeError('Failed to fetch'));
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('fetchSession', () => {
  it('answers the session, null when signed out or unreadable, offline without a server', async () => {
    serve({ '/api/session': () => answer(200, anna) });
    expect(await fetchSession()).toEqual(anna);
    serve({ '/api/session': () => answer(401, {}) });
    expect(await fetchSession()).toBeNull();
    serve({ '/api/session': () => new Response('<html>', { status: 200 }) });
    expect(await fetchSession()).toBeNull();
    serve({});
    expect(await fetchSession()).toBe('offline');
  });

  it('waits for ever unless given a timeout, then answers offline', async () => {
    const f = serve({ '/api/session': () => answer(200, anna) });
    await fetchSession();
    expect(f.mock.calls[0]?.[1]?.signal).toBeUndefined();
    // A server that never answers, but gives up when the signal aborts.
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init?: RequestInit) =>
          new Promise((_resolve, reject) =>
            init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
          ),
      ),
    );
    expect(await fetchSession({ timeoutMs: 20 })).toBe('offline');
  });
});

describe('login', () => {
  it('says how many minutes a rate limit lasts, rounded up, 15 when not said', async () => {
    serve({ '/api/login': () => answer(429, {}, { 'retry-after': '61' }) });
    expect(await login({ username: 'a', password: 'b' })).toEqual({
      ok: false,
      why: 'limited',
      minutes: 2,
    });
    serve({ '/api/login': () => answer(429, {}) });
    expect(await login({ username: 'a', password: 'b' })).toMatchObject({ minutes: 15 });
  });

  it('tells busy, wrong and offline apart, and answers the session the cookie gives', async () => {
    serve({ '/api/login': () => answer(503, {}) });
    expect(await login({ username: 'a', password: 'b' })).toEqual({ ok: false, why: 'busy' });
    serve({ '/api/login': () => answer(401, {}) });
    expect(await login({ username: 'a', password: 'b' })).toEqual({ ok: false, why: 'wrong' });
    serve({});
    expect(await login({ username: 'a', password: 'b' })).toEqual({ ok: false, why: 'offline' });
    // Signed in, then the connection went before the session could be read.
    serve({ '/api/login': () => answer(200, {}) });
    expect(await login({ username: 'a', password: 'b' })).toEqual({ ok: false, why: 'offline' });
    serve({ '/api/login': () => answer(200, {}), '/api/session': () => answer(200, anna) });
    expect(await login({ username: 'a', password: 'b' })).toEqual({ ok: true, session: anna });
  });
});

describe('logout', () => {
  it('posts, and is quiet without a connection', async () => {
    const f = serve({ '/api/logout': () => answer(200, {}) });
    await logout();
    expect(f.mock.calls[0]?.[1]?.method).toBe('POST');
    serve({});
    await expect(logout()).resolves.toBeUndefined();
  });
});

describe('changePassword', () => {
  it("words the server's answers and keeps its message", async () => {
    const cases: [Response, unknown][] = [
      [answer(200, {}), { ok: true }],
      [
        answer(403, { message: 'The current password is not right.' }),
        {
          ok: false,
          why: 'wrongCurrent',
          status: 403,
          message: 'The current password is not right.',
        },
      ],
      [answer(400, {}), { ok: false, why: 'same', status: 400, message: null }],
      [answer(500, { message: 42 }), { ok: false, why: 'other', status: 500, message: null }],
      [
        answer(429, { message: 'Wait' }, { 'retry-after': '900' }),
        { ok: false, why: 'limited', minutes: 15, status: 429, message: 'Wait' },
      ],
    ];
    for (const [res, outcome] of cases) {
      serve({ '/api/password': () => res });
      expect(await changePassword('old', 'new-password')).toEqual(outcome);
    }
    serve({});
    expect(await changePassword('old', 'new-password')).toEqual({ ok: false, why: 'offline' });
  });
});
