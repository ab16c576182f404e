// @vitest-environment jsdom
import { fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cph, news } from '../test-support/builders.js';
import { useKiosk } from '../state/store.js';
import { act, renderKiosk, screen } from '../test-support/render-kiosk.js';

const hash = (c: string) => c.repeat(64);

const posts = [
  news('n-old', { title: 'Frisøren kommer', publishAt: cph('2026-11-20', '09:00') }),
  news('n-new', {
    title: 'Julefrokost',
    body: 'Fredag holder vi julefrokost.\n\nAlle er velkomne.',
    publishAt: cph('2026-11-24', '08:00'),
    media: [{ hash: hash('a'), kind: 'image', signLanguage: false }],
  }),
  news('n-yesterday', {
    title: 'Ny medarbejder',
    body: 'Pia er startet.',
    publishAt: cph('2026-11-23', '15:00'),
    media: [{ hash: hash('b'), kind: 'video', signLanguage: true }],
  }),
  // Not yet published, and taken down: never shown.
  news('n-future', { title: 'Kommer senere', publishAt: cph('2026-11-24', '12:00') }),
  news('n-expired', {
    title: 'Gammel nyhed',
    publishAt: cph('2026-11-01', '09:00'),
    expiresAt: cph('2026-11-24', '09:59'),
  }),
  news('n-group', {
    title: 'Kun for Egehuset',
    publishAt: cph('2026-11-19', '09:00'),
    expiresAt: cph('2026-11-30', '09:00'),
    audience: { kind: 'groups', groupIds: ['g-eg'] },
  }),
];

const titles = () => screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);

afterEach(() => vi.restoreAllMocks());

