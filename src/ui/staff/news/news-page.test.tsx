// @vitest-environment jsdom
/**
 * Nyheder as staff meet them: posts grouped as the wall sees them (shown now, coming, expired);
 * a new post with a photo is published through `news.put` and previewed with the kiosk's own
 * card; taking a post down asks first and sends `news.del`; the rules show beside the field.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Route } from 'wouter';
import type { Group, News } from '../../../domain/model.js';
import type * as UploadModuleNs from '../media/upload.js';
import { renderStaff } from '../test-support/render-staff.js';

type UploadModule = typeof UploadModuleNs;
import { NewsEditPage } from './news-edit-page.js';
import { NewsPage } from './news-page.js';

(globalThis as { CSS?: { escape(s: string): string } }).CSS ??= {
  escape: (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`),
};

const upload = vi.hoisted(() => ({ fn: vi.fn() }));
vi.mock('../media/upload.js', async (original) => ({
  ...(await original<UploadModule>()),
  uploadMedia: (...args: unknown[]) => upload.fn(...args) as unknown,
}));

const HASH = 'a'.repeat(64);
const group: Group = { id: 'g1', name: 'Hus A' };
const post = (id: string, over: Partial<News>): News => ({
  id,
  title: `Nyhed ${id}`,
  body: 'Tekst',
  media: [],
  publishAt: '2026-11-30T09:00:00.000Z',
  expiresAt: null,
  audience: { kind: 'all' },
  ...over,
});

// The test clock: Tuesday 1 December 2026, 10.00 in Copenhagen.
beforeEach(() => {
  upload.fn.mockReset();
  localStorage.clear();
});

describe('the news list', () => {
  it('groups posts as the wall sees them: shown now, coming, expired', async () => {
    await renderStaff(<NewsPage />, {
      path: '/news',
      seed: {
        group: [group],
        news: [
          post('live', { media: [{ hash: HASH, kind: 'video', signLanguage: true }] }),
          post('soon', {
            publishAt: '2026-12-05T13:00:00.000Z',
            audience: { kind: 'groups', groupIds: ['g1'] },
          }),
          post('old', {
            publishAt: '2026-11-20T09:00:00.000Z',
            expiresAt: '2026-11-29T09:00:00.000Z',
          }),
        ],
      },
    });
    const live = await screen.findByRole('region', { name: /Vises nu/ });
    expect(within(live).getByText('Nyhed live')).toBeTruthy();
    expect(within(live).getByText('Tegnsprog')).toBeTruthy();
    expect(
      within(live).getByText('Vises fra mandag 30. november 10.00 uden slutdato'),
    ).toBeTruthy();
    const coming = screen.getByRole('region', { name: /Kommer/ });
    expect(within(coming).getByText('Nyhed soon')).toBeTruthy();
    expect(within(coming).getByText('Kun Hus A')).toBeTruthy();
    const expired = screen.getByRole('region', { name: /Udløbet/ });
    expect(within(expired).getByText('Udløb søndag 29. november 10.00')).toBeTruthy();
    // An expired post cannot be taken down again.
    expect(within(expired).queryByRole('button', { name: /Tag/ })).toBeNull();
  });

  it('moves a post from coming to shown now at its publish instant', async () => {
    // The page's clock runs from 09:59:58.5 (UTC); the post is due at 10:00.
    const start = Date.parse('2026-12-01T10:00:00.000Z') - 1500;
    const began = Date.now();
    await renderStaff(<NewsPage />, {
      path: '/news',
      clock: { now: () => new Date(start + Date.now() - began) },
      seed: { news: [post('due', { publishAt: '2026-12-01T10:00:00.000Z' })] },
    });
    const coming = await screen.findByRole('region', { name: /Kommer/ });
    expect(within(coming).getByText('Nyhed due')).toBeTruthy();
    // Before the page's old 30-second tick.
    const live = screen.getByRole('region', { name: /Vises nu/ });
    await waitFor(() => expect(within(live).getByText('Nyhed due')).toBeTruthy(), {
      timeout: 6000,
    });
    expect(within(coming).queryByText('Nyhed due')).toBeNull();
  });

  it('takes a post down only after asking, with news.del', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<NewsPage />, {
      path: '/news',
      seed: { news: [post('live', {})] },
    });
    await user.click(await screen.findByRole('button', { name: 'Tag ned »Nyhed live«' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Tag nyheden ned?' });
    await user.click(within(dialog).getByRole('button', { name: 'Nej, behold den' }));
    expect(t.sent).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Tag ned »Nyhed live«' }));
    await user.click(screen.getByRole('button', { name: 'Ja, tag den ned' }));
    expect(t.sent).toEqual([{ name: 'news.del', args: { id: 'live' } }]);
    // Gone from the list at once (the outbox is laid over the cache).
    await waitFor(() => expect(screen.queryByText('Nyhed live')).toBeNull());
  });
});

describe('editing a post', () => {
  it('opens the stored post, and saves the change under the same id with news.put', async () => {
    const user = userEvent.setup();
    const stored = post('p1', { title: 'Bussen', expiresAt: '2026-12-03T15:00:00.000Z' });
    const t = await renderStaff(
      <Route path="/news/:id">
        <NewsEditPage />
      </Route>,
      { path: '/news/p1', seed: { news: [stored] } },
    );
    const title = await screen.findByRole('textbox', { name: /Overskrift/ });
    expect(title).toHaveProperty('value', 'Bussen');
    expect(screen.getByRole('checkbox', { name: 'Tages ned af sig selv' })).toHaveProperty(
      'checked',
      true,
    );
    await user.clear(title);
    await user.type(title, 'Bussen er forsinket');
    await user.click(screen.getByRole('button', { name: 'Gem ændringer' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toEqual({
      name: 'news.put',
      args: { ...stored, title: 'Bussen er forsinket' },
    });
  });

  it('says so when the post is gone', async () => {
    await renderStaff(
      <Route path="/news/:id">
        <NewsEditPage />
      </Route>,
      { path: '/news/gone' },
    );
    expect(await screen.findByText('Nyheden findes ikke (den er måske taget ned).')).toBeTruthy();
  });
});

describe('a new post', () => {
  it('with a photo is published now with news.put, and previewed with the kiosk’s own card', async () => {
    const user = userEvent.setup();
    upload.fn.mockResolvedValue({
      hash: HASH,
      kind: 'image',
      contentType: 'image/jpeg',
      width: 1920,
      height: 1280,
    });
    const t = await renderStaff(<NewsEditPage />, { path: '/news/new', seed: { group: [group] } });
    await user.type(await screen.findByRole('textbox', { name: /Overskrift/ }), 'Julefrokost');
    await user.type(screen.getByRole('textbox', { name: /Tekst/ }), 'Vi spiser sammen fredag.');
    const input = document.querySelector<HTMLInputElement>('input[type=file]');
    await user.upload(input!, new File(['x'], 'fest.jpg', { type: 'image/jpeg' }));
    expect(await screen.findByText('Foto')).toBeTruthy();

    // The preview is the kiosk's NewsCard, in its own shadow root.
    const host = document.querySelector('.kiosk-preview-host');
    await waitFor(() =>
      expect(host?.shadowRoot?.querySelector('h2')?.textContent).toBe('Julefrokost'),
    );
    expect(host?.shadowRoot?.querySelector('img.news-image')?.getAttribute('src')).toBe(
      `/media/${HASH}`,
    );
    expect(host?.shadowRoot?.textContent).toContain('Vi spiser sammen fredag.');

    await user.click(screen.getByRole('button', { name: 'Udgiv' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toMatchObject({
      name: 'news.put',
      args: {
        title: 'Julefrokost',
        body: 'Vi spiser sammen fredag.',
        media: [{ hash: HASH, kind: 'image', signLanguage: false }],
        publishAt: '2026-12-01T09:00:00.000Z',
        expiresAt: null,
        audience: { kind: 'all' },
      },
    });
  });

  it('shows the upload’s progress while it is sent', async () => {
    const user = userEvent.setup();
    let finish: (v: unknown) => void = () => undefined;
    upload.fn.mockImplementation((_file: File, onProgress: (f: number) => void) => {
      onProgress(0.5);
      return new Promise((resolve) => (finish = resolve));
    });
    await renderStaff(<NewsEditPage />, { path: '/news/new' });
    await screen.findByRole('textbox', { name: /Overskrift/ });
    await user.upload(
      document.querySelector<HTMLInputElement>('input[type=file]')!,
      new File(['x'], 'video.mp4', { type: 'video/mp4' }),
    );
    const bar = await screen.findByRole('progressbar', { name: 'Sender … 50 %' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByRole('button', { name: 'Vælg foto eller video' })).toHaveProperty(
      'disabled',
      true,
    );
    finish({ hash: HASH, kind: 'video', contentType: 'video/mp4', posterHash: 'c'.repeat(64) });
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    // A video can be marked as sign language; its poster stands for it in the list.
    expect(screen.getByRole('checkbox', { name: 'Videoen er på tegnsprog' })).toBeTruthy();
    expect(document.querySelector('.media-item img')?.getAttribute('src')).toBe(
      `/media/${'c'.repeat(64)}`,
    );
  });

  it('refuses a file over the limit before sending it', async () => {
    const user = userEvent.setup();
    await renderStaff(<NewsEditPage />, { path: '/news/new' });
    await screen.findByRole('textbox', { name: /Overskrift/ });
    const big = new File(['x'], 'big.jpg', { type: 'image/jpeg' });
    Object.defineProperty(big, 'size', { value: 16 * 1024 * 1024 });
    await user.upload(document.querySelector<HTMLInputElement>('input[type=file]')!, big);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Filen er for stor. Et foto må højst fylde 15 MB og en video 200 MB.',
    );
    expect(upload.fn).not.toHaveBeenCalled();
  });

  it('says so beside the button when the server refuses the file, and keeps nothing', async () => {
    const user = userEvent.setup();
    const { UploadError } = await import('../media/upload.js');
    upload.fn.mockRejectedValue(new UploadError('wrong_type', 'not a photo'));
    await renderStaff(<NewsEditPage />, { path: '/news/new' });
    await screen.findByRole('textbox', { name: /Overskrift/ });
    await user.upload(
      document.querySelector<HTMLInputElement>('input[type=file]')!,
      new File(['x'], 'virus.jpg', { type: 'image/jpeg' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Filen er hverken et foto eller en video, som skærmen kan vise.',
    );
    expect(screen.getByText('Ingen foto eller video endnu.')).toBeTruthy();
  });

  it('refuses a take-down time before the post is shown, beside the field and in the summary', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<NewsEditPage />, { path: '/news/new' });
    await user.type(await screen.findByRole('textbox', { name: /Overskrift/ }), 'Bus');
    await user.click(screen.getByRole('checkbox', { name: 'Tages ned af sig selv' }));
    await user.click(screen.getByRole('button', { name: 'Udgiv' }));
    expect(
      await screen.findAllByText('Vælg dag og klokkeslæt, eller fjern fluebenet.'),
    ).not.toHaveLength(0);
    expect(t.sent).toEqual([]);
  });

  it('shows the protocol’s rule for the headline before any mistake', async () => {
    await renderStaff(<NewsEditPage />, { path: '/news/new' });
    const field = await screen.findByRole('textbox', { name: /Overskrift/ });
    expect(field.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(/200 tegn/)).toBeTruthy();
  });
});
