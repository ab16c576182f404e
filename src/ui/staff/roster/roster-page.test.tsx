// @vitest-environment jsdom
/**
 * Vagtplan as staff meet it: the week's shifts per day with first name and time in the centre's
 * zone; "copy last week here" sends `shift.copyWeek`; a new shift is saved with its instants.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Shift } from '../../../domain/model.js';
import { renderStaff } from '../test-support/render-staff.js';
import { RosterPage } from './roster-page.js';
import { shiftOf } from './shift-dialog.js';

(globalThis as { CSS?: { escape(s: string): string } }).CSS ??= {
  escape: (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`),
};

const shift = (over: Partial<Shift>): Shift => ({
  id: 's1',
  staffName: 'Mette',
  photo: null,
  // Tuesday 1 December 07.00–15.00 in Copenhagen.
  start: '2026-12-01T06:00:00.000Z',
  end: '2026-12-01T14:00:00.000Z',
  groupId: null,
  ...over,
});

describe('Vagtplan', () => {
  it("shows the week's shifts by day in the centre's time, and copies last week", async () => {
    const t = await renderStaff(<RosterPage />, {
      path: '/roster',
      seed: {
        shift: [
          shift({}),
          shift({
            id: 's2',
            staffName: 'Jonas',
            start: '2026-12-02T13:00:00.000Z',
            end: '2026-12-02T21:00:00.000Z',
          }),
        ],
      },
    });
    const tuesday = (await screen.findByRole('heading', { name: 'tirsdag 1. december' })).closest(
      'li',
    )!;
    await within(tuesday).findByText('Mette');
    expect(tuesday.textContent).toContain('07.00–15.00');
    const wednesday = screen.getByRole('heading', { name: 'onsdag 2. december' }).closest('li')!;
    expect(wednesday.textContent).toContain('Jonas');
    expect(wednesday.textContent).toContain('14.00–22.00');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Kopiér forrige uge hertil' }));
    expect(t.sent).toEqual([
      { name: 'shift.copyWeek', args: { fromWeek: '2026-11-23', toWeek: '2026-11-30' } },
    ]);
  });

  it('adds a shift with first name, day and times', async () => {
    const t = await renderStaff(<RosterPage />, { path: '/roster' });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Tilføj vagt torsdag 3. december' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Fornavn/), 'Sara');
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toMatchObject({
      name: 'shift.put',
      args: {
        staffName: 'Sara',
        photo: null,
        start: '2026-12-03T06:00:00.000Z',
        end: '2026-12-03T14:00:00.000Z',
        groupId: null,
      },
    });
  });

  it('reads an end before the start as the next morning (a night shift)', () => {
    const night = shiftOf(
      'n',
      {
        staffName: 'Ole',
        photo: null,
        date: '2026-12-05',
        start: '22:00',
        end: '06:00',
        group: 'all',
      },
      'Europe/Copenhagen',
    );
    expect(night).toMatchObject({
      start: '2026-12-05T21:00:00.000Z',
      end: '2026-12-06T05:00:00.000Z',
    });
  });
});