describe('News', () => {
  it('shows published news newest first, hides future and expired posts', async () => {
    await renderKiosk({ screen: 'news', now: cph('2026-11-24', '10:00'), seed: { news: posts } });
    expect(screen.getByRole('heading', { level: 1, name: 'Nyheder' })).toBeTruthy();
    expect(titles()).toEqual([
      'Julefrokost',
      'Ny medarbejder',
      'Frisøren kommer',
      'Kun for Egehuset',
    ]);
    expect(screen.queryByText('Kommer senere')).toBeNull();
    expect(screen.queryByText('Gammel nyhed')).toBeNull();
  });

  it('says the day in words and opens the newest; a button opens another', async () => {
    await renderKiosk({ screen: 'news', now: cph('2026-11-24', '10:00'), seed: { news: posts } });
    const newest = screen.getByRole('article', { name: 'Julefrokost' });
    expect(within(newest).getByText('I dag')).toBeTruthy();
    expect(within(newest).getByText('Fredag holder vi julefrokost.')).toBeTruthy();
    expect(within(newest).getByText('Alle er velkomne.')).toBeTruthy();
    const img = newest.querySelector('img.news-image');
    expect(img?.getAttribute('src')).toBe(`/media/${hash('a')}`);
    expect(img?.getAttribute('alt')).toBe('');
    expect(within(screen.getByRole('article', { name: 'Ny medarbejder' })).getByText('I går'));
    const old = screen.getByRole('article', { name: 'Frisøren kommer' });
    expect(within(old).getByText('Fredag den 20. november')).toBeTruthy();
    expect(screen.queryByText('Pia er startet.')).toBeNull();

    fireEvent.click(
      within(screen.getByRole('article', { name: 'Ny medarbejder' })).getByRole('button', {
        name: 'Åbn nyheden',
      }),
    );
    expect(screen.getByText('Pia er startet.')).toBeTruthy();
    // One open at a time.
    expect(screen.queryByText('Fredag holder vi julefrokost.')).toBeNull();
  });

  it('never starts a video by itself; the big button plays and pauses it', async () => {
    const play = vi.spyOn(window.HTMLMediaElement.prototype, 'play');
    const pause = vi.spyOn(window.HTMLMediaElement.prototype, 'pause');
    await renderKiosk({
      screen: 'news',
      now: cph('2026-11-24', '10:00'),
      seed: { news: posts.filter((n) => n.id === 'n-yesterday') },
    });
    const video = document.querySelector('video')!;
    expect(video.autoplay).toBe(false);
    expect(video.hasAttribute('autoplay')).toBe(false);
    expect(video.getAttribute('preload')).toBe('metadata');
    expect(video.hasAttribute('controls')).toBe(true);
    expect(video.getAttribute('src')).toBe(`/media/${hash('b')}`);
    expect(play).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Afspil' }));
    expect(play).toHaveBeenCalledTimes(1);
    fireEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    expect(pause).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Afspil' })).toBeTruthy();
  });

  it('shows a video’s poster frame before it plays, when the server made one', async () => {
    const post = posts.find((n) => n.id === 'n-yesterday')!;
    const withPoster = { ...post, media: [{ ...post.media[0]!, poster: hash('c') }] };
    await renderKiosk({
      screen: 'news',
      now: cph('2026-11-24', '10:00'),
      seed: { news: [withPoster] },
    });
    expect(document.querySelector('video')?.getAttribute('poster')).toBe(`/media/${hash('c')}`);
  });

  it('shows a video without a poster as the browser does (no poster attribute)', async () => {
    await renderKiosk({
      screen: 'news',
      now: cph('2026-11-24', '10:00'),
      seed: { news: posts.filter((n) => n.id === 'n-yesterday') },
    });
    expect(document.querySelector('video')?.hasAttribute('poster')).toBe(false);
  });

  it('labels a sign-language video with its pictogram and a word, open or closed', async () => {
    await renderKiosk({ screen: 'news', now: cph('2026-11-24', '10:00'), seed: { news: posts } });
    // Closed: the label tells a deaf resident there is a video in sign language.
    const card = screen.getByRole('article', { name: 'Ny medarbejder' });
    expect(within(card).getByText('Tegnsprog')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Åbn nyheden' }));
    const open = screen.getByRole('article', { name: 'Ny medarbejder' });
    expect(within(open).getByText('Tegnsprog')).toBeTruthy();
    expect(open.querySelector('.sign-language img')).toBeTruthy();
    expect(within(open).getByLabelText('Video: Ny medarbejder').tagName).toBe('VIDEO');
  });

  it('shows a post published this minute the moment it arrives, not at the next tick', async () => {
    // Staff publish "now": the form's time is the start of the minute. The kiosk's clock had last
    // been looked at before that minute began.
    let now = Date.parse(cph('2026-11-24', '10:00')) + 55_000;
    const k = await renderKiosk({ screen: 'news', clock: { now: () => new Date(now) } });
    expect(screen.getByText('Der er ingen nyheder lige nu.')).toBeTruthy();
    now += 7_000; // 10:01:02
    await act(() =>
      k.db.news.put(
        news('n-now', { title: 'Tur til stranden', publishAt: cph('2026-11-24', '10:01') }),
      ),
    );
    expect(
      await screen.findByRole('article', { name: 'Tur til stranden' }, { timeout: 1000 }),
    ).toBeTruthy();
  });

  it('brings a post up at its publish instant and takes one down at its expiry', async () => {
    // The kiosk's clock runs from 10:00:58.5; the change is due at 10:01.
    const start = Date.parse(cph('2026-11-24', '10:01')) - 1500;
    const began = Date.now();
    await renderKiosk({
      screen: 'news',
      clock: { now: () => new Date(start + Date.now() - began) },
      seed: {
        news: [
          news('n-due', { title: 'Kaffe i haven', publishAt: cph('2026-11-24', '10:01') }),
          news('n-ends', {
            title: 'Vinduespudser i dag',
            publishAt: cph('2026-11-24', '08:00'),
            expiresAt: cph('2026-11-24', '10:01'),
          }),
        ],
      },
    });
    expect(titles()).toEqual(['Vinduespudser i dag']);
    // Well before the first of the old 10-second ticks.
    await screen.findByRole('article', { name: 'Kaffe i haven' }, { timeout: 6000 });
    expect(titles()).toEqual(['Kaffe i haven']);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1500);
  });

  it('says calmly when there is no news', async () => {
    await renderKiosk({
      screen: 'news',
      now: cph('2026-11-24', '10:00'),
      seed: { news: posts.filter((n) => n.id === 'n-future' || n.id === 'n-expired') },
    });
    expect(screen.getByText('Der er ingen nyheder lige nu.')).toBeTruthy();
  });

  it('gives a closed item two buttons that neither look nor read alike', async () => {
    await renderKiosk({ screen: 'news', now: cph('2026-11-24', '10:00'), seed: { news: posts } });
    const card = screen.getByRole('article', { name: 'Frisøren kommer' });
    const buttons = within(card).getAllByRole('button');
    expect(buttons).toHaveLength(2);
    const [speak, open] = [
      within(card).getByRole('button', { name: 'Læs højt: Frisøren kommer' }),
      within(card).getByRole('button', { name: 'Åbn nyheden' }),
    ];
    // No word in common ("Læs højt" and "Læs nyheden" were told apart by their second word).
    const words = (b: HTMLElement) => new Set(b.textContent.toLocaleLowerCase('da').split(/\s+/));
    const shared = [...words(speak)].filter((w) => w !== '' && words(open).has(w));
    expect(shared).toEqual([]);
    // Different shapes: the small outlined speaker square, and the full-width filled button.
    expect(speak.className).toContain('read-aloud');
    expect(open.className).toContain('primary');
    expect(open.className).toContain('news-open');
  });

  it('waits calmly while the cache is read', async () => {
    const k = await renderKiosk({ now: cph('2026-11-24', '10:00'), seed: { news: posts } });
    Object.defineProperty(k.db.news, 'toArray', { value: () => new Promise<never>(() => {}) });
    act(() => useKiosk.getState().go('news'));
    expect(await screen.findByText('Et øjeblik.')).toBeTruthy();
    expect(screen.queryByText('Julefrokost')).toBeNull();
  });

  it('speaks English when the kiosk is set to English', async () => {
    await renderKiosk({
      screen: 'news',
      now: cph('2026-11-24', '10:00'),
      settings: { lang: 'en' },
      seed: { news: posts },
    });
    expect(screen.getByRole('heading', { level: 1, name: 'News' })).toBeTruthy();
    expect(screen.getByText('Today')).toBeTruthy();
    expect(screen.getByText('Yesterday')).toBeTruthy();
    expect(screen.getByText('Sign language')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Open the news item' }).length).toBe(3);
  });
});
