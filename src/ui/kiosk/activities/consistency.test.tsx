// @vitest-environment jsdom
/**
 * Home, the Activities card and the undo bar tell one story about an activity (issue 11,
 * "Nothing contradicts"): the same closed / places line from the domain's one derivation, and a
 * sign-up made offline counted the same way in the names, the count, the places and the words.
 */
import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useKiosk } from '../state/store.js';
import { activity, cph, resident, signup } from '../test-support/builders.js';
import { renderKiosk, screen, waitFor } from '../test-support/render-kiosk.js';

const residents = [
  resident('r-anna', { displayName: 'Anna Hansen' }),
  resident('r-bent', { displayName: 'Bent' }),
  resident('r-carl', { displayName: 'Carl' }),
];

const card = (title: string) => screen.findByRole('article', { name: title });
/** Home's line for an activity: its strip button. */
const homeLine = async (title: string) =>
  (await screen.findByRole('button', { name: new RegExp(`^${title}`) })).textContent ?? '';

const pick = (name: string) =>
  fireEvent.click(
    within(screen.getByRole('dialog')).getByRole('button', { name: new RegExp(`^${name}`) }),
  );

describe('one state of an activity on Home and on Activities', () => {
  const trip = (o: Parameters<typeof activity>[1] = {}) =>
    activity('a1', {
      title: 'Tur i minibus',
      start: cph('2026-11-24', '13:00'),
      end: cph('2026-11-24', '16:00'),
      capacity: 8,
      confirmedCount: 3,
      ...o,
    });

  it.each([
    [
      'the deadline has passed',
      trip({ signupDeadline: cph('2026-11-24', '09:00') }),
      cph('2026-11-24', '10:00'),
      'Tilmeldingen er lukket',
    ],
    ['it is going on', trip(), cph('2026-11-24', '13:00'), 'Aktiviteten er i gang'],
    ['places are left', trip(), cph('2026-11-24', '10:00'), '5 ledige pladser'],
    [
      'its last place is the waiting list’s',
      trip({ confirmedCount: 7, waitlistCount: 1 }),
      cph('2026-11-24', '10:00'),
      'Fuld',
    ],
  ])('when %s', async (_name, a, now, words) => {
    await renderKiosk({ now, seed: { activity: [a], resident: residents } });
    const home = await homeLine('Tur i minibus');
    expect(home).toContain(words);
    useKiosk.getState().go('activities');
    expect((await card('Tur i minibus')).textContent).toContain(words);
    if (words !== '5 ledige pladser') expect(home).not.toContain('ledige pladser');
  });
});

describe('a sign-up made offline', () => {
  const bingo = activity('a1', {
    title: 'Bankospil',
    start: cph('2026-11-24', '14:30'),
    end: cph('2026-11-24', '16:00'),
    capacity: 5,
    confirmedCount: 1,
  });

  it('is told the same way on the card, in the names, the count, the undo bar and on Home', async () => {
    const k = await renderKiosk({
      screen: 'activities',
      status: { state: 'offline' },
      seed: { activity: [bingo], resident: residents, signup: [signup('a1', 'r-bent')] },
    });
    fireEvent.click(within(await card('Bankospil')).getByRole('button', { name: 'Tilmeld' }));
    pick('Anna');
    fireEvent.click(screen.getByRole('button', { name: 'Ja, tilmeld mig' }));
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['signup.add']),
    );

    const c = await card('Bankospil');
    await waitFor(() =>
      expect(c.textContent).toContain('Anna er tilmeldt. Sendes, når der er forbindelse.'),
    );
    expect(c.textContent).toContain('Tilmeldt: Anna, Bent');
    expect(c.textContent).toContain('3 ledige pladser');
    const bar = screen.getByText(/^Anna er tilmeldt Bankospil\./);
    await waitFor(() =>
      expect(bar.textContent).toBe('Anna er tilmeldt Bankospil. Sendes, når der er forbindelse.'),
    );

    useKiosk.getState().goHome();
    await waitFor(() =>
      expect(screen.getByText(/14\.30 · /).textContent).toContain('3 ledige pladser'),
    );
  });

  it('a cancel made offline frees the place and names the resident no more', async () => {
    await renderKiosk({
      screen: 'activities',
      status: { state: 'offline' },
      seed: {
        activity: [{ ...bingo, confirmedCount: 2 }],
        resident: residents,
        signup: [signup('a1', 'r-anna'), signup('a1', 'r-bent')],
      },
    });
    fireEvent.click(within(await card('Bankospil')).getByRole('button', { name: 'Afmeld' }));
    pick('Anna');
    fireEvent.click(screen.getByRole('button', { name: 'Ja, afmeld mig' }));
    const c = await card('Bankospil');
    await waitFor(() =>
      expect(c.textContent).toContain('Anna er afmeldt. Sendes, når der er forbindelse.'),
    );
    expect(c.textContent).toContain('Tilmeldt: Bent');
    expect(c.textContent).not.toContain('Tilmeldt: Anna');
    expect(c.textContent).toContain('4 ledige pladser');
    await waitFor(() =>
      expect(screen.getByText(/^Anna er afmeldt Bankospil\./).textContent).toBe(
        'Anna er afmeldt Bankospil. Sendes, når der er forbindelse.',
      ),
    );
  });

  it('taking the last place makes the next person’s confirm the waiting list', async () => {
    await renderKiosk({
      screen: 'activities',
      status: { state: 'offline' },
      seed: {
        activity: [{ ...bingo, capacity: 2 }],
        resident: residents,
        signup: [signup('a1', 'r-bent')],
      },
    });
    fireEvent.click(within(await card('Bankospil')).getByRole('button', { name: 'Tilmeld' }));
    pick('Anna');
    fireEvent.click(screen.getByRole('button', { name: 'Ja, tilmeld mig' }));
    const c = await card('Bankospil');
    await waitFor(() => expect(c.textContent).toContain('Fuld'));
    expect(c.textContent).toContain('Tilmeldt: Anna, Bent');
    // The next resident is asked for the waiting list, and told it in the card's words.
    fireEvent.click(within(c).getByRole('button', { name: 'Tilmeld' }));
    pick('Carl');
    fireEvent.click(screen.getByRole('button', { name: 'Ja, skriv mig på ventelisten' }));
    await waitFor(() =>
      expect(c.textContent).toContain('Carl er på ventelisten. Sendes, når der er forbindelse.'),
    );
    await waitFor(() =>
      expect(screen.getByText(/^Carl er på ventelisten til Bankospil\./).textContent).toBe(
        'Carl er på ventelisten til Bankospil. Sendes, når der er forbindelse.',
      ),
    );
    expect(c.textContent).toContain('1 på ventelisten');
  });
});
