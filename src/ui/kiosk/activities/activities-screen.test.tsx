// @vitest-environment jsdom
import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activity, cph, resident, signup } from '../test-support/builders.js';
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
  resident('r-carl', { displayName: 'Carl', groupIds: ['g2'] }),
  resident('r-dennis', { displayName: 'Dennis', wallConsent: false }),
];

const bingo = (o: Parameters<typeof activity>[1] = {}) =>
  activity('a1', {
    title: 'Bankospil',
    start: cph('2026-11-24', '14:30'),
    end: cph('2026-11-24', '16:00'),
    ...o,
  });

const open = (seed: RenderOptions['seed'], o: Omit<RenderOptions, 'seed'> = {}) =>
  renderKiosk({ screen: 'activities', seed: { resident: residents, ...seed }, ...o });

const card = (title: string) => screen.findByRole('article', { name: title });

const pick = (name: string) =>
  fireEvent.click(
    within(screen.getByRole('dialog')).getByRole('button', { name: new RegExp(`^${name}`) }),
  );

describe('Activities', () => {
  it("shows today's activities with time, place and places left", async () => {
    await open({ activity: [bingo({ capacity: 8, confirmedCount: 5, place: 'Fællesstuen' })] });
    expect(screen.getByRole('heading', { name: 'Aktiviteter' })).toBeTruthy();
    const c = await card('Bankospil');
    expect(c.textContent).toContain('kl. 14.30 til 16.00');
    expect(c.textContent).toContain('Fællesstuen');
    expect(c.textContent).toContain('3 ledige pladser');
    expect(within(c).getByRole('button', { name: 'Tilmeld' })).toBeTruthy();
  });

  it('says so when a day has no activities', async () => {
    await open({ activity: [bingo()] });
    fireEvent.click(screen.getByRole('button', { name: 'I morgen' }));
    expect(await screen.findByText('Der er ingen aktiviteter i morgen.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Torsdag' }));
    expect(await screen.findByText('Der er ingen aktiviteter på torsdag.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Torsdag' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('offers seven days: today, tomorrow and weekday names', async () => {
    await open({});
    const days = within(screen.getByRole('group', { name: 'Vælg en dag' })).getAllByRole('button');
    expect(days.map((b) => b.textContent)).toEqual([
      'I dag',
      'I morgen',
      'Torsdag',
      'Fredag',
      'Lørdag',
      'Søndag',
      'Mandag',
    ]);
    expect(await screen.findByText('Der er ingen aktiviteter i dag.')).toBeTruthy();
  });

  it("opens on tomorrow once today's activities are over, like Home", async () => {
    await open(
      {
        activity: [
          bingo(),
          activity('a2', {
            title: 'Gåtur',
            start: cph('2026-11-25', '10:00'),
            end: cph('2026-11-25', '11:00'),
          }),
        ],
      },
      { now: cph('2026-11-24', '20:00') },
    );
    expect(await card('Gåtur')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'I morgen', pressed: true })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I dag' }));
    expect(await card('Bankospil')).toBeTruthy();
  });

  it('names only residents with wall consent, and counts the rest', async () => {
    await open({
      activity: [bingo({ confirmedCount: 4 })],
      signup: [signup('a1', 'r-anna'), signup('a1', 'r-bent'), signup('a1', 'r-dennis')],
    });
    const c = await card('Bankospil');
    expect(c.textContent).toContain('Tilmeldt: Anna, Bent +2');
    expect(screen.queryByText(/Dennis/)).toBeNull();
  });

  it('signs up only after "Ja", then shows it is being sent and offers an undo', async () => {
    const k = await open({ activity: [bingo()] });
    fireEvent.click(within(await card('Bankospil')).getByRole('button', { name: 'Tilmeld' }));
    expect(screen.queryByRole('button', { name: /^Dennis/ })).toBeNull();
    pick('Anna');
    const confirm = screen.getByRole('dialog', { name: 'Vil du tilmelde dig Bankospil?' });
    expect(confirm.textContent).toContain('I dag kl. 14.30 til 16.00');
    expect(await k.outbox()).toEqual([]);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Ja, tilmeld mig' }));
    await waitFor(async () =>
      expect(await k.outbox()).toEqual([
        { name: 'signup.add', args: { activityId: 'a1', residentId: 'r-anna' } },
      ]),
    );
    // The card and the undo bar say the same: on it, and still to be sent.
    expect(await screen.findByText('Anna er tilmeldt. Sendes nu.')).toBeTruthy();
    expect(await screen.findByText('Anna er tilmeldt Bankospil. Sendes nu.')).toBeTruthy();
    await tapUndo();
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['signup.add', 'signup.cancel']),
    );
  });

  it('says "Nej" changes nothing', async () => {
    const k = await open({ activity: [bingo()] });
    fireEvent.click(within(await card('Bankospil')).getByRole('button', { name: 'Tilmeld' }));
    pick('Bent');
    fireEvent.click(screen.getByRole('button', { name: 'Nej' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await k.outbox()).toEqual([]);
  });

  it('says a sign-up waits for the connection when the kiosk is offline', async () => {
    await open({ activity: [bingo()] }, { status: { state: 'offline' } });
    fireEvent.click(within(await card('Bankospil')).getByRole('button', { name: 'Tilmeld' }));
    pick('Anna');
    fireEvent.click(screen.getByRole('button', { name: 'Ja, tilmeld mig' }));
    expect(
      await screen.findByText('Anna er tilmeldt. Sendes, når der er forbindelse.'),
    ).toBeTruthy();
  });

  it('offers the waiting list when full, and shows the place on it', async () => {
    const k = await open({
      activity: [bingo({ capacity: 3, confirmedCount: 3, waitlistCount: 1 })],
      signup: [signup('a1', 'r-bent', { status: 'waitlisted', position: 1 })],
    });
    const c = await card('Bankospil');
    expect(c.textContent).toContain('Fuld');
    expect(c.textContent).toContain('Der er venteliste');
    expect(c.textContent).toContain('Bent er nummer 1 på ventelisten.');
    fireEvent.click(within(c).getByRole('button', { name: 'Tilmeld' }));
    expect(screen.getByRole('button', { name: /^Bent.*Nummer 1 på ventelisten/ })).toBeTruthy();
    pick('Anna');
    const confirm = screen.getByRole('dialog', { name: 'Vil du på ventelisten til Bankospil?' });
    expect(confirm.textContent).toContain('Aktiviteten er fuld.');
    expect(confirm.textContent).toContain('Du bliver nummer 2 på ventelisten.');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Ja, skriv mig på ventelisten' }));
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['signup.add']),
    );
    // The server answers: Anna is number 2.
    await k.db.outbox.clear();
    await k.db.signup.put(signup('a1', 'r-anna', { status: 'waitlisted', position: 2 }));
    expect(await screen.findByText('Anna er nummer 2 på ventelisten.')).toBeTruthy();
  });

  it('says plainly when it is full without a waiting list', async () => {
    await open({ activity: [bingo({ capacity: 2, confirmedCount: 2, waitlist: false })] });
    const c = await card('Bankospil');
    expect(c.textContent).toContain('Aktiviteten er fuld.');
    expect(within(c).queryByRole('button', { name: 'Tilmeld' })).toBeNull();
  });

  it('says when the deadline has passed, the activity is going on or over', async () => {
    await open(
      {
        activity: [
          bingo({ signupDeadline: cph('2026-11-24', '09:00') }),
          activity('a2', {
            title: 'Gåtur',
            start: cph('2026-11-24', '09:30'),
            end: cph('2026-11-24', '11:00'),
          }),
          activity('a3', {
            title: 'Morgensang',
            start: cph('2026-11-24', '08:00'),
            end: cph('2026-11-24', '08:30'),
          }),
        ],
      },
      { now: cph('2026-11-24', '10:00') },
    );
    expect((await card('Bankospil')).textContent).toContain('Tilmeldingen er lukket.');
    expect((await card('Gåtur')).textContent).toContain('Aktiviteten er i gang.');
    expect((await card('Morgensang')).textContent).toContain('Aktiviteten er slut.');
    expect(screen.queryByRole('button', { name: 'Tilmeld' })).toBeNull();
  });

  it('tells the deadline while sign-up is open', async () => {
    await open({ activity: [bingo({ signupDeadline: cph('2026-11-24', '12:00') })] });
    expect((await card('Bankospil')).textContent).toContain('Tilmeld dig senest i dag kl. 12.00.');
  });

  it('lets only residents of the groups sign up for a group activity', async () => {
    await open({ activity: [bingo({ audience: { kind: 'groups', groupIds: ['g2'] } })] });
    fireEvent.click(within(await card('Bankospil')).getByRole('button', { name: 'Tilmeld' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('button', { name: /^Carl/ })).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /^Anna/ })).toBeNull();
  });

  it('cancels after the resident picks their photo and says "Ja", with an undo', async () => {
    const k = await open({
      activity: [bingo({ confirmedCount: 1 })],
      signup: [signup('a1', 'r-anna')],
    });
    fireEvent.click(within(await card('Bankospil')).getByRole('button', { name: 'Afmeld' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).queryByRole('button', { name: /^Bent/ })).toBeNull();
    pick('Anna');
    fireEvent.click(screen.getByRole('button', { name: 'Ja, afmeld mig' }));
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['signup.cancel']),
    );
    expect(await screen.findByText('Anna er afmeldt Bankospil. Sendes nu.')).toBeTruthy();
    await tapUndo();
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['signup.cancel', 'signup.add']),
    );
  });

  it('explains a refused sign-up on the card and offers the waiting list', async () => {
    const k = await open({
      activity: [bingo({ capacity: 2, confirmedCount: 2 })],
    });
    await k.db.rejections.put({
      id: 'm1',
      name: 'signup.add',
      args: { activityId: 'a1', residentId: 'r-anna' },
      code: 'full',
      message: 'full',
      reason: null,
      at: cph('2026-11-24', '09:59'),
    });
    const c = await card('Bankospil');
    await waitFor(() =>
      expect(c.textContent).toContain('Anna blev ikke tilmeldt Bankospil. Aktiviteten er fuld.'),
    );
    expect(c.textContent).toContain('Aktiviteten er fuld. Vil du på ventelisten?');
    fireEvent.click(within(c).getByRole('button', { name: 'Ja, skriv mig på ventelisten' }));
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['signup.add']),
    );
    expect(await k.db.rejections.count()).toBe(0);
  });

  it('speaks English', async () => {
    await open(
      { activity: [bingo({ capacity: 4, confirmedCount: 3 })] },
      { settings: { lang: 'en' } },
    );
    const c = await card('Bankospil');
    expect(c.textContent).toContain('14:30 to 16:00');
    expect(c.textContent).toContain('1 place left');
    expect(screen.getByRole('button', { name: 'Tomorrow' })).toBeTruthy();
    fireEvent.click(within(c).getByRole('button', { name: 'Sign up' }));
    pick('Anna');
    expect(
      screen.getByRole('dialog', { name: 'Do you want to sign up for Bankospil?' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Yes, sign me up' })).toBeTruthy();
  });
});
