// @vitest-environment jsdom
/**
 * The invitation page: the relative chooses a password (checked before sending), the token from
 * the link's `#` is sent, each refusal is said in plain words, and success says "Du er logget
 * ind" with the username and takes the token out of the address bar.
 */
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenFrom } from './accept.js';
import { FamilyApp } from './app.js';

const TOKEN = 'x'.repeat(43);

beforeEach(() => {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['da-DK', 'en']);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function answer(status: number, body: unknown) {
  const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status })));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const open = () => {
  window.history.replaceState(null, '', `/family/invite#${TOKEN}`);
  return render(<FamilyApp path="/family/invite" />);
};

async function fill(password: string, repeat = password) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Adgangskode'), password);
  await user.type(screen.getByLabelText('Skriv adgangskoden igen'), repeat);
  await user.click(screen.getByRole('button', { name: 'Opret adgang' }));
}

describe('accepting an invitation', () => {
  it('checks the password first, then signs in and forgets the token', async () => {
    const fetch = answer(200, { username: 'hanne@example.dk', displayName: 'Hanne' });
    open();
    await fill('short');
    expect(screen.getByRole('alert').textContent).toMatch(/mindst 8 tegn/);
    expect(fetch).not.toHaveBeenCalled();
    await userEvent.setup().clear(screen.getByLabelText('Adgangskode'));
    await userEvent.setup().clear(screen.getByLabelText('Skriv adgangskoden igen'));
    await fill('long enough 1', 'long enough 2');
    expect(screen.getByRole('alert').textContent).toMatch(/ikke ens/);
    await userEvent.setup().clear(screen.getByLabelText('Skriv adgangskoden igen'));
    await userEvent.setup().type(screen.getByLabelText('Skriv adgangskoden igen'), 'long enough 1');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Opret adgang' }));
    expect(await screen.findByRole('heading', { name: 'Du er logget ind' })).toBeTruthy();
    expect(screen.getByText(/Dit brugernavn er hanne@example.dk/)).toBeTruthy();
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(init.body as string)).toEqual({ token: TOKEN, password: 'long enough 1' });
    expect(window.location.hash).toBe('');
  });

  it.each([
    ['invitation_expired', /udløbet/],
    ['invitation_used', /allerede brugt/],
    ['invitation_revoked', /trukket linket tilbage/],
    ['invitation_unknown', /virker ikke/],
  ])('says %s in plain words', async (error, words) => {
    answer(400, { error, message: 'x' });
    open();
    await fill('long enough 1');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(words));
  });

  it('says so when the link has no token', () => {
    window.history.replaceState(null, '', '/family/invite');
    render(<FamilyApp path="/family/invite" />);
    expect(screen.getByRole('alert').textContent).toMatch(/mangler en del/);
  });

  it('speaks English to an English browser', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-GB']);
    open();
    expect(screen.getByRole('heading', { name: 'Welcome' })).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('reads the token from the hash or ?token=', () => {
    expect(tokenFrom({ hash: '#abc', search: '' })).toBe('abc');
    expect(tokenFrom({ hash: '', search: '?token=def' })).toBe('def');
    expect(tokenFrom({ hash: '', search: '' })).toBeNull();
  });
});
