// @vitest-environment jsdom
/**
 * Evaluering as staff meet it: per week, on the screen against by staff, as bars with their
 * numbers and as a table; kiosk use by hour; CSV links for the same period; never a name.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EvaluationReport } from '../../../protocol/operations.js';
import { renderStaff } from '../test-support/render-staff.js';
import { EvaluationPage } from './evaluation-page.js';

afterEach(() => vi.unstubAllGlobals());

const zero = { wall: 0, staff: 0, relative: 0 };
const report: EvaluationReport = {
  from: '2026-10-13',
  to: '2026-12-01',
  weeks: [
    {
      monday: '2026-11-23',
      counts: {
        signup: { wall: 7, staff: 2, relative: 1 },
        cancel: { ...zero, wall: 1 },
        booking: zero,
        meal: zero,
      },
      speech: 4,
    },
    {
      monday: '2026-11-30',
      counts: {
        signup: { wall: 3, staff: 5, relative: 0 },
        cancel: zero,
        booking: { ...zero, wall: 2 },
        meal: zero,
      },
      speech: 0,
    },
  ],
  kioskByHour: Array.from({ length: 24 }, (_, h) => (h === 10 ? 6 : 0)),
};

describe('the evaluation page', () => {
  it('shows the weeks as bars with numbers and as a table, kiosk use by hour, and CSV links', async () => {
    const spy = vi.fn(() => Promise.resolve(new Response(JSON.stringify(report))));
    vi.stubGlobal('fetch', spy);
    await renderStaff(<EvaluationPage />, { path: '/evaluation' });
    const chart = await screen.findByRole('img', {
      name: 'Søjler pr. uge: på skærmen og af personalet',
    });
    // Week 48: 7 + 1 on the screen, 2 by staff; week 49: 3 + 2 and 5.
    expect(chart.textContent).toContain('Uge 48');
    expect(chart.textContent).toContain('8');
    expect(chart.textContent).toContain('5');
    const tables = screen.getAllByRole('table');
    const weeks = tables[0] as HTMLElement;
    expect(
      within(weeks).getByRole('rowheader', { name: 'Uge 48 (fra mandag 23. november)' }),
    ).toBeTruthy();
    expect(weeks.textContent).toContain('7 / 2 / 1');
    expect(
      screen.getByRole('img', { name: 'Søjler pr. time: tryk på skærmene' }).textContent,
    ).toContain('6');
    expect(within(tables[1] as HTMLElement).getByRole('rowheader', { name: '10.00' })).toBeTruthy();
    expect(spy).toHaveBeenCalledWith(
      '/api/evaluation?from=2026-10-13&to=2026-12-01',
      expect.anything(),
    );
    expect(screen.getByRole('link', { name: 'Hent uger som CSV' }).getAttribute('href')).toBe(
      '/api/evaluation.csv?from=2026-10-13&to=2026-12-01&table=weeks',
    );
  });

  it('says so when the screens were not used at all', async () => {
    const quiet = { ...report, kioskByHour: Array.from({ length: 24 }, () => 0) };
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(JSON.stringify(quiet)))),
    );
    await renderStaff(<EvaluationPage />, { path: '/evaluation' });
    expect(await screen.findByText('Ingen brug af skærmene i perioden.')).toBeTruthy();
    expect(screen.queryByRole('img', { name: 'Søjler pr. time: tryk på skærmene' })).toBeNull();
  });

  it('says plainly that the counts need a connection', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await renderStaff(<EvaluationPage />, { path: '/evaluation' });
    expect(
      await screen.findByText('Tallene kan kun ses, når der er forbindelse til serveren.'),
    ).toBeTruthy();
  });
});
