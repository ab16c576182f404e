import { afterEach, expect, it, vi } from 'vitest';
import { login } from './api.js';

afterEach(() => vi.unstubAllGlobals());

it("refuses a staff member's session and ends it", async () => {
  const fetch = vi.fn((url: string) =>
    Promise.resolve(
      new Response(
        JSON.stringify(
          url === '/api/session' ? { userId: 's', role: 'staff', displayName: 'Mette' } : {},
        ),
        { status: 200 },
      ),
    ),
  );
  vi.stubGlobal('fetch', fetch);
  expect(await login({ username: 's', password: 'p' })).toEqual({
    ok: false,
    why: 'notRelative',
  });
  expect(fetch.mock.calls.map(([url]) => url)).toEqual([
    '/api/login',
    '/api/session',
    '/api/logout',
  ]);
  // The session check has the page's timeout.
  expect((fetch.mock.calls[1] as unknown[])[1]).toHaveProperty('signal');
});
