// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { activity, cph, dayItem, meal, resident, shift } from '../test-support/builders.js';
import { renderKiosk, screen, waitFor } from '../test-support/render-kiosk.js';
import { fireEvent } from '@testing-library/react';
import { useKiosk } from '../state/store.js';

const plan = [
  dayItem('d1', { start: '07:30', title: 'Morgenmad', pictogram: 'breakfast' }),
  dayItem('d2', { start: '09:00', title: 'Gåtur', pictogram: 'walk' }),
  dayItem('d3', { start: '10:30', title: 'Kaffe', pictogram: 'coffee' }),
  // The same plan in the other house: shown once.
  dayItem('d4', { groupId: 'g2', start: '10:30', title: 'Kaffe', pictogram: 'coffee' }),
  // Someone's personal item never shows on the shared Home screen.
  dayItem('p1', { groupId: null, residentId: 'r-anna', start: '09:30', title: 'Tandlæge' }),
];

describe('Home', () => {
  it('shows now and next from the day structure, with how long until next', async () => {
    // 10.10 in Copenhagen.
    await renderKiosk({ now: cph('2026-11-24', '10:10'), seed: { dayitem: plan } });
    const now = screen.getByText('Nu').parentElement!;
    expect(now.textContent).toContain('Gåtur');
    expect(now.textContent).toContain('kl. 09.00');
    const next = screen.getByText('Bagefter').parentElement!;
    expect(next.textContent).toContain('Kaffe');
    expect(next.textContent).toContain('kl. 10.30, om 20 minutter');
    expect(screen.getAllByText('Kaffe')).toHaveLength(1);
    expect(screen.queryByText('Tandlæge')).toBeNull();
  });

  it('marks a change staff made today', async () => {
    await renderKiosk({
      now: cph('2026-11-24', '10:10'),
      seed: {
        dayitem: [dayItem('d2', { start: '09:00', title: 'Gåtur', changedOn: '2026-11-24' })],
      },
    });
    expect(screen.getByText('Ændret')).toBeTruthy();
  });

  it('says so calmly when there is no plan, no meals and no activities', async () => {
    await renderKiosk();
    expect(screen.getByText('Der er ingen plan for i dag.')).toBeTruthy();
    expect(screen.getByText('Der er ingen madplan for i dag.')).toBeTruthy();
    expect(screen.getByText('Der er ingen aktiviteter i dag.')).toBeTruthy();
  });

  it('shows staff on duty now, today’s meals and activities with places left', async () => {
    await renderKiosk({
      now: cph('2026-11-24', '10:00'),
      seed: {
        shift: [
          shift('s1', { staffName: 'Mette Hansen' }),
          shift('s2', {
            staffName: 'Kim',
            start: cph('2026-11-24', '15:00'),
            end: cph('2026-11-24', '23:00'),
          }),
        ],
        meal: [meal('m1', { slot: 'lunch', dish: 'Smørrebrød' })],
        activity: [activity('a1', { title: 'Bankospil', capacity: 6, confirmedCount: 4 })],
        resident: [resident('r-anna')],
      },
    });
    const staff = screen.getByRole('heading', { name: 'Personale på arbejde nu' }).parentElement!;
    expect(staff.textContent).toContain('Mette');
    expect(staff.textContent).not.toContain('Hansen');
    expect(staff.textContent).not.toContain('Kim');
    expect(screen.getByText('Smørrebrød')).toBeTruthy();
    expect(screen.getByText(/2 ledige pladser/)).toBeTruthy();
  });

  it('shows tomorrow’s activities once today’s are over', async () => {
    await renderKiosk({
      now: cph('2026-11-24', '20:00'),
      seed: {
        activity: [
          activity('a1', { title: 'Bankospil' }),
          activity('a2', {
            title: 'Gåtur',
            start: cph('2026-11-25', '10:00'),
            end: cph('2026-11-25', '11:00'),
          }),
        ],
      },
    });
    expect(screen.getByRole('heading', { name: 'Aktiviteter i morgen' })).toBeTruthy();
    expect(screen.getByText('Gåtur')).toBeTruthy();
    expect(screen.queryByText('Bankospil')).toBeNull();
  });

  it('has a big tile to every other screen, and Home brings you back', async () => {
    await renderKiosk();
    for (const name of ['Min dag', 'Aktiviteter', 'Mad', 'Book', 'Nyheder', 'Personale'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Mad' }));
    expect(useKiosk.getState().screen).toBe('meals');
    fireEvent.click(screen.getByRole('button', { name: 'Hjem' }));
    await waitFor(() => expect(useKiosk.getState().screen).toBe('home'));
  });

  it('reads now aloud in a full sentence', async () => {
    const k = await renderKiosk({ now: cph('2026-11-24', '10:10'), seed: { dayitem: plan } });
    fireEvent.click(screen.getByRole('button', { name: 'Læs højt: Gåtur' }));
    await waitFor(() => expect(k.speech.played).toEqual(['Nu: Gåtur, klokken 9.']));
  });
});
