// @vitest-environment jsdom
/**
 * The municipal admin's page in its states: sign-in (a wrong password, the rate limit, no
 * server) told plainly in Danish and in English after the switch; the centres, or with none
 * what to do; the way to "Opret center" and back with the new centre listed; signing out.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MunicipalApp } from './app.js';
import { createdDate } from './centres-page.js';
import { fakeServer, json, renderMunicipal } from './test-support/render-municipal.js';

const SESSION = 'GET /api/municipal/session';
const LOGIN = 'POST /api/municipal/login';
const CENTRES = 'GET /api/municipal/centres';

const EG = {
  slug: 'eg',
  name: 'Eg',
  url: 'https://eg.kommune.example.dk',
  createdAt: '2026-12-01T11:00:00.000Z',
};
const AERTEBJERG = {
  slug: 'aertebjerg-bo',
  name: 'Ærtebjerg Bo',
  url: 'https://aertebjerg-bo.kommune.example.dk',
  createdAt: '2026-11-03T11:00:00.000Z',
};

async function signIn(user: ReturnType<typeof userEvent.setup>, password = 'correct horse') {
  await user.type(await screen.findByLabelText('Brugernavn'), 'it-anne');
  await user.type(screen.getByLabelText('Adgangskode'), password);
  await user.click(screen.getByRole('button', { name: 'Log ind' }));
}

describe('signing in', () => {
  it('says a wrong password, then lets the right one in', async () => {
    const sent = fakeServer({
      [SESSION]: json(401, {}),
      [LOGIN]: [json(401, { error: 'bad_credentials' }), json(200, { username: 'it-anne' })],
      [CENTRES]: json(200, { centres: [] }),
    });
    renderMunicipal(<MunicipalApp />);
    const user = userEvent.setup();
    await signIn(user, 'wrong password');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Brugernavn eller adgangskode er forkert.',
    );
    await user.clear(screen.getByLabelText('Adgangskode'));
    await user.type(screen.getByLabelText('Adgangskode'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Log ind' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Centre' })).toBeTruthy();
    expect(screen.getByText('Logget ind som it-anne')).toBeTruthy();
    expect(sent.filter((s) => s.path === '/api/municipal/login').map((s) => s.body)).toEqual([
      { username: 'it-anne', password: 'wrong password' },
      { username: 'it-anne', password: 'correct horse' },
    ]);
  });

  it("says the rate limit's wait in minutes, and a server that cannot be reached", async () => {
    fakeServer({
      [SESSION]: json(401, {}),
      [LOGIN]: json(429, { error: 'rate_limited' }, { 'retry-after': '45' }),
    });
    renderMunicipal(<MunicipalApp />);
    const user = userEvent.setup();
    await signIn(user);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'For mange forsøg. Prøv igen om 1 minut.',
    );
    fakeServer({});
    await user.click(screen.getByRole('button', { name: 'Log ind' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Ingen forbindelse til serveren. Tjek netværket og prøv igen.',
      ),
    );
  });

  it('refuses empty fields before asking the server', async () => {
    const sent = fakeServer({ [SESSION]: json(401, {}) });
    renderMunicipal(<MunicipalApp />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Log ind' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Brugernavn skal udfyldes', 'Adgangskode skal udfyldes']);
    expect(sent.map((s) => s.path)).toEqual(['/api/municipal/session']);
  });

  it('speaks English after the switch, and remembers it', async () => {
    fakeServer({
      [SESSION]: json(401, {}),
      [LOGIN]: json(429, {}, { 'retry-after': '300' }),
    });
    renderMunicipal(<MunicipalApp />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'English' }));
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('cg-municipal-lang')).toBe('en');
    await user.type(screen.getByLabelText('Username'), 'it-anne');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many attempts. Try again in 5 minutes.',
    );
    await user.click(screen.getByRole('button', { name: 'Dansk' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Log ind som kommunal administrator',
    );
  });
});

describe('the centres', () => {
  it('with none yet, says what to do, and the button opens the form', async () => {
    fakeServer({
      [SESSION]: json(200, { username: 'it-anne' }),
      [CENTRES]: json(200, { centres: [] }),
    });
    renderMunicipal(<MunicipalApp />);
    expect(await screen.findByText('Der er ingen centre endnu')).toBeTruthy();
    expect(screen.getByText(/Opret det første center her/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    const user = userEvent.setup();
    // One way on: the empty state's own button.
    await user.click(screen.getByRole('button', { name: 'Opret center' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Opret center' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    await user.click(screen.getByRole('button', { name: 'Annullér' }));
    expect(await screen.findByText('Der er ingen centre endnu')).toBeTruthy();
  });

  it('lists each with its address linking to its staff admin, its slug and a Danish date', async () => {
    fakeServer({
      [SESSION]: json(200, { username: 'it-anne' }),
      [CENTRES]: json(200, { centres: [EG, AERTEBJERG] }),
    });
    renderMunicipal(<MunicipalApp />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Eg',
      'Ærtebjerg Bo',
    ]);
    const link = within(rows[1] as HTMLElement).getByRole('link');
    expect(link.textContent).toBe('aertebjerg-bo.kommune.example.dk');
    expect(link.getAttribute('href')).toBe('https://aertebjerg-bo.kommune.example.dk/staff/');
    expect(rows[1]?.textContent).toContain('aertebjerg-bo');
    expect(rows[1]?.textContent).toContain('3. november 2026');
    expect(screen.getByText('2 centre')).toBeTruthy();
  });

  it('offers to try again when they cannot be fetched, and signs out on a 401', async () => {
    fakeServer({
      [SESSION]: json(200, { username: 'it-anne' }),
      [CENTRES]: [json(500, {}), json(200, { centres: [EG] })],
    });
    renderMunicipal(<MunicipalApp />);
    expect((await screen.findByRole('alert')).textContent).toContain('Centrene kunne ikke hentes.');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Prøv igen' }));
    expect(await screen.findByRole('table')).toBeTruthy();

    fakeServer({ [SESSION]: json(200, { username: 'it-anne' }), [CENTRES]: json(401, {}) });
    await user.click(screen.getByRole('button', { name: 'Opret center' }));
    await user.click(screen.getByRole('button', { name: 'Annullér' }));
    expect(await screen.findByRole('button', { name: 'Log ind' })).toBeTruthy();
  });

  it('formats a date in Danish and in English', () => {
    expect(createdDate('2026-12-01T11:00:00.000Z', 'da')).toBe('1. december 2026');
    expect(createdDate('2026-12-01T11:00:00.000Z', 'en')).toBe('1 December 2026');
  });
});

describe('signing out', () => {
  it('ends the session on the server and shows the sign-in', async () => {
    const sent = fakeServer({
      [SESSION]: json(200, { username: 'it-anne' }),
      [CENTRES]: json(200, { centres: [EG] }),
      'POST /api/municipal/logout': json(200, { ok: true }),
    });
    renderMunicipal(<MunicipalApp />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Log ud' }));
    expect(await screen.findByRole('button', { name: 'Log ind' })).toBeTruthy();
    expect(sent.map((s) => `${s.method} ${s.path}`)).toContain('POST /api/municipal/logout');
    expect(screen.queryByText(/Logget ind som/)).toBeNull();
  });
});
