// @vitest-environment jsdom
/**
 * Every wall-screen list longer than its space shows one screen-full at a time with "Forrige" /
 * "Næste" and "Side 1 af 2", instead of all of it in a scroll area (issue 11: landscape My day
 * showed 3 of 9 items, Activities 2 of 3, the Staff list was 4,151 px tall). jsdom lays nothing
 * out, so the space and the items' heights are given: 560 px for the list, 120 of it for the
 * buttons, 100 px an item, 10 between: four items to a page.
 */
import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Album } from '../../../domain/model.js';
import {
  activity,
  cph,
  dayItem,
  meal,
  news,
  resident,
  resource,
  shift,
} from '../test-support/builders.js';
import { pagerSizes } from '../test-support/pager-sizes.js';
import { renderKiosk, screen, type RenderOptions } from '../test-support/render-kiosk.js';

const measure = pagerSizes(560);
const open = (o: RenderOptions) => renderKiosk({ measure, ...o });
const pages = () => screen.getByRole('navigation', { name: 'Sider' });
const next = () => fireEvent.click(within(pages()).getByRole('button', { name: /Næste/ }));
const seen = (name: string | RegExp) => screen.queryByRole('article', { name }) !== null;
const six = ['1', '2', '3', '4', '5', '6'];

async function expectTwoPages(first: string | RegExp, last: string | RegExp) {
  expect(await screen.findByText('Side 1 af 2')).toBeTruthy();
  expect(seen(first)).toBe(true);
  expect(seen(last)).toBe(false);
  next();
  expect(await screen.findByText('Side 2 af 2')).toBeTruthy();
  expect(seen(first)).toBe(false);
  expect(seen(last)).toBe(true);
  expect(within(pages()).getByRole('button', { name: /Næste/ })).toHaveProperty('disabled', true);
}

describe('lists longer than the screen, one screen-full at a time', () => {
  it('Activities: the day in pages, back to page 1 for another day', async () => {
    const day = (d: string) =>
      six.map((n, i) =>
        activity(`${d}${n}`, {
          title: `Aktivitet ${d}${n}`,
          start: cph(d, `1${i}:00`),
          end: cph(d, `1${i}:30`),
        }),
      );
    await open({
      screen: 'activities',
      now: cph('2026-11-24', '08:00'),
      seed: { activity: [...day('2026-11-24'), ...day('2026-11-25')] },
    });
    await expectTwoPages('Aktivitet 2026-11-241', 'Aktivitet 2026-11-246');
    fireEvent.click(screen.getByRole('button', { name: 'I morgen' }));
    expect(await screen.findByText('Side 1 af 2')).toBeTruthy();
    expect(seen('Aktivitet 2026-11-251')).toBe(true);
  });

  it('Meals: the day in pages', async () => {
    const slots = ['breakfast', 'lunch', 'lunch', 'snack', 'dinner', 'dinner'] as const;
    await open({
      screen: 'meals',
      seed: {
        meal: six.map((n, i) => meal(`m${n}`, { dish: `Ret ${n}`, slot: slots[i] ?? 'lunch' })),
      },
    });
    expect(await screen.findByText('Side 1 af 2')).toBeTruthy();
    const dishes = () => screen.queryAllByText(/^Ret \d$/).map((el) => el.textContent);
    expect(dishes()).toHaveLength(4);
    next();
    expect(dishes()).toHaveLength(2);
  });

  it('My day: the time line in pages, the day heading kept with its first item', async () => {
    await open({
      screen: 'my-day',
      residentId: 'r-anna',
      seed: {
        resident: [resident('r-anna', { displayName: 'Anna Hansen' })],
        dayitem: six.map((n, i) =>
          dayItem(`d${n}`, { title: `Punkt ${n}`, start: `1${i}:00`, groupId: 'g1' }),
        ),
      },
    });
    expect(await screen.findByText(/^Side 1 af \d$/)).toBeTruthy();
    expect(seen('Punkt 1')).toBe(true);
    expect(seen('Punkt 6')).toBe(false);
    next();
    expect(seen('Punkt 1')).toBe(false);
  });

  it('Staff: the week in pages, a day heading never left alone at a page end', async () => {
    const shifts = ['2026-11-25', '2026-11-26', '2026-11-27'].flatMap((d) =>
      ['A', 'B', 'C'].map((n) =>
        shift(`${d}${n}`, {
          staffName: `${n}${d.slice(-2)}`,
          start: cph(d, '07:00'),
          end: cph(d, '15:00'),
        }),
      ),
    );
    await open({ screen: 'roster', now: cph('2026-11-24', '10:00'), seed: { shift: shifts } });
    expect(await screen.findByText(/^Side 1 af \d$/)).toBeTruthy();
    expect(screen.queryByText('C27')).toBeNull();
    const headingLast = () => {
      const list = screen.getByRole('list', { name: 'Vagtplan' });
      const last = [...list.children].at(-1);
      return last?.querySelector('h2, h3') !== null && last?.querySelector('article') === null;
    };
    expect(headingLast()).toBe(false);
  });

  it('News: the items in pages', async () => {
    await open({
      screen: 'news',
      seed: {
        news: six.map((n, i) =>
          news(`n${n}`, { title: `Nyhed ${n}`, publishAt: cph('2026-11-24', `0${8 - i}:00`) }),
        ),
      },
    });
    await expectTwoPages('Nyhed 1', 'Nyhed 6');
  });

  it('Photos: the albums in pages', async () => {
    const album = (n: string, i: number): Album => ({
      id: `al${n}`,
      title: `Album ${n}`,
      photos: [{ hash: 'a'.repeat(64) }],
      audience: { kind: 'all' },
      consentConfirmed: true,
      publishedAt: cph('2026-11-2' + String(3 - Math.floor(i / 3)), `0${8 - (i % 3)}:00`),
      updatedAt: cph('2026-11-20', '09:00'),
      updatedBy: 'u1',
    });
    await open({ screen: 'photos', seed: { album: six.map(album) } });
    await expectTwoPages('Album 1', 'Album 6');
  });

  it('Book: the resources in pages', async () => {
    await open({
      screen: 'book',
      seed: { resource: six.map((n) => resource(`res-${n}`, { name: `Ting ${n}` })) },
    });
    expect(await screen.findByText('Side 1 af 2')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ting 1' })).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Ting 6' })).toBeNull();
    next();
    expect(screen.queryByRole('button', { name: 'Ting 6' })).not.toBeNull();
  });

  it('Book: a long day of slots in pages', async () => {
    // Open 06.00-23.00 in 1-hour slots: 17 slots.
    const r = resource('res-1', {
      name: 'Vaskemaskine',
      slotMinutes: 60,
      opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '06:00', to: '23:00' })),
    });
    await open({ screen: 'book', now: cph('2026-11-24', '05:00'), seed: { resource: [r] } });
    expect(await screen.findByText(/^Side 1 af \d$/)).toBeTruthy();
    const grid = screen.getByRole('list', { name: /Tider/ });
    expect(within(grid).queryByText(/kl\. 06\.00 til 07\.00/)).not.toBeNull();
    expect(within(grid).queryByText('kl. 22.00 til 23.00')).toBeNull();
    next();
    expect(screen.getByText(/^Side 2 af \d$/)).toBeTruthy();
  });
});
