// @vitest-environment jsdom
/**
 * Pårørende as staff meet it: inviting sends `relative.invite` with a fresh 256-bit token and
 * shows the link and its QR code once; residents without relatives' consent cannot be chosen;
 * who has access is listed, and removing access (all, or one resident) asks first.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Invitation, Resident, UserAccount } from '../../../domain/model.js';
import { legacyConsent } from '../../../domain/rules/consent.js';
import { InvitationToken } from '../../../protocol/index.js';
import { renderStaff } from '../test-support/render-staff.js';
import { RelativesPage } from './relatives-page.js';

(globalThis as { CSS?: { escape(s: string): string } }).CSS ??= {
  escape: (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`),
};

const AT = '2026-11-30T13:05:00.000Z';
const base = legacyConsent(true);
const anna: Resident = {
  id: 'r1',
  displayName: 'Anna',
  photo: null,
  pictogram: null,
  groupIds: [],
  wallConsent: true,
  consent: { ...base, relatives: { given: true, by: 'guardian', recordedBy: 'u1', at: AT } },
  hasPin: false,
  mealSignUp: true,
};
const bo: Resident = { ...anna, id: 'r2', displayName: 'Bo', consent: base };
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
const gone: UserAccount = { ...hanne, id: 'u-gone', displayName: 'Gammel', disabled: true };
const open: Invitation = {
  id: 'inv-1',
  name: 'Jens',
  email: null,
  residentIds: ['r1'],
  createdAt: AT,
  expiresAt: '2026-12-07T13:05:00.000Z',
  status: 'open',
  userId: null,
};
const seed = { resident: [anna, bo, cille], user: [hanne, gone], invitation: [open] };

describe('the relatives page', () => {
  it('invites with a fresh token and shows the link and QR code once', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<RelativesPage />, { path: '/relatives', seed });
    await user.click(await screen.findByRole('button', { name: 'Inviter pårørende' }));
    const dialog = await screen.findByRole('dialog', { name: 'Inviter en pårørende' });
    await user.type(within(dialog).getByLabelText(/Den pårørendes navn/), 'Lise');
    const boBox = within(dialog).getByRole('checkbox', { name: /Bo/ });
    expect(boBox).toHaveProperty('disabled', true);
    expect(within(dialog).getByText(/mangler samtykke/)).toBeTruthy();
    // Nobody chosen: refused beside the field, nothing sent.
    await user.click(within(dialog).getByRole('button', { name: 'Lav link' }));
    expect(await within(dialog).findAllByText('Vælg mindst én beboer')).not.toHaveLength(0);
    expect(t.sent).toEqual([]);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Anna' }));
    await user.click(within(dialog).getByRole('button', { name: 'Lav link' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    const args = t.sent[0]?.args as { token: string; residentIds: string[]; name: string };
    expect(t.sent[0]?.name).toBe('relative.invite');
    expect(args).toMatchObject({ residentIds: ['r1'], name: 'Lise', email: null });
    expect(InvitationToken.safeParse(args.token).success).toBe(true);
    const card = await screen.findByRole('status');
    expect(
      within(card).getByText(`http://localhost:3000/family/invite#${args.token}`),
    ).toBeTruthy();
    expect(within(card).getByRole('img', { name: 'QR-kode med linket til Lise' })).toBeTruthy();
    expect(within(card).getByText(/Linket virker én gang, til tirsdag 8\. december/)).toBeTruthy();
  });

  it('lists who has access and removes it after asking', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<RelativesPage />, { path: '/relatives', seed });
    const access = await screen.findByRole('region', { name: 'Har adgang' });
    expect(await within(access).findByText('Ser: Anna, Cille')).toBeTruthy();
    expect(within(access).queryByText('Gammel')).toBeNull();
    await user.click(within(access).getByRole('button', { name: 'Fjern adgang til Cille' }));
    const ask = await screen.findByRole('alertdialog', { name: /Fjern Hannes adgang/ });
    expect(within(ask).getByText(/mister adgangen til Cille/)).toBeTruthy();
    await user.click(within(ask).getByRole('button', { name: 'Fjern adgang' }));
    await waitFor(() =>
      expect(t.sent).toEqual([
        { name: 'relative.revoke', args: { userId: 'u-hanne', residentId: 'r3' } },
      ]),
    );
    await user.click(within(access).getByRole('button', { name: 'Fjern adgang: Hanne' }));
    const all = await screen.findByRole('alertdialog', { name: /Fjern Hannes adgang/ });
    expect(within(all).getByText(/logget ud med det samme/)).toBeTruthy();
    await user.click(within(all).getByRole('button', { name: 'Fjern adgang' }));
    await waitFor(() =>
      expect(t.sent[1]).toEqual({ name: 'relative.revoke', args: { userId: 'u-hanne' } }),
    );
  });

  it('withdraws an open invitation', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<RelativesPage />, { path: '/relatives', seed });
    await user.click(
      await screen.findByRole('button', { name: 'Træk tilbage: invitationen til Jens' }),
    );
    await waitFor(() =>
      expect(t.sent).toEqual([{ name: 'invitation.revoke', args: { inviteId: 'inv-1' } }]),
    );
  });
});
