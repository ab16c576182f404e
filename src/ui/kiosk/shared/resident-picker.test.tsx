// @vitest-environment jsdom
/**
 * "Hvem er du?" with more residents than the room holds is shown a screen-full at a time with
 * "Forrige" / "Næste" (issue 11: at text scale 1.5 the picker ran off the screen, and in a dialog
 * its "Tilbage" lay below it). jsdom lays nothing out, so the room is given: the picker's tiles
 * are taller than its box (`scrollHeight`), and the pager's space holds two rows of three tiles
 * with Forrige / Næste (330 px, 120 of them for the buttons, 100 px a tile, 10 between).
 */
import { fireEvent, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activity, cph, resident } from '../test-support/builders.js';
import { pagerSizes } from '../test-support/pager-sizes.js';
import { renderKiosk, screen, waitFor } from '../test-support/render-kiosk.js';

const NAMES = [
  'Anna',
  'Bent',
  'Carla',
  'Dorte',
  'Eva',
  'Frank',
  'Gitte',
  'Hassan',
  'Ib',
  'Jonas',
  'Karen',
  'Lis',
];
const twelve = NAMES.map((n) => resident(`r-${n.toLowerCase()}`, { displayName: `${n} Hansen` }));
const measure = pagerSizes(330, () => 100, { columns: 3 });

/** The picker's tiles do not fit its box (or do, `false`): what Chromium would measure. */
function roomForPicker(tooSmall: boolean) {
  const proto = HTMLElement.prototype;
  const picker = (el: HTMLElement) => el.classList.contains('picker');
  Object.defineProperty(proto, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return picker(this) && tooSmall ? 1400 : 0;
    },
  });
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return picker(this) ? 700 : 0;
    },
  });
}

afterEach(() => {
  const proto = HTMLElement.prototype as unknown as Record<string, unknown>;
  delete proto['scrollHeight'];
  delete proto['clientHeight'];
});

const tile = (scope: HTMLElement, name: string) =>
  within(scope).queryByRole('button', { name: new RegExp(`^${name}`) });

describe('the resident picker with more residents than fit', () => {
  beforeEach(() => roomForPicker(true));

  it('My day: page 2 is reached with "Næste" and a resident on it opens their day', async () => {
    await renderKiosk({ screen: 'my-day', measure, seed: { resident: twelve } });
    const picker = screen.getByRole('region', { name: 'Hvem er du?' });
    expect(await within(picker).findByText('Side 1 af 2')).toBeTruthy();
    expect(tile(picker, 'Anna')).not.toBeNull();
    expect(tile(picker, 'Lis')).toBeNull();
    fireEvent.click(within(picker).getByRole('button', { name: /Næste/ }));
    expect(within(picker).getByText('Side 2 af 2')).toBeTruthy();
    expect(tile(picker, 'Anna')).toBeNull();
    fireEvent.click(tile(picker, 'Karen')!);
    expect(await screen.findByRole('heading', { name: 'Karens dag' })).toBeTruthy();
  });

  it('Activities: a resident on page 2 of the dialog is signed up for', async () => {
    await renderKiosk({
      screen: 'activities',
      measure,
      seed: {
        resident: twelve,
        activity: [
          activity('a1', {
            title: 'Bankospil',
            start: cph('2026-11-24', '14:30'),
            end: cph('2026-11-24', '16:00'),
          }),
        ],
      },
    });
    const card = await screen.findByRole('article', { name: 'Bankospil' });
    fireEvent.click(within(card).getByRole('button', { name: 'Tilmeld' }));
    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByText('Side 1 af 2')).toBeTruthy();
    expect(tile(dialog, 'Lis')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: /Næste/ }));
    fireEvent.click(tile(dialog, 'Lis')!);
    expect(screen.getByRole('dialog', { name: 'Vil du tilmelde dig Bankospil?' })).toBeTruthy();
    expect(screen.getByRole('dialog').textContent).toContain('Lis');
  });
});

describe('the resident picker after the residents changed', () => {
  it('lays them out afresh: three left fit without pages', async () => {
    roomForPicker(true);
    const k = await renderKiosk({ screen: 'my-day', measure, seed: { resident: twelve } });
    const picker = () => screen.getByRole('region', { name: 'Hvem er du?' });
    expect(await within(picker()).findByText('Side 1 af 2')).toBeTruthy();
    roomForPicker(false);
    await k.db.table('resident').bulkDelete(twelve.slice(3).map((r) => r.id));
    await waitFor(() => expect(tile(picker(), 'Dorte')).toBeNull());
    expect(tile(picker(), 'Carla')).not.toBeNull();
    expect(within(picker()).queryByText(/^Side \d+ af \d+$/)).toBeNull();
    // Not the paged form either, which makes a dialog holding it screen-high (jsdom has no
    // heights to show that: the class is what resident-picker.css sizes by).
    await waitFor(() => expect(picker().classList.contains('picker-paged')).toBe(false));
  });
});

describe('the resident picker when every resident fits', () => {
  beforeEach(() => roomForPicker(false));

  it('shows all the tiles at once, with no pages', async () => {
    await renderKiosk({ screen: 'my-day', measure, seed: { resident: twelve } });
    const picker = screen.getByRole('region', { name: 'Hvem er du?' });
    for (const n of NAMES) expect(tile(picker, n)).not.toBeNull();
    expect(within(picker).queryByText(/^Side \d+ af \d+$/)).toBeNull();
  });
});
