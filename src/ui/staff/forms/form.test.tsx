// @vitest-environment jsdom
/**
 * The form kit as staff meet it, on the change-password page: the rule shown before any
 * mistake, Danish errors beside each field and in a summary at the top that links to them, and
 * nothing sent while a field is wrong.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangePasswordPage } from '../login/change-password.js';
import { renderStaff } from '../test-support/render-staff.js';

afterEach(() => vi.unstubAllGlobals());

describe('a staff form', () => {
  it('shows the rule first, then Danish errors beside the fields and in a linked summary', async () => {
    const fetchSpy = vi.fn(() => Promise.resolve(new Response('{}')));
    vi.stubGlobal('fetch', fetchSpy);
    await renderStaff(<ChangePasswordPage />);
    const next = screen.getByLabelText('Ny adgangskode');
    // The server's rule (NewPassword: at least 8) is under the field before anything is typed.
    expect(screen.getByText(/Mindst 8 tegn/)).toBeTruthy();
    const user = userEvent.setup();
    await user.type(next, 'short');
    await user.type(screen.getByLabelText('Gentag ny adgangskode'), 'other');
    await user.click(screen.getByRole('button', { name: 'Skift adgangskode' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Der er et problem')).toBeTruthy();
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual([
      '#field-current',
      '#field-next',
      '#field-repeat',
    ]);
    expect(summary.textContent).toContain('De to nye adgangskoder er ikke ens.');
    // zod's message in Danish, beside the field too.
    expect(next.getAttribute('aria-invalid')).toBe('true');
    expect(fetchSpy).not.toHaveBeenCalled();
    await user.click(links[1] as HTMLElement);
    expect(document.activeElement).toBe(next);
  });

  it('sends a valid change and says it is done', async () => {
    const fetchSpy = vi.fn(() => Promise.resolve(new Response('{}', { status: 200 })));
    vi.stubGlobal('fetch', fetchSpy);
    await renderStaff(<ChangePasswordPage />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nuværende adgangskode'), 'old password');
    await user.type(screen.getByLabelText('Ny adgangskode'), 'a much longer one');
    await user.type(screen.getByLabelText('Gentag ny adgangskode'), 'a much longer one');
    await user.click(screen.getByRole('button', { name: 'Skift adgangskode' }));
    await waitFor(() => expect(screen.getByText('Din adgangskode er skiftet.')).toBeTruthy());
    expect(fetchSpy).toHaveBeenCalledWith(
      '/api/password',
      expect.objectContaining({ method: 'POST' }),
    );
  });
});
