// @vitest-environment jsdom
/**
 * Pårørende shows each relative's calendar addresses (which resident's, made when) and stops one
 * with "Stop kalenderadresse" (`feed.revoke`); stopped addresses are not listed, and addresses
 * staff made are listed on their own.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Feed, Resident, UserAccount } from '../../../domain/model.js';
import { legacyConsent } from '../../../domain/rules/consent.js';
import { renderStaff } from '../test-support/render-staff.js';
import { RelativesPage } from './relatives-page.js';

(globalThis as { CSS?: { escape(s: string): string } }).CSS ??= {
  escape: (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`),
};

const AT = '2026-11-30T13:05:00.000Z';
const anna: Resident = {
  id: 'r1',
  displayName: 'Anna',
  photo: null,
  pictogram: null,
  groupIds: [],
  wallConsent: true,
  consent: legacyConsent(true),
  hasPin: false,
  mealSignUp: true,
};
const cille: Resident = { ...anna, id: 'r3', displayName: 'Cille' };
const hanne: UserAccount = {
  id: 'u-hanne',
  username: 'hanne@example.dk',
  displayName: 'Hanne',
  role: 'relative',
  disabled: false,
  residentIds: ['r1', 'r3'],
  createdAt: AT,
};
const jens: UserAccount = { ...hanne, id: 'u-jens', username: 'jens', displayName: 'Jens' };
const feed = (id: string, userId: string | null, residentId: string, more: Partial<Feed> = {}) => ({
  id,
  residentId,
  userId,
  createdAt: '2026-11-30T09:15:00.000Z',
  revokedAt: null,
  ...more,
});
const seed = {
  resident: [anna, cille],
  user: [hanne, jens],
  feed: [
    feed('f1', 'u-hanne', 'r1'),
    feed('f-old', 'u-hanne', 'r3', { revokedAt: AT }),
    feed('f-staff', null, 'r3'),
  ],
};

describe('calendar addresses on the relatives page', () => {
  it('lists each relative’s live addresses with when they were made, and stops one', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<RelativesPage />, { path: '/relatives', seed });
    const access = await screen.findByRole('region', { name: 'Har adgang' });
    const card = (await within(access).findByRole('heading', { name: 'Hanne' })).closest('li');
    if (!card) throw new Error('no card');
    expect(
      await within(card).findByText(/Annas kalender, lavet mandag 30\. november kl\. 10\.15/),
    ).toBeTruthy();
    // The stopped one (Cille's) is not listed; Jens has none.
    expect(within(card).queryByText(/Cilles kalender/)).toBeNull();
    const jensCard = within(access).getByRole('heading', { name: 'Jens' }).closest('li');
    expect(jensCard && within(jensCard).getByText('Ingen kalenderadresse.')).toBeTruthy();
    await user.click(
      within(card).getByRole('button', { name: 'Stop kalenderadresse: Annas kalender hos Hanne' }),
    );
    await waitFor(() => expect(t.sent).toEqual([{ name: 'feed.revoke', args: { feedId: 'f1' } }]));
    const byStaff = screen.getByRole('region', { name: 'Kalenderadresser lavet af personalet' });
    expect(within(byStaff).getByText(/Cilles kalender/)).toBeTruthy();
  });
});
