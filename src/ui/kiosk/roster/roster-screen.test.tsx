// @vitest-environment jsdom
import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useKiosk } from '../state/store.js';
import { cph, shift } from '../test-support/builders.js';
import { act, renderKiosk, screen } from '../test-support/render-kiosk.js';

const groups = [{ id: 'g-birk', name: 'Birkehuset' }];

const week = [
  shift('s-am', { staffName: 'Mette Hansen', groupId: 'g-birk' }),
  shift('s-am2', { staffName: 'Ali' }),
  shift('s-pm', {
    staffName: 'Kim',
    start: cph('2026-11-24', '15:00'),
    end: cph('2026-11-24', '23:00'),
  }),
  // A night shift across midnight: it belongs to Tuesday, the day it starts.
  shift('s-night', {
    staffName: 'Ole',
    start: cph('2026-11-24', '23:00'),
    end: cph('2026-11-25', '07:00'),
  }),
  shift('s-wed', {
    staffName: 'Søren',
    start: cph('2026-11-25', '07:00'),
    end: cph('2026-11-25', '15:00'),
  }),
  shift('s-thu', {
    staffName: 'Lene',
    start: cph('2026-11-26', '07:00'),
    end: cph('2026-11-26', '15:00'),
  }),
  // Yesterday's and a week later: not shown.
  shift('s-mon', {
    staffName: 'Pia',
    start: cph('2026-11-23', '07:00'),
    end: cph('2026-11-23', '15:00'),
  }),
  shift('s-far', {
    staffName: 'Jens',
    start: cph('2026-12-01', '07:00'),
    end: cph('2026-12-01', '15:00'),
  }),
];

/**
 * What stands under a heading (found by text: dates carry no-break spaces the name query keeps):
 * the roster is one paged list (shared/pager.tsx) with its headings in it, so this gathers the
 * items after the heading up to the next one. Every list here fits one page (jsdom has no layout).
 */
const section = (name: string) => {
  const heading = screen.getByText(name, { selector: 'h2, h3' }).closest('li') as HTMLElement;
  const under = document.createElement('div');
  let li = heading.nextElementSibling;
  while (li && !li.classList.contains('pager-heading')) {
    under.append(li.cloneNode(true));
    li = li.nextElementSibling;
  }
  return under;
};
const namesIn = (el: HTMLElement) =>
  within(el)
    .queryAllByRole('article')
    .map((a) => a.getAttribute('aria-label'));

