// @vitest-environment jsdom
/**
 * Log as staff meet it: the changes newest first in a table (when in the centre's time, who by
 * name, what in words), filters sent to the server, "Vis flere" for the next page, and a plain
 * sentence when there is no connection.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditItem } from '../../../protocol/operations.js';
import { renderStaff } from '../test-support/render-staff.js';
import { AuditPage } from './audit-page.js';

afterEach(() => vi.unstubAllGlobals());

const item = (id: number, over: Partial<AuditItem> = {}): AuditItem => ({
  id,
  at: '2026-12-01T08:15:00.000Z',
  actor: 'user:u1',
  actorName: 'Mette Hansen',
  action: 'news.put',
  entityType: 'news',
  entityId: `n${id}`,
  detail: { title: 'Julefrokost' },
  ...over,
});

function answer(pages: Record<string, { items: AuditItem[]; next: number | null }>) {
  const spy = vi.fn((url: string) => {
    const q = new URL(url, 'http://x').searchParams;
    const page = pages[q.get('before') ?? 'first'] ?? { items: [], next: null };
    return Promise.resolve(new Response(JSON.stringify(page)));
  });
  vi.stubGlobal('fetch', spy);
  return spy;
}

describe('the audit page', () => {
  it('shows who changed what and when, and loads more', async () => {
    answer({
      first: {
        items: [
          item(3),
          item(2, { action: 'resident.put', detail: { displayName: 'Inger', pin: 'set' } }),
        ],
        next: 2,
      },
      '2': {
        items: [
          item(1, {
            actor: 'cli',
            actorName: null,
            action: 'user.create',
            detail: { username: 'ole' },
          }),
        ],
        next: null,
      },
    });
    await renderStaff(<AuditPage />, { path: '/audit' });
    const table = await screen.findByRole('grid', { name: 'Ændringer' });
    const rows = await within(table).findAllByRole('row');
    expect(rows[1]?.textContent).toContain('i dag kl. 09.15');
    expect(rows[1]?.textContent).toContain('Mette Hansen');
    expect(rows[1]?.textContent).toContain('Nyhed gemt');
    expect(rows[1]?.textContent).toContain('Julefrokost');
    expect(rows[2]?.textContent).toContain('Beboer gemt');
    expect(table.textContent).not.toMatch(/\d{4}/); // no PIN
    await userEvent.setup().click(screen.getByRole('button', { name: 'Vis flere' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(table.textContent).toContain('Kommandolinjen');
    expect(screen.queryByRole('button', { name: 'Vis flere' })).toBeNull();
  });

  it('says a sign-up in words, with the resident and the activity from the cache', async () => {
    answer({
      first: {
        items: [
          item(5, {
            action: 'signup.add',
            entityType: 'signup',
            entityId: null,
            detail: { activityId: 'a1', residentId: 'r1' },
          }),
        ],
        next: null,
      },
    });
    await renderStaff(<AuditPage />, {
      path: '/audit',
      seed: {
        resident: [{ id: 'r1', displayName: 'Inger Madsen' } as never],
        activity: [{ id: 'a1', title: 'Gåtur', start: '2026-12-01T13:00:00.000Z' } as never],
      },
    });
    const table = await screen.findByRole('grid', { name: 'Ændringer' });
    const rows = await within(table).findAllByRole('row');
    await waitFor(() => expect(rows[1]?.textContent).toContain('Inger Madsen · Gåtur'));
    expect(rows[1]?.textContent).toContain('Tilmeldt');
  });

  it('sends the filters to the server', async () => {
    const spy = answer({ first: { items: [], next: null } });
    await renderStaff(<AuditPage />, {
      path: '/audit',
      seed: {
        user: [
          {
            id: 'u1',
            username: 'mette',
            displayName: 'Mette Hansen',
            role: 'staff',
            disabled: false,
            residentIds: [],
            createdAt: '2026-11-20T08:00:00.000Z',
          },
        ],
      },
    });
    expect(await screen.findByText('Ingen ændringer passer til filtrene.')).toBeTruthy();
    const u = userEvent.setup();
    await screen.findByRole('option', { name: 'Mette Hansen' });
    await u.selectOptions(screen.getByLabelText('Person'), 'Mette Hansen');
    await u.selectOptions(screen.getByLabelText('Hvad'), 'Nyhed');
    await waitFor(() =>
      expect(spy).toHaveBeenLastCalledWith(
        '/api/audit?actor=user%3Au1&kind=news',
        expect.anything(),
      ),
    );
  });

  it('says plainly that the log needs a connection', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await renderStaff(<AuditPage />, { path: '/audit' });
    expect(
      await screen.findByText('Loggen kan kun ses, når der er forbindelse til serveren.'),
    ).toBeTruthy();
  });
});
