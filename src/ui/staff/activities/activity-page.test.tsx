// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'wouter';
import { beforeEach, describe, expect, it } from 'vitest';
import { activity, cph, resident, signup } from '../../kiosk/test-support/builders.js';
import { renderStaff } from '../test-support/render-staff.js';
import { EditActivityPage } from './activity-edit-page.js';
import { ActivityPage } from './activity-page.js';

beforeEach(() => localStorage.clear());

const NOW = new Date(cph('2026-12-01', '10:00'));
const sang = activity('sang', {
  title: 'Sangkor',
  start: cph('2026-12-01', '14:00'),
  end: cph('2026-12-01', '15:00'),
  capacity: 2,
  confirmedCount: 2,
  waitlistCount: 2,
});
const seed = {
  activity: [sang],
  resident: [
    resident('r-anna', { displayName: 'Anna Hansen' }),
    resident('r-bent', { displayName: 'Bent Jensen' }),
    resident('r-carla', { displayName: 'Carla Nielsen' }),
    resident('r-dennis', { displayName: 'Dennis Berg', wallConsent: false }),
    resident('r-eva', { displayName: 'Eva Holm', wallConsent: false }),
  ],
  signup: [
    signup('sang', 'r-anna'),
    signup('sang', 'r-bent', { source: 'staff' }),
    signup('sang', 'r-carla', { status: 'waitlisted', position: 1 }),
    signup('sang', 'r-dennis', { status: 'waitlisted', position: 2, source: 'staff' }),
  ],
};

const page = () =>
  renderStaff(<Route path="/activities/:id" component={ActivityPage} />, {
    path: '/activities/sang',
    seed,
    now: NOW,
  });

describe('an activity page', () => {
  it('lists who has a place and who waits in order, marking residents without wall consent', async () => {
    await page();
    const placed = await screen.findByRole('table', { name: 'Har plads (2)' });
    expect(
      within(placed)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'NavnTilmeldt afMødtHandling',
      'Anna HansenSkærmenAfmeld',
      'Bent JensenPersonaleAfmeld',
    ]);
    const waiting = screen.getByRole('table', { name: 'Venteliste (2)' });
    expect(
      within(waiting)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['Nr.NavnHandling', '1Carla NielsenAfmeld', '2Dennis Bergikke på skærmenAfmeld']);
  });

  it('cancels a resident and ticks attendance on the day, through the protocol', async () => {
    const user = userEvent.setup();
    const t = await page();
    await user.click(await screen.findByRole('button', { name: 'Afmeld Bent Jensen' }));
    await user.click(screen.getByRole('checkbox', { name: 'Mødt: Anna Hansen' }));
    await waitFor(() => expect(t.sent).toHaveLength(2));
    expect(t.sent).toEqual([
      { name: 'signup.cancel', args: { activityId: 'sang', residentId: 'r-bent' } },
      { name: 'attendance.set', args: { activityId: 'sang', residentId: 'r-anna', present: true } },
    ]);
  });

  it('signs up a resident without wall consent on their behalf, marked in the list', async () => {
    const user = userEvent.setup();
    const t = await page();
    const combo = await screen.findByRole('combobox', { name: /Tilmeld en beboer/ });
    await user.type(combo, 'Ev');
    const option = await screen.findByRole('option', { name: /Eva Holm/ });
    expect(option.textContent).toContain('ikke på skærmen');
    await user.click(option);
    await user.click(screen.getByRole('button', { name: 'Tilmeld' }));
    await waitFor(() =>
      expect(t.sent).toEqual([
        { name: 'signup.add', args: { activityId: 'sang', residentId: 'r-eva' } },
      ]),
    );
  });

  it('says it does not exist for an unknown id', async () => {
    await renderStaff(<Route path="/activities/:id" component={ActivityPage} />, {
      path: '/activities/nope',
      seed,
    });
    await screen.findByText('Aktiviteten findes ikke. Måske er den slettet.');
  });
});

describe('editing an activity of a series', () => {
  const head = activity('tur', {
    title: 'Gåtur',
    start: cph('2026-12-01', '10:00'),
    end: cph('2026-12-01', '11:00'),
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261222T235959' },
  });
  const occ = activity('tur@2026-12-08', {
    title: 'Gåtur',
    start: cph('2026-12-08', '10:00'),
    end: cph('2026-12-08', '11:00'),
    seriesId: 'tur',
  });

  it('asks what to change and sends only the changed fields for "all"', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(
      <Route path="/activities/:id/edit" component={EditActivityPage} />,
      {
        path: '/activities/tur@2026-12-08/edit',
        seed: { activity: [head, occ] },
        now: NOW,
      },
    );
    const title = await screen.findByRole('textbox', { name: /Titel/ });
    await user.clear(title);
    await user.type(title, 'Gåtur i parken');
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    const dialog = await screen.findByRole('dialog', { name: 'Denne aktivitet gentages' });
    await user.click(within(dialog).getByRole('radio', { name: 'Alle dage i gentagelsen' }));
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    await waitFor(() =>
      expect(t.sent).toEqual([
        {
          name: 'activity.putSeries',
          args: {
            seriesId: 'tur',
            from: '2026-12-08',
            scope: 'all',
            changes: { title: 'Gåtur i parken' },
          },
        },
      ]),
    );
  });

  it('"only this day" writes that occurrence alone, without a rule', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(
      <Route path="/activities/:id/edit" component={EditActivityPage} />,
      {
        path: '/activities/tur@2026-12-08/edit',
        seed: { activity: [head, occ] },
        now: NOW,
      },
    );
    const place = await screen.findByRole('textbox', { name: /Sted/ });
    await user.clear(place);
    await user.type(place, 'Haven');
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    const dialog = await screen.findByRole('dialog', { name: 'Denne aktivitet gentages' });
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toMatchObject({
      name: 'activity.put',
      args: { id: 'tur@2026-12-08', place: 'Haven', recurrence: null, start: occ.start },
    });
  });
});
