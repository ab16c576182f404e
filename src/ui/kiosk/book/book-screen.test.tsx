// @vitest-environment jsdom
import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { booking, cph, resident, resource } from '../test-support/builders.js';
import { pagerSizes } from '../test-support/pager-sizes.js';
import {
  renderKiosk,
  screen,
  tapUndo,
  waitFor,
  type RenderOptions,
} from '../test-support/render-kiosk.js';

const residents = [
  resident('r-anna', { displayName: 'Anna Hansen' }),
  resident('r-bent', { displayName: 'Bent' }),
  resident('r-dennis', { displayName: 'Dennis', wallConsent: false }),
];
const washer = resource('res-1', { name: 'Vaskemaskine', pictogram: 'washing-machine' });
const guestRoom = resource('res-2', {
  name: 'Gæsteværelse',
  pictogram: 'guest-room',
  slotMinutes: 24 * 60,
  opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '00:00', to: '00:00' })),
  maxActivePerResident: 1,
});

const open = (seed: RenderOptions['seed'], o: Omit<RenderOptions, 'seed'> = {}) =>
  renderKiosk({ screen: 'book', seed: { resident: residents, resource: [washer], ...seed }, ...o });

const times = (name = 'Tider') => screen.getByRole('list', { name });
/** The slot tiles: the rules share their paged list (shared/pager.tsx), across its last row. */
const tilesOf = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .filter((li) => !li.classList.contains('pager-wide'));
const slot = (time: string) => tilesOf(times()).find((li) => li.textContent?.startsWith(time))!;
const pick = (name: string) =>
  fireEvent.click(
    within(screen.getByRole('dialog')).getByRole('button', { name: new RegExp(`^${name}`) }),
  );

