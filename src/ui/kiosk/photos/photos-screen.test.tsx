// @vitest-environment jsdom
/**
 * Billeder as a resident meets them: reachable from Home, albums newest first as big cards with
 * their first photo, then one photo at a time with "Billede 2 af 3", "Forrige" / "Næste" that
 * stop at the ends, the caption read aloud, and nothing that changes by itself.
 */
import { fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Album } from '../../../domain/model.js';
import { useKiosk } from '../state/store.js';
import { cph } from '../test-support/builders.js';
import { act, renderKiosk, screen, waitFor } from '../test-support/render-kiosk.js';

const hash = (c: string) => c.repeat(64);

const album = (id: string, o: Partial<Album> = {}): Album => ({
  id,
  title: `Album ${id}`,
  photos: [{ hash: hash('a') }],
  audience: { kind: 'all' },
  consentConfirmed: true,
  publishedAt: cph('2026-11-20', '09:00'),
  updatedAt: cph('2026-11-20', '09:00'),
  updatedBy: 'u1',
  ...o,
});

const trip = album('trip', {
  title: 'Tur til stranden',
  publishedAt: cph('2026-11-24', '08:00'),
  photos: [
    { hash: hash('b'), caption: 'Vi spiser is' },
    { hash: hash('c') },
    { hash: hash('d'), caption: 'Bussen hjem' },
  ],
});
const older = album('xmas', { title: 'Juleklip' });

afterEach(() => vi.useRealTimers());

describe('Billeder', () => {
  it('is a tile on Home', async () => {
    await renderKiosk({ seed: { album: [trip] } });
    const tiles = screen.getByRole('navigation', { name: 'Gå til' });
    fireEvent.click(within(tiles).getByRole('button', { name: 'Billeder' }));
    expect(useKiosk.getState().screen).toBe('photos');
    expect(screen.getByRole('heading', { level: 1, name: 'Billeder' })).toBeTruthy();
  });

  it('shows the albums newest first, each with its first photo and how many there are', async () => {
    await renderKiosk({
      screen: 'photos',
      now: cph('2026-11-24', '10:00'),
      seed: { album: [older, trip] },
    });
    const list = screen.getByRole('list', { name: 'Fotoalbum' });
    const titles = within(list)
      .getAllByRole('heading', { level: 2 })
      .map((h) => h.textContent);
    expect(titles).toEqual(['Tur til stranden', 'Juleklip']);
    const card = screen.getByRole('article', { name: 'Tur til stranden' });
    expect(within(card).getByText('I dag · 3 billeder')).toBeTruthy();
    const open = within(card).getByRole('button', { name: 'Se billederne: Tur til stranden' });
    expect(open.querySelector('img')?.getAttribute('src')).toBe(`/media/${hash('b')}`);
    expect(
      within(screen.getByRole('article', { name: 'Juleklip' })).getByText(
        'Fredag den 20. november · 1 billede',
      ),
    ).toBeTruthy();
  });

  it('says so when there are no albums', async () => {
    await renderKiosk({ screen: 'photos' });
    expect(screen.getByText('Der er ingen billeder lige nu.')).toBeTruthy();
  });

  it('shows one photo at a time with Forrige / Næste, stopping at the ends', async () => {
    await renderKiosk({ screen: 'photos', seed: { album: [trip] } });
    fireEvent.click(screen.getByRole('button', { name: 'Se billederne: Tur til stranden' }));
    const viewer = screen.getByRole('article', { name: 'Tur til stranden' });
    const img = () => viewer.querySelectorAll('img.photo-big');
    expect(img()).toHaveLength(1);
    expect(img()[0]?.getAttribute('src')).toBe(`/media/${hash('b')}`);
    expect(img()[0]?.getAttribute('alt')).toBe('Vi spiser is');
    expect(within(viewer).getByText('Billede 1 af 3')).toBeTruthy();
    expect(within(viewer).getByText('Vi spiser is')).toBeTruthy();
    const previous = within(viewer).getByRole('button', { name: 'Forrige' });
    const next = within(viewer).getByRole('button', { name: 'Næste' });
    expect(previous).toHaveProperty('disabled', true);

    fireEvent.click(next);
    expect(within(viewer).getByText('Billede 2 af 3')).toBeTruthy();
    // No caption: the alt text says where the photo is from.
    expect(img()[0]?.getAttribute('alt')).toBe('Billede 2 af 3 fra Tur til stranden');
    expect(previous).toHaveProperty('disabled', false);
    fireEvent.click(next);
    expect(within(viewer).getByText('Bussen hjem')).toBeTruthy();
    expect(next).toHaveProperty('disabled', true);
    fireEvent.click(previous);
    expect(within(viewer).getByText('Billede 2 af 3')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Alle fotoalbum' }));
    expect(screen.getByRole('list', { name: 'Fotoalbum' })).toBeTruthy();
  });

  it('never changes the photo by itself', async () => {
    const clock = { now: () => new Date(cph('2026-11-24', '10:00')) };
    await renderKiosk({ screen: 'photos', seed: { album: [trip] }, clock });
    fireEvent.click(screen.getByRole('button', { name: 'Se billederne: Tur til stranden' }));
    clock.now = () => new Date(cph('2026-11-24', '10:05'));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 1_200));
    });
    expect(screen.getByText('Billede 1 af 3')).toBeTruthy();
  });

  it('reads the album, the place in it and the caption aloud', async () => {
    const k = await renderKiosk({ screen: 'photos', seed: { album: [trip] } });
    fireEvent.click(screen.getByRole('button', { name: 'Se billederne: Tur til stranden' }));
    fireEvent.click(screen.getByRole('button', { name: 'Læs højt: Vi spiser is' }));
    await waitFor(() =>
      expect(k.speech.played).toEqual(['Tur til stranden. Billede 1 af 3. Vi spiser is.']),
    );
  });

  it('goes back to the list when the open album is taken down', async () => {
    const k = await renderKiosk({ screen: 'photos', seed: { album: [trip, older] } });
    fireEvent.click(screen.getByRole('button', { name: 'Se billederne: Tur til stranden' }));
    await act(async () => {
      await k.db.album.delete('trip');
    });
    await waitFor(() => expect(screen.getByRole('list', { name: 'Fotoalbum' })).toBeTruthy());
    expect(screen.queryByText('Tur til stranden')).toBeNull();
  });

  it('speaks English when the kiosk is set to English', async () => {
    await renderKiosk({ screen: 'photos', seed: { album: [trip] }, settings: { lang: 'en' } });
    fireEvent.click(screen.getByRole('button', { name: 'See the photos: Tur til stranden' }));
    expect(screen.getByText('Photo 1 of 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next' })).toBeTruthy();
  });
});
