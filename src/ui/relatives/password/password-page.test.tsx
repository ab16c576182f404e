// @vitest-environment jsdom
/**
 * Changing the password: the rules (from the server's NewPassword schema) ticked off as the
 * relative types, nothing sent until they hold, and the server's answers in plain words.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { familyResident, renderFamily } from '../test-support/render-family.js';

const anna = familyResident({ id: 'r-anna' });

afterEach(() => vi.unstubAllGlobals());

function answer(status: number) {
  const fetch = vi.fn(() => Promise.resolve(new Response('{}', { status })));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const rule = (text: RegExp) =>
  screen.getAllByRole('listitem').find((li) => text.test(li.textContent ?? ''));

describe('change password', () => {
  it('ticks the rules off while typing and sends only when they hold', async () => {
    const fetch = answer(200);
    await renderFamily({ path: '/password', seed: { resident: [anna] } });
    await screen.findByRole('heading', { level: 1, name: 'Skift adgangskode' });
    expect(rule(/mindst 8 tegn/)?.textContent).toContain('ikke opfyldt endnu');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Din adgangskode nu'), 'gammel kode');
    await user.type(screen.getByLabelText('Ny adgangskode'), 'kort');
    expect(rule(/mindst 8 tegn/)?.textContent).toContain('ikke opfyldt endnu');
    await user.click(screen.getByRole('button', { name: 'Skift adgangskode' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Den nye adgangskode opfylder ikke reglerne herover.',
    );
    expect(fetch).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('Ny adgangskode'), ' men lang nu');
    expect(rule(/mindst 8 tegn/)?.textContent).toContain('(opfyldt)');
    expect(rule(/ens to gange/)?.textContent).toContain('ikke opfyldt endnu');
    await user.type(screen.getByLabelText('Skriv den nye adgangskode igen'), 'kort men lang nu');
    expect(rule(/ens to gange/)?.textContent).toContain('(opfyldt)');
    await user.click(screen.getByRole('button', { name: 'Skift adgangskode' }));
    expect(await screen.findByText(/Din adgangskode er skiftet/)).toBeTruthy();
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/password');
    expect(JSON.parse(init.body as string)).toEqual({
      current: 'gammel kode',
      next: 'kort men lang nu',
    });
    expect(screen.getByLabelText<HTMLInputElement>('Ny adgangskode').value).toBe('');
  });

  it.each([
    [403, 'Din adgangskode nu er ikke rigtig.'],
    [400, 'Vælg en ny adgangskode, ikke den du har.'],
    [429, 'For mange forsøg. Vent 15 minutter, og prøv igen.'],
  ])('says the server’s %s in plain words', async (status, words) => {
    answer(status);
    await renderFamily({ path: '/password', seed: { resident: [anna] } });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Din adgangskode nu'), 'gammel kode');
    await user.type(screen.getByLabelText('Ny adgangskode'), 'en ny lang kode');
    await user.type(screen.getByLabelText('Skriv den nye adgangskode igen'), 'en ny lang kode');
    await user.click(screen.getByRole('button', { name: 'Skift adgangskode' }));
    const main = screen.getByRole('main');
    expect((await within(main).findByRole('alert')).textContent).toBe(words);
  });
});