describe('Book', () => {
  it('shows the resources as tiles and the day of slots once one is picked', async () => {
    await open({ resource: [washer, guestRoom] });
    expect(screen.getByRole('heading', { name: 'Hvad vil du booke?' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Tider' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Vaskemaskine' }));
    expect(await screen.findByRole('list', { name: 'Tider' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'I morgen' })).toBeTruthy();
  });

  it('once one is picked shows only it, with Skift to choose another (one row less on the screen)', async () => {
    await open({ resource: [washer, guestRoom] });
    fireEvent.click(screen.getByRole('button', { name: 'Vaskemaskine' }));
    await screen.findByRole('list', { name: 'Tider' });
    expect(screen.getByRole('article', { name: 'Vaskemaskine' })).toBeTruthy();
    // The other resources are not on the screen while one is chosen.
    expect(screen.queryByRole('button', { name: 'Gæsteværelse' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Skift' }));
    // Skift shows the resources again, and nothing of the one chosen before.
    expect(screen.getByRole('heading', { name: 'Hvad vil du booke?' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Tider' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Skift' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Gæsteværelse' }));
    expect(await screen.findByRole('article', { name: 'Gæsteværelse' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Vaskemaskine' })).toBeNull();
  });

  it('has no Skift when there is only one thing to book', async () => {
    await open({});
    await screen.findByRole('list', { name: 'Tider' });
    expect(screen.queryByRole('button', { name: 'Skift' })).toBeNull();
  });

  it('offers the slots still to come today: taken and free, in words', async () => {
    await open({
      booking: [
        booking('b1', { start: cph('2026-11-24', '12:00'), end: cph('2026-11-24', '14:00') }),
      ],
    });
    await screen.findByRole('list', { name: 'Tider' });
    const items = tilesOf(times());
    // 10.00: the slot until 10.00 is over, so it is not shown (today starts at now).
    expect(items.map((li) => li.textContent)).toEqual([
      'kl. 10.00 til 12.00Ledig',
      'kl. 12.00 til 14.00Optaget',
      'kl. 14.00 til 16.00Ledig',
      'kl. 16.00 til 18.00Ledig',
      'kl. 18.00 til 20.00Ledig',
    ]);
    expect(within(slot('kl. 12.00')).queryByRole('button')).toBeNull();
    expect(screen.getByText('Du kan booke 2 gange ad gangen.')).toBeTruthy();
    expect(screen.getByText('En tid er 2 timer.')).toBeTruthy();
    expect(screen.getByText('Der er åbent kl. 08.00 til 20.00.')).toBeTruthy();
  });

  it("starts today's ten-minute slots at now: 5 pages at 14.05, not 13 for the whole day", async () => {
    const dryer = resource('res-1', {
      name: 'Tørretumbler',
      slotMinutes: 10,
      opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '00:00', to: '00:00' })),
    });
    // Three slots a row, four rows a page (as on a screen at text scale 1).
    await open(
      { resource: [dryer] },
      { now: cph('2026-11-24', '14:05'), measure: pagerSizes(560, () => 100, { columns: 3 }) },
    );
    await screen.findByRole('list', { name: 'Tider' });
    expect(tilesOf(times())[0]?.textContent).toBe('kl. 14.00 til 14.10Ledig');
    expect(screen.getByText(/^Side 1 af \d+$/).textContent).toBe('Side 1 af 6');
    expect(screen.queryByText('Tiden er gået')).toBeNull();
    // Tomorrow has the whole day.
    fireEvent.click(screen.getByRole('button', { name: 'I morgen' }));
    expect(await screen.findByText('Side 1 af 13')).toBeTruthy();
    expect(tilesOf(times())[0]?.textContent).toBe('kl. 00.00 til 00.10Ledig');
  });

  it('says when there are no more free times today', async () => {
    await open({}, { now: cph('2026-11-24', '20:00') });
    expect(await screen.findByText('Der er ikke flere ledige tider i dag.')).toBeTruthy();
    // Every slot is over: none is shown, so none can be tapped; the rules still are.
    expect(screen.queryByRole('list', { name: 'Tider' })).toBeNull();
    expect(screen.getByText('Der er åbent kl. 08.00 til 20.00.')).toBeTruthy();
  });

  it('offers a slot under way that was given back unused, for what is left of it', async () => {
    await open(
      {
        booking: [
          booking('b1', {
            start: cph('2026-11-24', '18:00'),
            end: cph('2026-11-24', '20:00'),
            status: 'cancelled',
            releasedAt: cph('2026-11-24', '18:15'),
          }),
        ],
      },
      { now: cph('2026-11-24', '19:00') },
    );
    await screen.findByRole('list', { name: 'Tider' });
    expect(slot('kl. 18.00').textContent).toBe('kl. 18.00 til 20.00Ledig');
    expect(within(slot('kl. 18.00')).getByRole('button')).toBeTruthy();
  });

  it('shows a guest room as one "Hele dagen" slot', async () => {
    await open({ resource: [guestRoom] });
    fireEvent.click(await screen.findByRole('button', { name: 'I morgen' }));
    await waitFor(() =>
      expect(tilesOf(times()).map((li) => li.textContent)).toEqual(['Hele dagenLedig']),
    );
    expect(screen.getByText('En tid er en hel dag.')).toBeTruthy();
  });

  it('names who booked only with wall consent', async () => {
    await open({
      booking: [
        booking('b1', {
          residentId: 'r-anna',
          start: cph('2026-11-24', '12:00'),
          end: cph('2026-11-24', '14:00'),
        }),
        booking('b2', {
          residentId: null,
          start: cph('2026-11-24', '14:00'),
          end: cph('2026-11-24', '16:00'),
        }),
      ],
    });
    await screen.findByRole('list', { name: 'Tider' });
    expect(slot('kl. 12.00').textContent).toContain('Optaget af Anna');
    expect(slot('kl. 14.00').textContent).toContain('Optaget');
    expect(screen.queryByText(/Dennis/)).toBeNull();
  });

  it('books only after "Ja", puts booking.add in the outbox and offers an undo', async () => {
    const k = await open({});
    await screen.findByRole('list', { name: 'Tider' });
    fireEvent.click(within(slot('kl. 14.00')).getByRole('button'));
    expect(
      within(screen.getByRole('dialog')).queryByRole('button', { name: /^Dennis/ }),
    ).toBeNull();
    pick('Anna');
    const confirm = screen.getByRole('dialog', {
      name: 'Vil du booke Vaskemaskine i dag kl. 14.00 til 16.00?',
    });
    expect(await k.outbox()).toEqual([]);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Ja, book tiden' }));
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['booking.add']),
    );
    const [sent] = await k.outbox();
    expect(sent?.args).toMatchObject({
      resourceId: 'res-1',
      residentId: 'r-anna',
      start: cph('2026-11-24', '14:00'),
      end: cph('2026-11-24', '16:00'),
    });
    expect(
      await screen.findByText('Anna har booket Vaskemaskine i dag kl. 14.00 til 16.00.'),
    ).toBeTruthy();
    await waitFor(() =>
      expect(slot('kl. 14.00').textContent).toContain('Optaget af AnnaSendes nu.'),
    );
    await tapUndo();
    await waitFor(async () =>
      expect(await k.outbox()).toEqual([
        sent,
        { name: 'booking.cancel', args: { bookingId: sent?.args.bookingId } },
      ]),
    );
  });

  it('offers only the residents a resource is for (the audience rule)', async () => {
    const houseWasher = resource('res-1', {
      name: 'Vaskemaskine',
      audience: { kind: 'groups', groupIds: ['hus-b'] },
    });
    await renderKiosk({
      screen: 'book',
      seed: {
        resident: [
          resident('r-anna', { displayName: 'Anna Hansen', groupIds: ['hus-a'] }),
          resident('r-bent', { displayName: 'Bent', groupIds: ['hus-b'] }),
        ],
        resource: [houseWasher],
      },
    });
    await screen.findByRole('list', { name: 'Tider' });
    fireEvent.click(within(slot('kl. 14.00')).getByRole('button'));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).queryByRole('button', { name: /^Anna/ })).toBeNull();
    expect(within(dialog).getByRole('button', { name: /^Bent/ })).toBeTruthy();
  });

  it('says a booking waits for the connection when offline', async () => {
    await open({}, { status: { state: 'offline' } });
    await screen.findByRole('list', { name: 'Tider' });
    fireEvent.click(within(slot('kl. 16.00')).getByRole('button'));
    pick('Bent');
    fireEvent.click(screen.getByRole('button', { name: 'Ja, book tiden' }));
    await waitFor(() =>
      expect(slot('kl. 16.00').textContent).toContain('Sendes, når der er forbindelse.'),
    );
  });

  it('explains the limit instead of sending a booking that would be refused', async () => {
    const k = await open({
      booking: [
        booking('b1', {
          residentId: 'r-anna',
          start: cph('2026-11-24', '10:00'),
          end: cph('2026-11-24', '12:00'),
        }),
        booking('b2', {
          residentId: 'r-anna',
          start: cph('2026-11-25', '10:00'),
          end: cph('2026-11-25', '12:00'),
        }),
      ],
    });
    await screen.findByRole('list', { name: 'Tider' });
    fireEvent.click(within(slot('kl. 14.00')).getByRole('button'));
    pick('Anna');
    const told = screen.getByRole('dialog', { name: 'Anna kan ikke booke den tid.' });
    expect(told.textContent).toContain('Du har allerede 2 bookinger af Vaskemaskine.');
    expect(told.textContent).toContain('Du kan booke 2 gange ad gangen.');
    fireEvent.click(within(told).getByRole('button', { name: 'OK' }));
    expect(await k.outbox()).toEqual([]);
  });

  it('explains a refused booking with the rule behind it', async () => {
    const k = await open({});
    await k.db.rejections.put({
      id: 'm1',
      name: 'booking.add',
      args: {
        resourceId: 'res-1',
        residentId: 'r-anna',
        start: cph('2026-11-24', '14:00'),
        end: cph('2026-11-24', '16:00'),
      },
      code: 'conflict',
      message: 'limit',
      reason: 'max_active_bookings',
      at: cph('2026-11-24', '09:59'),
    });
    const card = await screen.findByRole('article', { name: 'Vaskemaskine' });
    await waitFor(() =>
      expect(card.textContent).toContain(
        'Anna fik ikke booket Vaskemaskine. Du har allerede booket så mange gange, som du må.',
      ),
    );
    const refused = within(card).getByRole('status');
    expect(refused.textContent).toContain('Du kan booke 2 gange ad gangen.');
    fireEvent.click(within(refused).getByRole('button', { name: 'OK' }));
    await waitFor(async () => expect(await k.db.rejections.count()).toBe(0));
  });

  it('lets only the resident who booked cancel, with an undo', async () => {
    const k = await open({
      booking: [
        booking('b1', {
          residentId: 'r-anna',
          start: cph('2026-11-24', '12:00'),
          end: cph('2026-11-24', '14:00'),
        }),
      ],
    });
    await screen.findByRole('list', { name: 'Tider' });
    fireEvent.click(within(slot('kl. 12.00')).getByRole('button'));
    pick('Bent');
    expect(screen.getByRole('dialog', { name: 'Det er ikke din booking.' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    fireEvent.click(within(slot('kl. 12.00')).getByRole('button'));
    pick('Anna');
    fireEvent.click(screen.getByRole('button', { name: 'Ja, aflys bookingen' }));
    await waitFor(async () =>
      expect(await k.outbox()).toEqual([{ name: 'booking.cancel', args: { bookingId: 'b1' } }]),
    );
    expect(
      await screen.findByText('Anna har aflyst Vaskemaskine i dag kl. 12.00 til 14.00.'),
    ).toBeTruthy();
    await tapUndo();
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['booking.cancel', 'booking.add']),
    );
  });

  it('speaks English', async () => {
    await open({}, { settings: { lang: 'en' } });
    await screen.findByRole('list', { name: 'Times' });
    expect(tilesOf(times('Times'))[0]?.textContent).toBe('10:00 to 12:00Free');
    expect(screen.getByText('You can book 2 times at a time.')).toBeTruthy();
    expect(screen.getByText('A time is 2 hours.')).toBeTruthy();
  });
});

describe('Book: "Jeg bruger den nu"', () => {
  const released = resource('res-1', {
    name: 'Vaskemaskine',
    pictogram: 'washing-machine',
    releaseAfterMinutes: 15,
  });
  it('offers the resident a start for a booking under way, sends booking.start, and says it is in use', async () => {
    const k = await renderKiosk({
      screen: 'book',
      now: cph('2026-11-24', '10:05'),
      seed: {
        resident: residents,
        resource: [released],
        booking: [
          booking('b1', {
            residentId: 'r-anna',
            start: cph('2026-11-24', '10:00'),
            end: cph('2026-11-24', '12:00'),
          }),
        ],
      },
    });
    expect(
      await screen.findByText(
        'Tiden gives fri, hvis den ikke er taget i brug 15 minutter efter start.',
      ),
    ).toBeTruthy();
    const start = await screen.findByRole('button', { name: /Anna: Jeg bruger den nu/ });
    expect(start.textContent).toContain('ellers gives tiden fri kl. 10.15');
    fireEvent.click(start);
    await waitFor(async () =>
      expect(await k.outbox()).toEqual([{ name: 'booking.start', args: { bookingId: 'b1' } }]),
    );
    expect(await screen.findByText(/Anna bruger den nu/)).toBeTruthy();
  });

  it('offers no start where the resource never gives back', async () => {
    await renderKiosk({
      screen: 'book',
      now: cph('2026-11-24', '10:05'),
      seed: {
        resident: residents,
        resource: [washer],
        booking: [
          booking('b1', {
            residentId: 'r-anna',
            start: cph('2026-11-24', '10:00'),
            end: cph('2026-11-24', '12:00'),
          }),
        ],
      },
    });
    await screen.findByRole('list', { name: 'Tider' });
    expect(screen.queryByRole('button', { name: /Jeg bruger den nu/ })).toBeNull();
  });
});

describe('Book: a started booking', () => {
  it('says it is in use and offers no second start', async () => {
    await renderKiosk({
      screen: 'book',
      now: cph('2026-11-24', '10:20'),
      seed: {
        resident: residents,
        resource: [resource('res-1', { name: 'Vaskemaskine', releaseAfterMinutes: 15 })],
        booking: [
          booking('b1', {
            residentId: 'r-anna',
            start: cph('2026-11-24', '10:00'),
            end: cph('2026-11-24', '12:00'),
            startedAt: cph('2026-11-24', '10:03'),
          }),
        ],
      },
    });
    expect(await screen.findByText(/Anna bruger den nu/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Jeg bruger den nu/ })).toBeNull();
  });
});
