import { afterEach, expect, it, vi } from 'vitest';
import { changePassword, login } from './api.js';

afterEach(() => vi.unstubAllGlobals());

const answers = (byPath: Record<string, Response>) =>
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) =>
      byPath[url] ? Promise.resolve(byPath[url]) : Promise.reject(new TypeError('offline')),
    ),
  );
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

it("refuses a kiosk's session", async () => {
  answers({
    '/api/login': json(200, {}),
    '/api/session': json(200, { userId: 'k', role: 'kiosk', displayName: 'Væg' }),
  });
  expect(await login({ username: 'k', password: 'p' })).toEqual({ ok: false, why: 'kioskOnly' });
});

it("words a password refusal with the server's message, 401 and 403 as a wrong password", async () => {
  answers({ '/api/password': json(401, {}) });
  expect(await changePassword('a', 'b')).toEqual({
    ok: false,
    why: 'wrongCurrent',
    message: 'HTTP 401',
  });
  answers({ '/api/password': json(400, { message: 'Choose a new password' }) });
  expect(await changePassword('a', 'b')).toEqual({
    ok: false,
    why: 'other',
    message: 'Choose a new password',
  });
  answers({});
  expect(await changePassword('a', 'b')).toEqual({
    ok: false,
    why: 'other',
    message: 'no connection',
  });
});
