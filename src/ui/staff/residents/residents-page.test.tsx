// @vitest-environment jsdom
/**
 * Beboere as staff meet it: consent beside every photo (wall / relatives / calendar), a warning on
 * residents who are not on the wall; the edit page records consent per channel with who gave it,
 * sends only the channels that changed, shows who entered it and when, and erases only after the
 * resident's name is typed.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'wouter';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Group, Resident, UserAccount } from '../../../domain/model.js';
import { legacyConsent } from '../../../domain/rules/consent.js';
import { renderStaff } from '../test-support/render-staff.js';
import { ResidentEditPage } from './resident-edit-page.js';
import { ResidentsPage } from './residents-page.js';

(globalThis as { CSS?: { escape(s: string): string } }).CSS ??= {
  escape: (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`),
};

// Each test starts without a draft of an earlier one.
beforeEach(() => localStorage.clear());

const group: Group = { id: 'g1', name: 'Hus A' };
const AT = '2026-11-30T13:05:00.000Z';
const anna: Resident = {
  id: 'r1',
  displayName: 'Anna',
  photo: null,
  pictogram: null,
  groupIds: ['g1'],
  wallConsent: true,
  consent: {
    wall: { given: true, by: 'guardian', recordedBy: 'u-mette', at: AT },
    relatives: { given: true, by: 'resident', recordedBy: 'u-mette', at: AT },
    calendar: { given: false, by: null, recordedBy: null, at: null },
  },
  hasPin: true,
  mealSignUp: true,
};
const bo: Resident = {
  ...anna,
  id: 'r2',
  displayName: 'Bo',
  wallConsent: false,
  consent: legacyConsent(false),
  hasPin: false,
};
const mette: UserAccount = {
  id: 'u-mette',
  username: 'mette',
  displayName: 'Mette',
  role: 'staff',
  disabled: false,
  residentIds: [],
  createdAt: AT,
};
const hanne: UserAccount = {
  ...mette,
  id: 'u-hanne',
  username: 'hanne',
  displayName: 'Hanne',
  role: 'relative',
  residentIds: ['r1'],
};
const seed = { group: [group], resident: [anna, bo], user: [mette, hanne] };

describe('the residents list', () => {
  it('shows each resident’s consent per channel beside the photo', async () => {
    await renderStaff(<ResidentsPage />, { path: '/residents', seed });
    const card = async (name: string) =>
      (await screen.findByRole('link', { name })).closest('li') as HTMLElement;
    const [a, b] = [await card('Anna'), await card('Bo')];
    expect(within(a).getByRole('link', { name: 'Anna' })).toBeTruthy();
    expect(within(a).getByLabelText('Væg: samtykke givet')).toBeTruthy();
    expect(within(a).getByLabelText('Pårørende: samtykke givet')).toBeTruthy();
    expect(within(a).getByLabelText('Kalender: intet samtykke')).toBeTruthy();
    expect(within(b).getByLabelText('Væg: intet samtykke')).toBeTruthy();
    expect(within(b).getByText(/Ikke på væggen/)).toBeTruthy();
    expect(within(a).queryByText(/Ikke på væggen/)).toBeNull();
  });
});

const edit = (path: string) =>
  renderStaff(
    <Route path="/residents/:id">
      <ResidentEditPage />
    </Route>,
    { path, seed },
  );

describe('editing a resident', () => {
  it('shows who entered each consent and when, and sends only the channel that changed', async () => {
    const user = userEvent.setup();
    const t = await edit('/residents/r1');
    await screen.findByRole('heading', { level: 1, name: 'Beboer: Anna' });
    await screen.findByText('Hanne (hanne)');
    const wall = screen.getByRole('radiogroup', { name: /Vises på væggen/ });
    expect(within(wall).getByRole('radio', { name: /en værge/ })).toHaveProperty('checked', true);
    expect(within(wall).getByText('Skrevet af Mette mandag 30. november kl. 14.05.')).toBeTruthy();
    const calendar = screen.getByRole('radiogroup', { name: /Kalender/ });
    expect(within(calendar).getByText('Ingen har skrevet noget endnu.')).toBeTruthy();
    await user.click(within(calendar).getByRole('radio', { name: /beboeren har/ }));
    await user.click(screen.getByRole('button', { name: 'Gem beboer' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toMatchObject({
      name: 'resident.put',
      args: { id: 'r1', consent: { calendar: { given: true, by: 'resident' } } },
    });
    expect(Object.keys(t.sent[0]?.args.consent as object)).toEqual(['calendar']);
    expect(t.sent[0]?.args).not.toHaveProperty('pin');
    // Linked relatives are listed.
    expect(await screen.findByText('Hanne (hanne)')).toBeTruthy();
  });

  it('lets staff allow relatives to act for the resident (off until ticked)', async () => {
    const user = userEvent.setup();
    const t = await edit('/residents/r1');
    const box = await screen.findByRole('checkbox', {
      name: 'Pårørende må tilmelde og afmelde på beboerens vegne',
    });
    expect(box).toHaveProperty('checked', false);
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Gem beboer' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toMatchObject({
      name: 'resident.put',
      args: { id: 'r1', relativesMayAct: true },
    });
  });

  it('keeps a half-typed edit as a draft, and none after saving', async () => {
    const user = userEvent.setup();
    const first = await edit('/residents/r1');
    const name = await screen.findByLabelText(/^Navn/);
    await user.clear(name);
    await user.type(name, 'Anna B.');
    first.unmount();
    await edit('/residents/r1');
    expect(await screen.findByDisplayValue('Anna B.')).toBeTruthy();
    expect(screen.getByText(/Din kladde/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Gem beboer' }));
    await screen.findByRole('button', { name: 'Gem beboer' });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText(/Din kladde/)).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('refuses a PIN that is not 4–8 digits before sending anything', async () => {
    const user = userEvent.setup();
    const t = await edit('/residents/r1');
    await user.type(await screen.findByLabelText(/Ny PIN/), '12a');
    await user.click(screen.getByRole('button', { name: 'Gem beboer' }));
    expect(await screen.findAllByText('En PIN er 4 til 8 cifre')).not.toHaveLength(0);
    expect(t.sent).toEqual([]);
  });

  it('erases only after the resident’s name is typed', async () => {
    const user = userEvent.setup();
    const t = await edit('/residents/r1');
    await user.click(await screen.findByRole('button', { name: 'Slet alle data om beboeren' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Slet Anna for altid?' });
    const confirm = within(dialog).getByRole('button', { name: 'Slet for altid' });
    expect(confirm).toHaveProperty('disabled', true);
    await user.type(within(dialog).getByLabelText(/Skriv beboerens navn/), 'anna');
    expect(confirm).toHaveProperty('disabled', false);
    await user.click(confirm);
    await waitFor(() =>
      expect(t.sent).toEqual([{ name: 'resident.erase', args: { residentId: 'r1' } }]),
    );
    await waitFor(() => expect(t.path()).toBe('/residents'));
  });

  it('offers the export as a download link', async () => {
    await edit('/residents/r1');
    const link = await screen.findByRole('link', { name: 'Hent data (JSON)' });
    expect(link.getAttribute('href')).toBe('/api/residents/r1/export');
  });

  it('makes a new resident with the consent given', async () => {
    const user = userEvent.setup();
    const t = await edit('/residents/new');
    await user.type(await screen.findByLabelText(/^Navn/), 'Carl');
    const wall = screen.getByRole('radiogroup', { name: /Vises på væggen/ });
    await user.click(within(wall).getByRole('radio', { name: /beboeren har/ }));
    await user.click(screen.getByRole('button', { name: 'Gem beboer' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]?.args).toMatchObject({
      displayName: 'Carl',
      consent: { wall: { given: true, by: 'resident' } },
    });
  });
});
