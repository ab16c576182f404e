// @vitest-environment jsdom
/**
 * Brugere as an admin meets it: the staff logins with their state; create one (user.create with
 * the password typed), close one only after asking (user.disable), a new password
 * (user.resetPassword); never oneself. Staff who are not admins see only a sentence.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { UserAccount } from '../../../domain/model.js';
import { renderStaff } from '../test-support/render-staff.js';
import { UsersPage } from './users-page.js';

const user = (over: Partial<UserAccount>): UserAccount => ({
  id: 'u1',
  username: 'mette',
  displayName: 'Mette Hansen',
  role: 'staff',
  disabled: false,
  residentIds: [],
  createdAt: '2026-11-20T08:00:00.000Z',
  ...over,
});
const seed = {
  user: [
    user({}),
    user({ id: 'u-admin', username: 'boss', displayName: 'Anne Admin', role: 'admin' }),
    user({ id: 'u3', username: 'ole', displayName: 'Ole Olsen', disabled: true }),
    user({
      id: 'u4',
      username: 'rel',
      displayName: 'Pårørende Per',
      role: 'relative',
      residentIds: ['r1'],
    }),
  ],
};
const admin = { me: { userId: 'u-admin', role: 'admin' as const, displayName: 'Anne Admin' } };

describe('the users page', () => {
  it('lists the staff logins with their state, not relatives, and no actions on oneself', async () => {
    await renderStaff(<UsersPage />, { path: '/users', seed, ...admin });
    expect(await screen.findByText('Mette Hansen')).toBeTruthy();
    expect(screen.queryByText('Pårørende Per')).toBeNull();
    const ole = screen.getByRole('heading', { name: /Ole Olsen/ }).closest('li') as HTMLElement;
    expect(within(ole).getByText('Lukket')).toBeTruthy();
    expect(within(ole).getByRole('button', { name: 'Åbn igen: Ole Olsen' })).toBeTruthy();
    const me = screen.getByRole('heading', { name: /Anne Admin/ }).closest('li') as HTMLElement;
    expect(within(me).getByText('Dig')).toBeTruthy();
    expect(within(me).queryByRole('button')).toBeNull();
  });

  it('creates a staff login', async () => {
    const t = await renderStaff(<UsersPage />, { path: '/users', seed, ...admin });
    const u = userEvent.setup();
    await u.click(screen.getByRole('button', { name: 'Opret bruger' }));
    const dialog = await screen.findByRole('dialog');
    await u.type(within(dialog).getByLabelText('Navn'), 'Karen Jensen');
    await u.type(within(dialog).getByLabelText('Brugernavn'), 'karen');
    await u.type(within(dialog).getByLabelText('Adgangskode til første login'), 'første-kode-1');
    await u.click(within(dialog).getByRole('button', { name: 'Opret bruger' }));
    await waitFor(() => expect(t.sent[0]?.name).toBe('user.create'));
    expect(t.sent[0]?.args).toMatchObject({
      displayName: 'Karen Jensen',
      username: 'karen',
      role: 'staff',
      password: 'første-kode-1',
    });
  });

  it('refuses a short password and a bad username before sending', async () => {
    const t = await renderStaff(<UsersPage />, { path: '/users', seed, ...admin });
    const u = userEvent.setup();
    await u.click(screen.getByRole('button', { name: 'Opret bruger' }));
    const dialog = await screen.findByRole('dialog');
    await u.type(within(dialog).getByLabelText('Navn'), 'X');
    await u.type(within(dialog).getByLabelText('Brugernavn'), 'has space');
    await u.type(within(dialog).getByLabelText('Adgangskode til første login'), 'short');
    await u.click(within(dialog).getByRole('button', { name: 'Opret bruger' }));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(t.sent).toHaveLength(0);
  });

  it('closes a login only after asking, and sets a new password', async () => {
    const t = await renderStaff(<UsersPage />, { path: '/users', seed, ...admin });
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Luk: Mette Hansen' }));
    await u.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Ja, luk brugeren' }),
    );
    await waitFor(() =>
      expect(t.sent).toContainEqual({ name: 'user.disable', args: { userId: 'u1' } }),
    );
    await u.click(screen.getByRole('button', { name: 'Ny adgangskode: Mette Hansen' }));
    const dialog = await screen.findByRole('dialog');
    await u.type(within(dialog).getByLabelText('Adgangskode til første login'), 'ny-kode-12345');
    await u.click(within(dialog).getByRole('button', { name: 'Sæt adgangskoden' }));
    await waitFor(() =>
      expect(t.sent).toContainEqual({
        name: 'user.resetPassword',
        args: { userId: 'u1', password: 'ny-kode-12345' },
      }),
    );
  });

  it('shows staff who are not admins only that it is for admins', async () => {
    await renderStaff(<UsersPage />, { path: '/users', seed });
    expect(await screen.findByText('Kun administratorer kan se brugere.')).toBeTruthy();
    expect(screen.queryByText('Mette Hansen')).toBeNull();
  });
});
