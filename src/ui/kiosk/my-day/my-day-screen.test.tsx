// @vitest-environment jsdom
import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useKiosk } from '../state/store.js';
import {
  activity,
  booking,
  cph,
  dayItem,
  resident,
  resource,
  signup,
} from '../test-support/builders.js';
import { renderKiosk, screen, waitFor } from '../test-support/render-kiosk.js';

const residents = [
  resident('r-anna', { displayName: 'Anna Hansen', groupIds: ['g1'] }),
  resident('r-bent', { displayName: 'Bent', hasPin: true }),
  resident('r-dennis', { displayName: 'Dennis', wallConsent: false }),
];

const items = [
  dayItem('d1', { start: '07:30', end: '09:00', title: 'Morgenmad' }),
  dayItem('d2', { start: '09:00', title: 'Gåtur' }),
  dayItem('d3', { start: '12:00', title: 'Frokost' }),
  dayItem('p1', { groupId: null, residentId: 'r-anna', start: '11:00', title: 'Fysioterapi' }),
];
/** Bent has a PIN: his personal items never reach the kiosk's cache, only the unlock answer. */
const bentsOwn = dayItem('p2', {
  groupId: null,
  residentId: 'r-bent',
  start: '10:00',
  title: 'Tandlæge',
});

describe('My day', () => {
  it('lets only residents with wall consent pick their photo', async () => {
    await renderKiosk({ screen: 'my-day', seed: { resident: residents } });
    expect(screen.getByRole('heading', { name: 'Hvem er du?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Anna' })).toBeTruthy();
    expect(screen.queryByText('Dennis')).toBeNull();
  });

  it('names the day in Danish: "Annas dag", and "Lis\' dag" for a name ending in s', async () => {
    await renderKiosk({
      screen: 'my-day',
      seed: { resident: [...residents, resident('r-lis', { displayName: 'Lis Holm' })] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Lis' }));
    expect(await screen.findByRole('heading', { name: "Lis' dag" })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Luk min dag' }));
    useKiosk.getState().go('my-day');
    fireEvent.click(await screen.findByRole('button', { name: 'Anna' }));
    expect(await screen.findByRole('heading', { name: 'Annas dag' })).toBeTruthy();
  });

  it("shows the resident's own day as a time line: past dimmed, now marked, others' items not", async () => {
    await renderKiosk({
      screen: 'my-day',
      now: cph('2026-11-24', '09:30'),
      seed: { resident: residents, dayitem: items },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Anna' }));
    expect(await screen.findByRole('heading', { name: 'Annas dag' })).toBeTruthy();
    await screen.findByText('Fysioterapi');
    const entries = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(entries.findIndex((t) => t.includes('Morgenmad'))).toBeLessThan(
      entries.findIndex((t) => t.includes('Fysioterapi')),
    );
    expect(entries.find((t) => t.includes('Morgenmad'))).toContain('Færdig');
    expect(entries.find((t) => t.includes('Gåtur'))).toMatch(/^Nu/);
    expect(screen.queryByText('Tandlæge')).toBeNull();
  });

  it('asks for the PIN where staff set one, and says plainly when it cannot be checked offline', async () => {
    await renderKiosk({ screen: 'my-day', seed: { resident: residents, dayitem: items } });
    fireEvent.click(screen.getByRole('button', { name: 'Bent' }));
    expect(screen.getByRole('dialog', { name: 'Skriv din kode' })).toBeTruthy();
    for (const d of ['1', '2', '3', '4']) fireEvent.click(screen.getByRole('button', { name: d }));
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(
      await screen.findByText('Skærmen har ikke forbindelse. Din kode kan ikke tjekkes nu.'),
    ).toBeTruthy();
    expect(useKiosk.getState().residentId).toBeNull();
  });

  it('opens with the right PIN and refuses a wrong one', async () => {
    const tried: string[] = [];
    await renderKiosk({
      screen: 'my-day',
      seed: { resident: residents, dayitem: items },
      unlock: (_id, pin) => {
        tried.push(pin);
        return Promise.resolve(
          pin === '2468'
            ? { ok: true, items: [bentsOwn] }
            : { ok: false, code: 'wrong_pin', message: 'wrong' },
        );
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bent' }));
    for (const d of ['1', '1', '1', '1']) fireEvent.click(screen.getByRole('button', { name: d }));
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(await screen.findByText('Koden er forkert. Prøv igen.')).toBeTruthy();
    for (const d of ['2', '4', '6', '8']) fireEvent.click(screen.getByRole('button', { name: d }));
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(await screen.findByRole('heading', { name: 'Bents dag' })).toBeTruthy();
    expect(await screen.findByText('Tandlæge')).toBeTruthy();
    expect(tried).toEqual(['1111', '2468']);
    // Closing the view forgets them: they were never written to the cache.
    fireEvent.click(screen.getByRole('button', { name: 'Luk min dag' }));
    await waitFor(() => expect(useKiosk.getState().residentId).toBeNull());
    expect(screen.queryByText('Tandlæge')).toBeNull();
  });

  it("lists the resident's sign-ups and bookings with their state in words", async () => {
    await renderKiosk({
      screen: 'my-day',
      residentId: 'r-anna',
      now: cph('2026-11-24', '09:30'),
      seed: {
        resident: residents,
        activity: [
          activity('a1', { title: 'Bankospil' }),
          activity('a2', {
            title: 'Gåtur',
            start: cph('2026-11-25', '10:00'),
            end: cph('2026-11-25', '11:00'),
          }),
        ],
        signup: [
          signup('a1', 'r-anna'),
          signup('a2', 'r-anna', { status: 'waitlisted', position: 2 }),
        ],
        resource: [resource('res-1', { name: 'Vaskemaskine' })],
        booking: [booking('b1', { residentId: 'r-anna' })],
      },
    });
    // My day is one paged list (shared/pager.tsx) with this heading in it: the list holds them.
    const mine = (
      await screen.findByRole('heading', { name: 'Dine tilmeldinger og bookinger' })
    ).closest('ul')!;
    expect(mine.textContent).toContain('Bankospil');
    expect(mine.textContent).toContain('Du er tilmeldt.');
    expect(mine.textContent).toContain('Du er nummer 2 på ventelisten.');
    expect(mine.textContent).toContain('Du har booket Vaskemaskine.');
  });

  it('closes back to Home, forgetting who it was open for', async () => {
    await renderKiosk({ screen: 'my-day', residentId: 'r-anna', seed: { resident: residents } });
    fireEvent.click(screen.getByRole('button', { name: 'Luk min dag' }));
    await waitFor(() =>
      expect(useKiosk.getState()).toMatchObject({ screen: 'home', residentId: null }),
    );
  });
});
