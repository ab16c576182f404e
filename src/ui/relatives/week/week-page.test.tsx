// @vitest-environment jsdom
/**
 * The week as a relative uses it, in the real frame at /family/: today first with the resident's
 * day structure, activities, bookings and meals at the centre's times; acting on the resident's
 * behalf only where staff allow it, always asked first, pending shown on the item, a refusal
 * said plainly on the item. The clock is fixed (1 December 2026, 09.00 in Copenhagen).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Rejection } from '../../../client/index.js';
import type { AnyEntity } from '../../../domain/model.js';
import {
  activity,
  booking,
  dayItem,
  meal,
  resource,
  signup,
} from '../../kiosk/test-support/builders.js';
import { familyResident, renderFamily, type FamilySeed } from '../test-support/render-family.js';

// Tuesday 1 December 2026, 10.00 in Copenhagen (UTC+1).
const NOW = new Date('2026-12-01T09:00:00.000Z');
const cph = (date: string, time: string) => new Date(`${date}T${time}:00+01:00`).toISOString();

const anna = familyResident({
  id: 'r-anna',
  displayName: 'Anna Jensen',
  groupIds: ['g-birk'],
  relativesMayAct: true,
});

const trip = activity('trip', {
  title: 'Tur i minibus',
  place: 'Foran huset',
  start: cph('2026-12-08', '14:00'),
  end: cph('2026-12-08', '16:00'),
  capacity: 8,
  confirmedCount: 5,
  audience: { kind: 'groups', groupIds: ['g-birk'] },
});
const bingo = activity('bingo', {
  title: 'Bingo',
  start: cph('2026-12-03', '14:00'),
  end: cph('2026-12-03', '15:00'),
  capacity: 10,
  confirmedCount: 10,
  waitlistCount: 1,
  waitlist: true,
});

function seed(o: FamilySeed = {}): FamilySeed {
  const rows: FamilySeed = {
    resident: [anna],
    dayitem: [
      dayItem('breakfast', {
        groupId: 'g-birk',
        date: '2026-12-01',
        start: '08:00',
        title: 'Morgenmad',
      }),
      dayItem('workshop', {
        groupId: 'g-birk',
        date: '2026-12-01',
        start: '09:30',
        end: '11:30',
        title: 'Værksted',
      }),
      dayItem('hair', {
        residentId: 'r-anna',
        groupId: null,
        date: '2026-12-01',
        start: '13:00',
        title: 'Frisør',
      }),
    ],
    activity: [trip, bingo],
    signup: [signup('bingo', 'r-anna', { status: 'waitlisted', position: 2 })],
    resource: [resource('res-1', { name: 'Vaskemaskinen' })],
    booking: [
      booking('b1', {
        residentId: 'r-anna',
        start: cph('2026-12-02', '10:00'),
        end: cph('2026-12-02', '12:00'),
      }),
    ],
    meal: [
      meal('lunch-1', { date: '2026-12-01', slot: 'lunch', dish: 'Frikadeller' }),
      meal('dinner-1', { date: '2026-12-01', slot: 'dinner', dish: 'Fiskefrikadeller' }),
    ],
    mealattendance: [
      {
        id: 'lunch-1:r-anna',
        mealId: 'lunch-1',
        residentId: 'r-anna',
        attending: true,
        updatedAt: cph('2026-11-30', '08:00'),
      },
    ],
  };
  return { ...rows, ...o };
}

/** The date words keep "1. december" together with a no-break space; match it as a space. */
const spaced = (text: string) => (name: string) => name.replace(/\u00a0/g, ' ') === text;

const dayOf = async (name: string) =>
  (await screen.findByRole('heading', { level: 2, name: spaced(name) })).closest(
    'section',
  ) as HTMLElement;

