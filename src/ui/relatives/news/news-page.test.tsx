// @vitest-environment jsdom
/**
 * News for the shown resident: published and not expired, for everyone or the resident's groups
 * (a relative of residents in two houses sees each one's news on their page), newest first, with
 * title, date, text and pictures.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { News } from '../../../domain/model.js';
import { familyResident, renderFamily } from '../test-support/render-family.js';

const anna = familyResident({ id: 'r-anna', displayName: 'Anna Jensen', groupIds: ['g-birk'] });
const bent = familyResident({ id: 'r-bent', displayName: 'Bent Hansen', groupIds: ['g-eg'] });

const news = (id: string, over: Partial<News>): News => ({
  id,
  title: id,
  body: '',
  media: [],
  publishAt: '2026-11-30T10:00:00.000Z',
  expiresAt: null,
  audience: { kind: 'all' },
  ...over,
});

const seed = {
  resident: [anna, bent],
  news: [
    news('Julefrokost', {
      body: 'Vi spiser sammen fredag.\n\nHusk nissehuen.',
      publishAt: '2026-12-01T08:15:00.000Z',
      media: [{ hash: 'b'.repeat(64), kind: 'image', signLanguage: false }],
    }),
    news('Ny frisør', { publishAt: '2026-11-28T12:00:00.000Z' }),
    news('Birk: fodbold', {
      publishAt: '2026-11-30T09:00:00.000Z',
      audience: { kind: 'groups', groupIds: ['g-birk'] },
    }),
    news('Eg: banko', { audience: { kind: 'groups', groupIds: ['g-eg'] } }),
    news('Kommer i morgen', { publishAt: '2026-12-02T08:00:00.000Z' }),
    news('Udløbet', { expiresAt: '2026-11-30T23:00:00.000Z' }),
  ],
};

const titles = () =>
  screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent);

describe('news for relatives', () => {
  it('shows the resident’s news newest first, with date, text and picture', async () => {
    await renderFamily({ path: '/news', seed });
    await screen.findByRole('heading', { level: 1, name: 'Nyheder' });
    await screen.findAllByRole('article');
    expect(titles()).toEqual(['Julefrokost', 'Birk: fodbold', 'Ny frisør']);
    const first = screen.getAllByRole('article')[0] as HTMLElement;
    expect(within(first).getByText('Skrevet i dag 09.15')).toBeTruthy();
    expect(within(first).getByText('Husk nissehuen.')).toBeTruthy();
    expect(first.querySelector('img')?.getAttribute('src')).toBe(`/media/${'b'.repeat(64)}`);
    const second = screen.getAllByRole('article')[1] as HTMLElement;
    expect(within(second).getByText('Skrevet i går 10.00')).toBeTruthy();
    const third = screen.getAllByRole('article')[2] as HTMLElement;
    expect(within(third).getByText('Skrevet lørdag 28. november 13.00')).toBeTruthy();
  });

  it('shows the other resident’s groups after switching', async () => {
    await renderFamily({ path: '/news', seed });
    await screen.findAllByRole('article');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Skift person' }));
    await user.click(screen.getByRole('button', { name: 'Bent Hansen' }));
    await screen.findByText('Eg: banko');
    expect(titles()).toEqual(['Julefrokost', 'Eg: banko', 'Ny frisør']);
  });

  it('says so when there is no news, in English too', async () => {
    await renderFamily({ path: '/news', seed: { resident: [anna] }, lang: 'en' });
    expect(await screen.findByText('There is no news right now.')).toBeTruthy();
  });
});
