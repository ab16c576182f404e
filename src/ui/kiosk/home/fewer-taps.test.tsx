// @vitest-environment jsdom
/**
 * Issue 11: from Home to a confirmed sign-up in 3 taps (was 4: the Activities tile, "Tilmeld",
 * the photo, "Ja"). Tapping an activity on Home opens Activities with its sign-up picker open.
 * And to a confirmed booking in 4 (was 5: the Book tile, the resource, a slot, the photo, "Ja"):
 * Home has the resources, and one opens today's slots for it.
 */
import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useKiosk } from '../state/store.js';
import { activity, cph, resident, resource } from '../test-support/builders.js';
import { renderKiosk, screen, waitFor } from '../test-support/render-kiosk.js';

const residents = [resident('r-anna', { displayName: 'Anna Hansen' })];
const bingo = activity('a1', {
  title: 'Bankospil',
  start: cph('2026-11-24', '14:30'),
  end: cph('2026-11-24', '16:00'),
});
const walk = activity('a2', {
  title: 'Gåtur',
  start: cph('2026-11-24', '11:00'),
  end: cph('2026-11-24', '12:00'),
});

describe('Home to a sign-up', () => {
  it('takes three taps: the activity on Home, the photo, "Ja"', async () => {
    const k = await renderKiosk({
      now: cph('2026-11-24', '10:00'),
      seed: { resident: residents, activity: [walk, bingo] },
    });
    const taps: string[] = [];
    const tap = (el: HTMLElement) => {
      taps.push(el.textContent ?? '');
      fireEvent.click(el);
    };
    const home = screen.getByRole('region', { name: 'Aktiviteter i dag' });
    tap(within(home).getByRole('button', { name: /Bankospil/ }));
    expect(useKiosk.getState().screen).toBe('activities');
    const who = await screen.findByRole('dialog');
    expect(who.textContent).toContain('Bankospil');
    tap(within(who).getByRole('button', { name: /^Anna/ }));
    const confirm = screen.getByRole('dialog', { name: 'Vil du tilmelde dig Bankospil?' });
    tap(within(confirm).getByRole('button', { name: 'Ja, tilmeld mig' }));
    await waitFor(async () =>
      expect(await k.outbox()).toEqual([
        { name: 'signup.add', args: { activityId: 'a1', residentId: 'r-anna' } },
      ]),
    );
    expect(taps).toHaveLength(3);
  });

  it('opens the activity without a picker when it cannot be joined now (it has begun)', async () => {
    await renderKiosk({
      now: cph('2026-11-24', '11:10'),
      seed: { resident: residents, activity: [walk, bingo] },
    });
    const home = screen.getByRole('region', { name: 'Aktiviteter i dag' });
    fireEvent.click(within(home).getByRole('button', { name: /Gåtur/ }));
    expect(await screen.findByRole('article', { name: 'Gåtur' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useKiosk.getState().screen).toBe('activities');
  });

  it('the Activities tile still opens the list with no picker', async () => {
    await renderKiosk({
      now: cph('2026-11-24', '10:00'),
      seed: { resident: residents, activity: [walk, bingo] },
    });
    const tiles = screen.getByRole('navigation', { name: 'Gå til' });
    fireEvent.click(within(tiles).getByRole('button', { name: 'Aktiviteter' }));
    expect(await screen.findByRole('article', { name: 'Bankospil' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('Home to a booking', () => {
  const washer = resource('res-1', { name: 'Vaskemaskine', pictogram: 'washing-machine' });
  const dryer = resource('res-2', { name: 'Tørretumbler', pictogram: 'washing-machine' });

  it('takes four taps: the resource on Home, a free slot, the photo, "Ja"', async () => {
    const k = await renderKiosk({
      now: cph('2026-11-24', '10:30'),
      seed: { resident: residents, resource: [washer, dryer] },
    });
    const taps: string[] = [];
    const tap = (el: HTMLElement) => {
      taps.push(el.textContent ?? '');
      fireEvent.click(el);
    };
    const home = screen.getByRole('region', { name: 'Book' });
    tap(within(home).getByRole('button', { name: /Tørretumbler/ }));
    expect(useKiosk.getState().screen).toBe('book');
    const times = await screen.findByRole('list', { name: 'Tider' });
    const free = within(times)
      .getAllByRole('listitem')
      .find((li) => li.textContent?.startsWith('kl. 12.00'))!;
    tap(within(free).getByRole('button'));
    tap(within(screen.getByRole('dialog')).getByRole('button', { name: /^Anna/ }));
    tap(screen.getByRole('button', { name: 'Ja, book tiden' }));
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => [e.name, e.args['resourceId']])).toEqual([
        ['booking.add', 'res-2'],
      ]),
    );
    expect(taps).toHaveLength(4);
  });
});
