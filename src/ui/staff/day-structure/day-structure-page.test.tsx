// @vitest-environment jsdom
/**
 * Dagsstruktur as staff meet it: the week of the chosen resident or group, Monday first, with
 * today's changed items marked; "fill the week from templates" and "copy last week" send one
 * mutation each; an item is edited in a dialog beside the kiosk's own card, and saved.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DayItem, DayTemplate, Group, Resident } from '../../../domain/model.js';
import { renderStaff } from '../test-support/render-staff.js';
import { DayStructurePage } from './day-structure-page.js';

const group: Group = { id: 'g1', name: 'Hus A' };
const resident = (id: string, displayName: string, wallConsent = true) =>
  ({
    id,
    displayName,
    photo: null,
    pictogram: null,
    groupIds: ['g1'],
    wallConsent,
    hasPin: false,
    mealSignUp: true,
  }) as Resident;
const item = (over: Partial<DayItem>): DayItem => ({
  id: 'i1',
  residentId: null,
  groupId: 'g1',
  date: '2026-12-01',
  start: '09:00',
  end: null,
  title: 'Morgenmøde',
  pictogram: null,
  changedOn: null,
  ...over,
});
const template: DayTemplate = {
  id: 't1',
  residentId: null,
  groupId: 'g1',
  weekday: 3,
  start: '10:00',
  end: '11:00',
  title: 'Husmøde',
  pictogram: null,
};

// The test clock: Tuesday 1 December 2026, 10.00 in Copenhagen.
const open = (seed = {}) =>
  renderStaff(<DayStructurePage />, {
    path: '/day-structure',
    seed: {
      group: [group],
      resident: [resident('r1', 'Anna'), resident('r2', 'Bo', false)],
      ...seed,
    },
  });

describe('Dagsstruktur', () => {
  it("shows the group's week, Monday first, with today's change marked", async () => {
    await open({
      dayitem: [
        item({ id: 'a', changedOn: '2026-12-01' }),
        item({ id: 'b', date: '2026-12-03', title: 'Tur', changedOn: null }),
        item({ id: 'other', date: '2026-12-08', title: 'Juleklip' }),
      ],
    });
    expect(
      await screen.findByRole('heading', { name: /Uge 49 · 30\. november – 6\. december/ }),
    ).toBeTruthy();
    const days = within(screen.getByRole('list', { name: /Uge 49/ })).getAllByRole('heading');
    expect(days.map((h) => h.textContent)).toEqual([
      'mandag 30. november',
      'tirsdag 1. december',
      'onsdag 2. december',
      'torsdag 3. december',
      'fredag 4. december',
      'lørdag 5. december',
      'søndag 6. december',
    ]);
    await screen.findByText('Morgenmøde');
    expect(screen.getByText('Ændret i dag')).toBeTruthy();
    expect(screen.getAllByText('Ændret i dag')).toHaveLength(1);
    expect(screen.queryByText('Juleklip')).toBeNull();
  });

  it('fills the week from templates and copies last week, one mutation each', async () => {
    const t = await open({ daytemplate: [template] });
    const user = userEvent.setup();
    await screen.findByText('Husmøde');
    await user.click(screen.getByRole('button', { name: 'Fyld ugen fra skabeloner' }));
    await user.click(screen.getByRole('button', { name: 'Kopiér forrige uge hertil' }));
    expect(t.sent).toEqual([
      {
        name: 'dayitem.applyTemplates',
        args: { weekStart: '2026-11-30', residentId: null, groupId: 'g1' },
      },
      {
        name: 'dayitem.copyWeek',
        args: { fromWeek: '2026-11-23', toWeek: '2026-11-30', residentId: null, groupId: 'g1' },
      },
    ]);
    // The next week's fill names its own Monday.
    await user.click(screen.getByRole('button', { name: 'Næste uge' }));
    await user.click(screen.getByRole('button', { name: 'Fyld ugen fra skabeloner' }));
    expect(t.sent.at(-1)?.args).toMatchObject({ weekStart: '2026-12-07' });
  });

  it('marks a resident without wall consent where staff pick whose plan it is', async () => {
    await open();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Hvis dagsstruktur/ }));
    expect(screen.getByRole('option', { name: 'Bo (vises ikke på skærmen)' })).toBeTruthy();
    await user.click(screen.getByRole('option', { name: 'Anna' }));
    await user.click(screen.getByRole('button', { name: 'Fyld ugen fra skabeloner' }));
  });

  it('edits an item in a dialog with the kiosk preview, and saves it', async () => {
    const t = await open({ dayitem: [item({})] });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Redigér Morgenmøde tirsdag 1. december' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Sådan ser det ud på skærmen')).toBeTruthy();
    const title = within(dialog).getByLabelText(/^Hvad/);
    await user.clear(title);
    await user.type(title, 'Morgenmøde i haven');
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toEqual({
      name: 'dayitem.put',
      args: {
        id: 'i1',
        residentId: null,
        groupId: 'g1',
        date: '2026-12-01',
        start: '09:00',
        end: null,
        title: 'Morgenmøde i haven',
        pictogram: null,
        changedOn: null,
      },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('refuses an empty title beside the field, and sends nothing', async () => {
    const t = await open();
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Tilføj punkt onsdag 2. december' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(t.sent).toEqual([]);
  });
});
