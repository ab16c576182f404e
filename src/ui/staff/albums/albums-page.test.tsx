// @vitest-environment jsdom
/**
 * Fotoalbum as staff meet them: albums newest first with count and audience; a new album from
 * several photos chosen at once, with captions, reordered and one removed, posted only with the
 * consent tick; a stored album edited (the tick asked again); deleting asks first.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route } from 'wouter';
import type { Album, Group } from '../../../domain/model.js';
import type * as UploadModuleNs from '../media/upload.js';
import { renderStaff } from '../test-support/render-staff.js';
import { AuditPage } from '../audit/audit-page.js';
import { AlbumEditPage } from './album-edit-page.js';
import { AlbumsPage } from './albums-page.js';

type UploadModule = typeof UploadModuleNs;

const upload = vi.hoisted(() => ({ fn: vi.fn() }));
vi.mock('../media/upload.js', async (original) => ({
  ...(await original<UploadModule>()),
  uploadMedia: (...args: unknown[]) => upload.fn(...args) as unknown,
}));

const hash = (c: string) => c.repeat(64);
const groups: Group[] = [
  { id: 'g1', name: 'Hus A' },
  { id: 'g2', name: 'Hus B' },
];
const album = (id: string, o: Partial<Album> = {}): Album => ({
  id,
  title: `Album ${id}`,
  photos: [{ hash: hash('a'), caption: 'Ved søen' }],
  audience: { kind: 'all' },
  consentConfirmed: true,
  publishedAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  updatedBy: 'u1',
  ...o,
});

const editPage = (
  <Route path="/albums/:id">
    <AlbumEditPage />
  </Route>
);
const fileInput = () => document.querySelector<HTMLInputElement>('input[type=file]')!;

beforeEach(() => {
  upload.fn.mockReset();
  localStorage.clear();
});

describe('the album list', () => {
  it('shows albums newest first, with how many photos and for whom', async () => {
    await renderStaff(<AlbumsPage />, {
      path: '/albums',
      seed: {
        group: groups,
        album: [
          album('old', { title: 'Sommerfest' }),
          album('new', {
            title: 'Julebag',
            publishedAt: '2026-12-01T08:00:00.000Z',
            audience: { kind: 'groups', groupIds: ['g2'] },
            photos: [{ hash: hash('b') }, { hash: hash('c') }],
          }),
        ],
      },
    });
    const rows = await screen.findAllByRole('listitem');
    expect(rows.map((r) => within(r).getByText(/^(Julebag|Sommerfest)$/).textContent)).toEqual([
      'Julebag',
      'Sommerfest',
    ]);
    expect(
      within(rows[0]!).getByText(/2 fotos · Lagt op tirsdag 1\. december 09\.00/),
    ).toBeTruthy();
    expect(within(rows[0]!).getByText('Kun Hus B')).toBeTruthy();
    expect(within(rows[1]!).getByText('Alle')).toBeTruthy();
  });

  it('deletes an album only after asking, with album.del', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<AlbumsPage />, {
      path: '/albums',
      seed: { album: [album('a1', { title: 'Udflugt' })] },
    });
    await user.click(await screen.findByRole('button', { name: 'Slet »Udflugt«' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Slet fotoalbummet?' });
    await user.click(within(dialog).getByRole('button', { name: 'Nej, behold det' }));
    expect(t.sent).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Slet »Udflugt«' }));
    await user.click(screen.getByRole('button', { name: 'Ja, slet det' }));
    expect(t.sent).toEqual([{ name: 'album.del', args: { id: 'a1' } }]);
    await waitFor(() => expect(screen.queryByText('Udflugt')).toBeNull());
  });

  it('is in the menu as Fotoalbum', async () => {
    const { menuEntries } = await import('../shell/layout.js');
    expect(menuEntries('staff').some((p) => p.path === '/albums' && p.nav === 'albums')).toBe(true);
  });
});

describe('a new album', () => {
  it('takes several photos at once, captions, order and removal, and needs the consent tick', async () => {
    const user = userEvent.setup();
    let n = 0;
    upload.fn.mockImplementation(() => {
      n += 1;
      return Promise.resolve({ hash: hash(String(n)), kind: 'image', contentType: 'image/jpeg' });
    });
    const t = await renderStaff(editPage, { path: '/albums/new', seed: { group: groups } });
    await user.type(await screen.findByRole('textbox', { name: /^Titel/ }), 'Tur til stranden');
    await user.upload(fileInput(), [
      new File(['1'], 'a.jpg', { type: 'image/jpeg' }),
      new File(['2'], 'b.jpg', { type: 'image/jpeg' }),
      new File(['3'], 'c.jpg', { type: 'image/jpeg' }),
    ]);
    await screen.findByRole('img', { name: 'Foto 3' });
    expect(upload.fn).toHaveBeenCalledTimes(3);
    await user.type(screen.getByRole('textbox', { name: /Tekst til foto 1/ }), 'Vi bader');
    await user.type(screen.getByRole('textbox', { name: /Tekst til foto 3/ }), 'Bussen hjem');
    // The third photo moves up above the second; then the (now third) middle one is removed.
    await user.click(screen.getByRole('button', { name: 'Flyt op: foto 3' }));
    await user.click(screen.getByRole('button', { name: 'Fjern foto 3' }));
    await user.click(screen.getByRole('radio', { name: 'Kun nogle grupper' }));
    await user.click(screen.getByRole('checkbox', { name: 'Hus A' }));

    // Not without the tick: said beside it and in the summary, nothing sent.
    await user.click(screen.getByRole('button', { name: 'Læg op' }));
    expect(
      await screen.findAllByText('Sæt flueben, når alle på billederne har givet samtykke.'),
    ).toHaveLength(2);
    expect(t.sent).toEqual([]);

    await user.click(
      screen.getByRole('checkbox', {
        name: 'Alle på billederne har givet samtykke til at blive vist',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Læg op' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toMatchObject({
      name: 'album.put',
      args: {
        title: 'Tur til stranden',
        photos: [
          { hash: hash('1'), caption: 'Vi bader' },
          { hash: hash('3'), caption: 'Bussen hjem' },
        ],
        audience: { kind: 'groups', groupIds: ['g1'] },
        consentConfirmed: true,
      },
    });
    expect(t.path()).toBe('/albums');
  });

  it('refuses an album without photos', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(editPage, { path: '/albums/new' });
    await user.type(await screen.findByRole('textbox', { name: /^Titel/ }), 'Tomt');
    await user.click(
      screen.getByRole('checkbox', {
        name: 'Alle på billederne har givet samtykke til at blive vist',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Læg op' }));
    expect(await screen.findAllByText('Vælg mindst ét foto.')).not.toHaveLength(0);
    expect(t.sent).toEqual([]);
  });

  it('names a refused file and keeps the others', async () => {
    const user = userEvent.setup();
    const { UploadError } = await import('../media/upload.js');
    upload.fn
      .mockResolvedValueOnce({ hash: hash('1'), kind: 'image', contentType: 'image/jpeg' })
      .mockRejectedValueOnce(new UploadError('wrong_type', 'no'));
    await renderStaff(editPage, { path: '/albums/new' });
    await screen.findByRole('textbox', { name: /^Titel/ });
    await user.upload(fileInput(), [
      new File(['1'], 'godt.jpg', { type: 'image/jpeg' }),
      new File(['2'], 'skidt.jpg', { type: 'image/jpeg' }),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('1 foto kom ikke med:');
    expect(alert.textContent).toContain('skidt.jpg');
    expect(screen.getByRole('img', { name: 'Foto 1' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: 'Foto 2' })).toBeNull();
  });

  it('shows the album in the preview as the wall will, paged with its own buttons', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(editPage, {
      path: `/albums/a1`,
      seed: {
        album: [
          album('a1', {
            title: 'Udflugt',
            photos: [{ hash: hash('a'), caption: 'Ved søen' }, { hash: hash('b') }],
          }),
        ],
      },
    });
    const host = await waitFor(() => {
      const h = document.querySelector('.kiosk-preview-host');
      expect(h?.shadowRoot?.querySelector('h2')?.textContent).toBe('Udflugt');
      return h!;
    });
    const shadow = host.shadowRoot!;
    expect(shadow.textContent).toContain('Billede 1 af 2');
    expect(shadow.querySelector('img.photo-big')?.getAttribute('src')).toBe(`/media/${hash('a')}`);
    await user.click(
      within(shadow as unknown as HTMLElement).getByRole('button', { name: 'Næste' }),
    );
    expect(shadow.textContent).toContain('Billede 2 af 2');

    // Editing: stored values, the tick asked again, saved under the same id.
    const title = screen.getByRole('textbox', { name: /^Titel/ });
    expect(title).toHaveProperty('value', 'Udflugt');
    expect(
      screen.getByRole('checkbox', {
        name: 'Alle på billederne har givet samtykke til at blive vist',
      }),
    ).toHaveProperty('checked', false);
    await user.type(title, ' i skoven');
    await user.click(
      screen.getByRole('checkbox', {
        name: 'Alle på billederne har givet samtykke til at blive vist',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Gem ændringer' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toEqual({
      name: 'album.put',
      args: {
        id: 'a1',
        title: 'Udflugt i skoven',
        photos: [{ hash: hash('a'), caption: 'Ved søen' }, { hash: hash('b') }],
        audience: { kind: 'all' },
        consentConfirmed: true,
      },
    });
  });
});

describe('the log', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names album changes in words, not by their code', async () => {
    const items = [
      { action: 'album.put', detail: { title: 'Udflugt' } },
      { action: 'album.del', detail: { id: 'a1' } },
    ].map((x, i) => ({
      id: i + 1,
      at: '2026-12-01T08:15:00.000Z',
      actor: 'user:u1',
      actorName: 'Mette Hansen',
      entityType: 'album',
      entityId: 'a1',
      ...x,
    }));
    vi.stubGlobal('fetch', () =>
      Promise.resolve(new Response(JSON.stringify({ items, next: null }))),
    );
    await renderStaff(<AuditPage />, { path: '/audit' });
    const table = await screen.findByRole('grid', { name: 'Ændringer' });
    await waitFor(() => expect(table.textContent).toContain('Fotoalbum gemt'));
    expect(table.textContent).toContain('Fotoalbum slettet');
    expect(table.textContent).not.toMatch(/\balbum\b/);
  });
});
