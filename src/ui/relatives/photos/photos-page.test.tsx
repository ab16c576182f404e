// @vitest-environment jsdom
/**
 * Billeder on a relative's phone: the albums for the shown resident's groups (and for everyone),
 * newest first, as cards with cover, date and count; an album opened shows one photo at a time
 * with "Billede 2 af 3", Forrige / Næste stopping at the ends and alt text from the caption; an
 * album of another resident's group is not there, even by its address.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Album } from '../../../domain/model.js';
import { familyResident, renderFamily } from '../test-support/render-family.js';

const anna = familyResident({ id: 'r-anna', displayName: 'Anna Jensen', groupIds: ['g-birk'] });
const bent = familyResident({ id: 'r-bent', displayName: 'Bent Hansen', groupIds: ['g-eg'] });
const hash = (c: string) => c.repeat(64);

const album = (id: string, o: Partial<Album> = {}): Album => ({
  id,
  title: id,
  photos: [{ hash: hash('a') }],
  audience: { kind: 'all' },
  consentConfirmed: true,
  publishedAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
  updatedBy: 'u1',
  ...o,
});

const seed = {
  resident: [anna, bent],
  album: [
    album('Sommerfest'),
    album('Tur til stranden', {
      publishedAt: '2026-12-01T08:00:00.000Z',
      audience: { kind: 'groups', groupIds: ['g-birk'] },
      photos: [
        { hash: hash('b'), caption: 'Anna bader' },
        { hash: hash('c') },
        { hash: hash('d'), caption: 'Bussen hjem' },
      ],
    }),
    album('Eg: banko', { audience: { kind: 'groups', groupIds: ['g-eg'] } }),
  ],
};

const titles = () =>
  screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent);

describe('photos for relatives', () => {
  it('shows the resident’s albums newest first, with cover, date and count', async () => {
    await renderFamily({ path: '/photos', seed, selected: 'r-anna' });
    await screen.findByRole('heading', { level: 1, name: 'Billeder' });
    await screen.findAllByRole('article');
    expect(titles()).toEqual(['Tur til stranden', 'Sommerfest']);
    const first = screen.getAllByRole('article')[0] as HTMLElement;
    expect(first.querySelector('img')?.getAttribute('src')).toBe(`/media/${hash('b')}`);
    expect(within(first).getByText(/Lagt op i dag/)).toBeTruthy();
    expect(first.textContent).toContain('3 billeder');
    expect(
      within(screen.getAllByRole('article')[1] as HTMLElement).getByText(/1 billede$/),
    ).toBeTruthy();
  });

  it('shows another resident’s albums when the relative switches to them', async () => {
    await renderFamily({ path: '/photos', seed, selected: 'r-bent' });
    await screen.findAllByRole('article');
    expect(titles()).toEqual(['Eg: banko', 'Sommerfest']);
  });

  it('shows one photo at a time with Forrige / Næste and alt text from the caption', async () => {
    const user = userEvent.setup();
    const t = await renderFamily({ path: '/photos', seed, selected: 'r-anna' });
    await user.click(await screen.findByRole('link', { name: 'Se billederne: Tur til stranden' }));
    await screen.findByRole('heading', { level: 1, name: 'Tur til stranden' });
    expect(t.path()).toBe('/photos/Tur%20til%20stranden');
    expect(screen.getByRole('img', { name: 'Anna bader' }).getAttribute('src')).toBe(
      `/media/${hash('b')}`,
    );
    expect(screen.getByText('Billede 1 af 3')).toBeTruthy();
    const previous = screen.getByRole('button', { name: /Forrige/ });
    const next = screen.getByRole('button', { name: /Næste/ });
    expect(previous).toHaveProperty('disabled', true);
    await user.click(next);
    expect(screen.getByText('Billede 2 af 3')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Billede 2 af 3 fra Tur til stranden' })).toBeTruthy();
    await user.click(next);
    expect(screen.getByText('Bussen hjem')).toBeTruthy();
    expect(next).toHaveProperty('disabled', true);
    await user.click(previous);
    expect(screen.getByText('Billede 2 af 3')).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'Alle fotoalbum' }));
    await waitFor(() => expect(t.path()).toBe('/photos'));
  });

  it('does not show another group’s album, even by its address', async () => {
    await renderFamily({ path: '/photos/Eg%3A%20banko', seed, selected: 'r-anna' });
    expect(await screen.findByText('Fotoalbummet findes ikke længere.')).toBeTruthy();
    expect(screen.queryByRole('img', { name: /banko/ })).toBeNull();
  });

  it('says so when there are no albums, and speaks English', async () => {
    await renderFamily({ path: '/photos', seed: { resident: [anna] }, lang: 'en' });
    expect(await screen.findByText('There are no photo albums right now.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Photos' })).toBeTruthy();
  });
});