describe('Staff roster', () => {
  it('shows who is at work now with until when, then later today, then the next days', async () => {
    await renderKiosk({
      screen: 'roster',
      now: cph('2026-11-24', '10:00'),
      seed: { shift: week, group: groups },
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Personale' })).toBeTruthy();
    const now = section('Hvem er på arbejde nu?');
    expect(namesIn(now)).toEqual(['Ali', 'Mette']);
    const mette = within(now).getByRole('article', { name: 'Mette' });
    expect(within(mette).getByText('til kl. 15.00')).toBeTruthy();
    expect(within(mette).getByText('Birkehuset')).toBeTruthy();
    expect(screen.queryByText(/Hansen/)).toBeNull();

    const later = section('Senere i dag');
    expect(namesIn(later)).toEqual(['Kim', 'Ole']);
    expect(within(later).getByText('kl. 15.00 til 23.00')).toBeTruthy();
    expect(within(later).getByText('kl. 23.00 til 07.00 næste dag')).toBeTruthy();

    const tomorrow = section('I morgen');
    expect(namesIn(tomorrow)).toEqual(['Søren']);
    expect(within(tomorrow).getByText('kl. 07.00 til 15.00')).toBeTruthy();
    expect(namesIn(section('Torsdag den 26. november'))).toEqual(['Lene']);
    expect(
      within(section('Fredag den 27. november')).getByText('Der er ingen vagter.'),
    ).toBeTruthy();
    expect(screen.queryByText('Pia')).toBeNull();
    expect(screen.queryByText('Jens')).toBeNull();
  });

  it('keeps a night shift on its own evening and shows it as on duty after midnight', async () => {
    await renderKiosk({
      screen: 'roster',
      now: cph('2026-11-25', '02:00'),
      seed: { shift: week, group: groups },
    });
    const now = section('Hvem er på arbejde nu?');
    expect(namesIn(now)).toEqual(['Ole']);
    expect(within(now).getByText('til kl. 07.00')).toBeTruthy();
    // Wednesday's own shifts are later today; Ole is not listed again.
    expect(namesIn(section('Senere i dag'))).toEqual(['Søren']);
  });

  it('reads times in the centre’s zone across the change to summer time', async () => {
    // Saturday 28 March 2026; the clocks go forward in the night to Sunday.
    await renderKiosk({
      screen: 'roster',
      now: '2026-03-28T09:00:00.000Z',
      seed: {
        shift: [
          // 23.00 CET to 07.00 CEST: seven hours, shown as the wall clock says.
          shift('n', {
            staffName: 'Ole',
            start: '2026-03-28T22:00:00.000Z',
            end: '2026-03-29T05:00:00.000Z',
          }),
          // 07.00 to 15.00 CEST (UTC+2).
          shift('d', {
            staffName: 'Mette',
            start: '2026-03-29T05:00:00.000Z',
            end: '2026-03-29T13:00:00.000Z',
          }),
        ],
      },
    });
    expect(within(section('Senere i dag')).getByText('kl. 23.00 til 07.00 næste dag')).toBeTruthy();
    expect(within(section('I morgen')).getByText('kl. 07.00 til 15.00')).toBeTruthy();
  });

  it('says calmly when nobody is at work and there is no roster', async () => {
    await renderKiosk({ screen: 'roster', now: cph('2026-11-24', '10:00') });
    expect(screen.getByText('Der er ingen på arbejde lige nu.')).toBeTruthy();
    expect(screen.getByText('Der kommer ikke flere i dag.')).toBeTruthy();
    expect(screen.getByText('Der er ingen vagtplan for de næste dage.')).toBeTruthy();
  });

  it('waits calmly while the cache is read', async () => {
    const k = await renderKiosk({ now: cph('2026-11-24', '10:00'), seed: { shift: week } });
    const never = { between: () => ({ toArray: () => new Promise<never>(() => {}) }) };
    Object.defineProperty(k.db.shift, 'where', { value: () => never });
    act(() => useKiosk.getState().go('roster'));
    expect(await screen.findByText('Et øjeblik.')).toBeTruthy();
    expect(screen.queryByText('Hvem er på arbejde nu?')).toBeNull();
  });

  it('speaks English when the kiosk is set to English', async () => {
    await renderKiosk({
      screen: 'roster',
      now: cph('2026-11-24', '10:00'),
      settings: { lang: 'en' },
      seed: { shift: week, group: groups },
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Staff' })).toBeTruthy();
    const now = section('Who is at work now?');
    expect(within(now).getAllByText('until 15:00')).toHaveLength(2);
    expect(within(section('Later today')).getByText('23:00 to 07:00 the next day')).toBeTruthy();
    expect(section('Tomorrow')).toBeTruthy();
    expect(section('Thursday 26 November')).toBeTruthy();
  });
});

describe('OnDutyNow (for Home)', () => {
  it('shows the faces and first names of staff at work now, and until when', async () => {
    await renderKiosk({ now: cph('2026-11-24', '16:00'), seed: { shift: week } });
    const list = document.querySelector('ul.on-duty') as HTMLElement;
    expect(list.textContent).toContain('Kim');
    expect(list.textContent).toContain('til kl. 23.00');
    expect(list.textContent).not.toContain('Mette');
    expect(list.querySelectorAll('.face')).toHaveLength(1);
  });
});
