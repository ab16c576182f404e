// @vitest-environment jsdom
/**
 * Every staff-on-duty card on Home has a read-aloud button (issue 11), in the same top-right
 * corner as every other card's, saying the name and the hours in a full sentence.
 */
import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { cph, shift } from '../test-support/builders.js';
import { renderKiosk, screen, waitFor } from '../test-support/render-kiosk.js';

const shifts = [
  shift('s1', {
    staffName: 'Mette Hansen',
    start: cph('2026-11-24', '07:00'),
    end: cph('2026-11-24', '15:00'),
  }),
  shift('s2', {
    staffName: 'Omar',
    start: cph('2026-11-24', '09:30'),
    end: cph('2026-11-24', '17:30'),
  }),
];

describe('staff on duty on Home', () => {
  it('reads each aloud: name and hours in a full sentence', async () => {
    const k = await renderKiosk({ now: cph('2026-11-24', '10:00'), seed: { shift: shifts } });
    const staff = screen.getByRole('heading', { name: 'Personale på arbejde nu' }).parentElement!;
    const cards = within(staff).getAllByRole('article');
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual(['Mette', 'Omar']);
    for (const c of cards)
      expect(within(c).getByRole('button', { name: /^Læs højt: / })).toBeTruthy();
    fireEvent.click(within(staff).getByRole('button', { name: 'Læs højt: Omar' }));
    await waitFor(() =>
      expect(k.speech.played).toEqual([
        'Omar er på arbejde nu, fra klokken 9 30 til klokken 17 30.',
      ]),
    );
  });

  it('puts the button where every card has it: last in the card, after the text', async () => {
    await renderKiosk({ now: cph('2026-11-24', '10:00'), seed: { shift: shifts } });
    const staff = screen.getByRole('heading', { name: 'Personale på arbejde nu' }).parentElement!;
    const card = within(staff).getAllByRole('article')[0]!;
    const button = within(card).getByRole('button', { name: 'Læs højt: Mette' });
    expect(button.classList.contains('read-aloud')).toBe(true);
    // The same place in the reading order as on an ItemCard: after the name and the time.
    expect(card.textContent?.indexOf('Mette')).toBeLessThan(card.textContent.indexOf('Læs højt'));
  });
});
