// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { activity, cph } from '../../kiosk/test-support/builders.js';
import { renderStaff } from '../test-support/render-staff.js';
import { ActivitiesPage } from './activities-page.js';

const seed = {
  activity: [
    activity('banko', {
      title: 'Banko',
      start: cph('2026-12-01', '14:00'),
      end: cph('2026-12-01', '15:00'),
      capacity: 8,
      confirmedCount: 3,
    }),
    activity('tur', {
      title: 'Gåtur',
      start: cph('2026-12-01', '10:00'),
      end: cph('2026-12-01', '11:00'),
      capacity: 2,
      confirmedCount: 2,
      waitlistCount: 1,
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
    }),
    activity('bio', {
      title: 'Biograf',
      start: cph('2026-12-09', '19:00'),
      end: cph('2026-12-09', '21:00'),
      capacity: null,
    }),
  ],
};

describe('the week of activities', () => {
  it('lists each day in order with places taken, waiting and repeats, and moves to the next week', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<ActivitiesPage />, {
      path: '/activities',
      seed,
      now: new Date(cph('2026-12-01', '09:00')),
    });
    await screen.findByText('Banko', {}, { timeout: 5000 });
    const tuesday = screen.getByRole('region', { name: /tirsdag 1. december/ });
    expect(
      within(tuesday)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '10.00–11.00GåturStuen2 af 2 tilmeldt1 på ventelisteGentages',
      '14.00–15.00BankoStuen3 af 8 tilmeldt',
    ]);
    expect(within(tuesday).getByText('I dag')).toBeTruthy();
    expect(screen.getByRole('region', { name: /mandag 30. november/ }).textContent).toContain(
      'Ingen aktiviteter.',
    );
    await user.click(screen.getByRole('button', { name: /Næste uge/ }));
    const wednesday = await screen.findByRole('region', { name: /onsdag 9. december/ });
    expect(wednesday.textContent).toContain('0 tilmeldt');
    expect(t.path()).toContain('uge=2026-12-07');
  });
});
