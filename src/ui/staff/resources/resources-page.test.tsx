// @vitest-environment jsdom
/**
 * Booking (resources) as staff meet it: each resource's rules in plain words, and the edit
 * dialog saving slot length, opening hours, the limit, the release rule and the audience.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../domain/model.js';
import { renderStaff } from '../test-support/render-staff.js';
import { ResourcesPage } from './resources-page.js';
import { formOf, resourceOf, ResourceForm } from './resource-form.js';

(globalThis as { CSS?: { escape(s: string): string } }).CSS ??= {
  escape: (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`),
};

const washer: Resource = {
  id: 'washer',
  name: 'Vaskemaskine',
  pictogram: null,
  slotMinutes: 60,
  opening: [
    { weekday: 1, from: '08:00', to: '12:00' },
    { weekday: 1, from: '13:00', to: '17:00' },
  ],
  maxActivePerResident: 2,
  audience: { kind: 'all' },
  releaseAfterMinutes: 15,
};

describe('Booking (resources)', () => {
  it("shows each resource's rules in words", async () => {
    await renderStaff(<ResourcesPage />, { path: '/resources', seed: { resource: [washer] } });
    const card = (await screen.findByRole('heading', { name: 'Vaskemaskine' })).closest('li')!;
    expect(card.textContent).toContain('En tid er 60 minutter.');
    expect(card.textContent).toContain('Højst 2 bookinger ad gangen pr. beboer.');
    expect(card.textContent).toContain(
      'Gives fri, hvis den ikke er taget i brug 15 minutter efter start.',
    );
    const monday = within(card).getByRole('rowheader', { name: 'mandag' }).closest('tr')!;
    expect(monday.textContent).toContain('08.00–12.00, 13.00–17.00');
    expect(
      within(card).getByRole('rowheader', { name: 'tirsdag' }).closest('tr')!.textContent,
    ).toContain('Lukket');
  });

  it('saves a changed limit and release rule with resource.put, keeping the opening hours', async () => {
    const t = await renderStaff(<ResourcesPage />, {
      path: '/resources',
      seed: { resource: [washer] },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Redigér Vaskemaskine' }));
    const dialog = await screen.findByRole('dialog');
    const max = within(dialog).getByLabelText(/^Højst antal bookinger/);
    await user.clear(max);
    await user.type(max, '1');
    const after = within(dialog).getByLabelText(/^Efter hvor mange minutter/);
    await user.clear(after);
    await user.type(after, '20');
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toEqual({
      name: 'resource.put',
      args: { ...washer, maxActivePerResident: 1, releaseAfterMinutes: 20 },
    });
  });

  it('refuses a release of 0 minutes and a limit over 100 before sending', async () => {
    const t = await renderStaff(<ResourcesPage />, {
      path: '/resources',
      seed: { resource: [washer] },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Redigér Vaskemaskine' }));
    const dialog = await screen.findByRole('dialog');
    const after = within(dialog).getByLabelText(/^Efter hvor mange minutter/);
    await user.clear(after);
    await user.type(after, '0');
    const max = within(dialog).getByLabelText(/^Højst antal bookinger/);
    await user.clear(max);
    await user.type(max, '101');
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    const summary = await within(dialog).findByRole('alert');
    expect(summary.textContent).toContain('Skriv et helt antal minutter fra 1 til 1440.');
    expect(t.sent).toEqual([]);
  });

  it('round-trips a resource through the form model, and "never released" as null', () => {
    expect(resourceOf('washer', ResourceForm.parse(formOf(washer)))).toEqual(washer);
    const { releaseAfterMinutes: _r, ...old } = washer; // stored before the rule existed
    expect(resourceOf('washer', ResourceForm.parse(formOf(old as Resource)))).toEqual({
      ...washer,
      releaseAfterMinutes: null,
    });
  });
});
