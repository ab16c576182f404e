// @vitest-environment jsdom
/**
 * "Ændret" on the wall (issue 9): an item staff changed on its own day is marked until that day
 * ends, by the centre's clock; the next day's plan carries no mark, and a mark from an earlier
 * day is never shown.
 */
import { describe, expect, it } from 'vitest';
import { cph, dayItem } from '../test-support/builders.js';
import { renderKiosk, screen } from '../test-support/render-kiosk.js';

const plan = [
  // Changed late on 24 November (the server set changedOn to that day).
  dayItem('late', {
    date: '2026-11-24',
    start: '22:00',
    title: 'Aftenkaffe',
    changedOn: '2026-11-24',
  }),
  // The next day's first item, with a mark left from the day before.
  dayItem('next', {
    date: '2026-11-25',
    start: '00:00',
    title: 'Nattevagt',
    changedOn: '2026-11-24',
  }),
];

describe('"Ændret" until the day ends', () => {
  it('is shown on the day of the change, up to its last minute', async () => {
    await renderKiosk({ now: cph('2026-11-24', '23:59'), seed: { dayitem: plan } });
    const now = screen.getByText('Nu').parentElement!;
    expect(now.textContent).toContain('Aftenkaffe');
    expect(now.textContent).toContain('Ændret');
  });

  it('is gone once the day has ended, also from an item carrying an old mark', async () => {
    await renderKiosk({ now: cph('2026-11-25', '00:01'), seed: { dayitem: plan } });
    const now = screen.getByText('Nu').parentElement!;
    expect(now.textContent).toContain('Nattevagt');
    expect(screen.queryByText('Ændret')).toBeNull();
  });
});