describe('the week', () => {
  it('opens on today, with the day structure, meals and answers at the centre’s times', async () => {
    await renderFamily({ seed: seed(), now: NOW });
    expect(await screen.findByRole('heading', { level: 1, name: 'Annas uge' })).toBeTruthy();
    const today = await dayOf('I dag · tirsdag 1. december');
    const items = within(today).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('08.00');
    expect(items[0]?.textContent).toContain('Morgenmad');
    expect(items[1]?.textContent).toContain('09.30–11.30');
    expect(items[1]?.getAttribute('aria-current')).toBe('time');
    expect(within(today).getByText('Frisør')).toBeTruthy();
    expect(within(today).getByText('Frikadeller')).toBeTruthy();
    // The answer is the pressed one of the two (staff let relatives answer for Anna).
    const lunch = within(today).getByRole('group', { name: /Frikadeller$/ });
    expect(within(lunch).getByRole('button', { name: 'Spiser med', pressed: true })).toBeTruthy();
    expect(
      within(lunch).getByRole('button', { name: 'Spiser ikke med', pressed: false }),
    ).toBeTruthy();
    expect(within(today).getByText('Ikke svaret')).toBeTruthy();

    const tomorrow = await dayOf('I morgen · onsdag 2. december');
    expect(within(tomorrow).getByText('Vaskemaskinen')).toBeTruthy();
    expect(within(tomorrow).getByText('Booket')).toBeTruthy();

    const thursday = await dayOf('Torsdag 3. december');
    expect(within(thursday).getByText('Nr. 2 på ventelisten')).toBeTruthy();
    // Seven days: today to next Monday; the trip on Tuesday 8 December is next week.
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(7);
    expect(screen.queryByText('Tur i minibus')).toBeNull();
  });

  it('pages to next week and back to today', async () => {
    await renderFamily({ seed: seed(), now: NOW });
    fireEvent.click(await screen.findByRole('button', { name: 'Næste uge' }));
    const tue = await dayOf('Tirsdag 8. december');
    expect(within(tue).getByText('Tur i minibus')).toBeTruthy();
    expect(within(tue).getByText('3 ledige pladser')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tilbage til i dag' }));
    expect(await dayOf('I dag · tirsdag 1. december')).toBeTruthy();
  });

  it('shows English words and times when the relative chose English', async () => {
    await renderFamily({ seed: seed(), now: NOW, lang: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Anna’s week' })).toBeTruthy();
    const today = await dayOf('Today · Tuesday 1 December');
    expect(within(today).getByRole('button', { name: 'Eats with us', pressed: true })).toBeTruthy();
    expect(within(today).getAllByRole('listitem')[1]?.textContent).toContain('09:30–11:30');
  });
});

describe('acting on the resident’s behalf', () => {
  it('signs up after “Ja”, and the item says it will be sent when there is a connection', async () => {
    const t = await renderFamily({ seed: seed(), now: NOW, status: { state: 'offline' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Næste uge' }));
    const tue = await dayOf('Tirsdag 8. december');
    fireEvent.click(within(tue).getByRole('button', { name: 'Tilmeld Anna' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(
      within(dialog).getByRole('heading', {
        name: spaced('Tilmeld Anna til Tur i minibus tirsdag 8. december 14.00?'),
      }),
    ).toBeTruthy();
    expect(t.sent).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ja' }));
    await waitFor(() =>
      expect(t.sent).toEqual([
        { name: 'signup.add', args: { activityId: 'trip', residentId: 'r-anna' } },
      ]),
    );
    expect(await within(tue).findByText('Sendes, når der er forbindelse')).toBeTruthy();
    // "Tilmeld" has gone with the change: focus is on the item, not lost to the page.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Tur i minibus'));
    // Now on it (pending): cancelling is what is offered.
    expect(within(tue).getByRole('button', { name: 'Afmeld Anna' })).toBeTruthy();
    expect(within(tue).queryByRole('button', { name: 'Tilmeld Anna' })).toBeNull();
  });

  it('sends nothing on “Fortryd”', async () => {
    const t = await renderFamily({ seed: seed(), now: NOW });
    const thu = await dayOf('Torsdag 3. december');
    fireEvent.click(within(thu).getByRole('button', { name: 'Afmeld Anna' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(
      within(dialog).getByRole('heading', { name: spaced('Afmeld Anna fra Bingo torsdag 14.00?') }),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fortryd' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(t.sent).toEqual([]);
  });

  it('asks before a meal answer and sends meal.attend', async () => {
    const t = await renderFamily({ seed: seed(), now: NOW });
    const today = await dayOf('I dag · tirsdag 1. december');
    const dinner = within(today).getByRole('group', { name: /Fiskefrikadeller/ });
    fireEvent.click(within(dinner).getByRole('button', { name: 'Spiser ikke med' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(
      within(dialog).getByRole('heading', {
        name: spaced('Skal Anna ikke spise med til aftensmad i dag?'),
      }),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ja' }));
    await waitFor(() =>
      expect(t.sent).toEqual([
        {
          name: 'meal.attend',
          args: { mealId: 'dinner-1', residentId: 'r-anna', attending: false },
        },
      ]),
    );
    expect(
      await within(dinner).findByRole('button', { name: 'Spiser ikke med', pressed: true }),
    ).toBeTruthy();
    expect(within(today).getByText('Sendes …')).toBeTruthy();
  });

  it('offers nothing to do where staff have not allowed it, and says who handles it', async () => {
    const readOnly = { ...anna, relativesMayAct: undefined } as unknown as AnyEntity;
    await renderFamily({ seed: seed({ resident: [readOnly] }), now: NOW });
    expect(
      await screen.findByText(
        'Personalet står for tilmeldinger og madsvar for Anna. Spørg dem, hvis noget skal ændres.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Tilmeld|Afmeld|Spiser/ })).toBeNull();
    // Still shown: what she is on, and what she eats.
    expect(screen.getByText('Nr. 2 på ventelisten')).toBeTruthy();
    expect(screen.getByText('Spiser med', { selector: 'p' })).toBeTruthy();
    expect(screen.getByText('Ikke svaret', { selector: 'p' })).toBeTruthy();
  });

  it('says a refusal plainly on the item, and OK clears it', async () => {
    const refusal: Rejection = {
      id: 'm-9',
      name: 'signup.add',
      args: { activityId: 'trip', residentId: 'r-anna' },
      code: 'full',
      message: 'The activity is full',
      reason: null,
      at: '2026-12-01T08:30:00.000Z',
    };
    const t = await renderFamily({ seed: seed(), now: NOW });
    await t.db.rejections.put(refusal);
    fireEvent.click(await screen.findByRole('button', { name: 'Næste uge' }));
    const tue = await dayOf('Tirsdag 8. december');
    expect(await within(tue).findByText('Holdet er fuldt – Anna kom ikke med.')).toBeTruthy();
    // Said once: the frame's general notice leaves a refusal the week words itself.
    expect(screen.queryByText(/Det gik ikke/)).toBeNull();
    fireEvent.click(within(tue).getByRole('button', { name: 'OK' }));
    await waitFor(() =>
      expect(within(tue).queryByText('Holdet er fuldt – Anna kom ikke med.')).toBeNull(),
    );
  });

  it('a full activity with a waiting list asks before putting the resident on it', async () => {
    const full = { ...trip, confirmedCount: 8 };
    await renderFamily({ seed: seed({ activity: [full, bingo] }), now: NOW });
    fireEvent.click(await screen.findByRole('button', { name: 'Næste uge' }));
    const tue = await dayOf('Tirsdag 8. december');
    expect(within(tue).getByText('Holdet er fuldt – der er venteliste')).toBeTruthy();
    fireEvent.click(within(tue).getByRole('button', { name: 'Skriv Anna på ventelisten' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(
      within(dialog)
        .getByRole('heading')
        .textContent?.replace(/\u00a0/g, ' '),
    ).toBe(
      'Holdet er fuldt. Skriv Anna på ventelisten til Tur i minibus tirsdag 8. december 14.00?',
    );
  });
});
