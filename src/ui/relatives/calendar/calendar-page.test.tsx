// @vitest-environment jsdom
/**
 * The relatives' calendar page as a relative meets it: one "Tilføj til min kalender" button; the
 * token made in the browser and kept only here; the address with buttons for iPhone / iPad
 * (webcal://), Google Calendar and copying; an address this browser does not hold explained
 * plainly, with a new one offered after asking (it stops the old one); without the resident's
 * calendar consent, no button.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Feed } from '../../../domain/model.js';
import { FeedToken } from '../../../protocol/index.js';
import { familyResident, renderFamily } from '../test-support/render-family.js';
import { heldAddress, holdAddress } from './feed-address.js';

const yes = {
  given: true,
  by: 'resident' as const,
  recordedBy: 'u-staff',
  at: '2026-11-01T10:00:00.000Z',
};
const anna = familyResident({ id: 'r-anna', displayName: 'Anna Jensen' });
const withCalendar = { ...anna, consent: { ...anna.consent, calendar: yes } };
const feed = (id: string, over: Partial<Feed> = {}): Feed => ({
  id,
  residentId: 'r-anna',
  userId: 'u-hanne',
  createdAt: '2026-11-30T09:15:00.000Z',
  revokedAt: null,
  ...over,
});

interface CreateArgs {
  feedId: string;
  residentId: string;
  token: string;
}

describe('the calendar page', () => {
  it('makes the address in the browser and shows the ways to add it', async () => {
    const user = userEvent.setup();
    // A staff-made address of Anna's is not this relative's.
    const t = await renderFamily({
      path: '/calendar',
      seed: { resident: [withCalendar], feed: [feed('f-staff', { userId: null })] },
    });
    await screen.findByRole('heading', { level: 1, name: 'Kalender' });
    await user.click(await screen.findByRole('button', { name: 'Tilføj til min kalender' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]?.name).toBe('feed.create');
    const args = t.sent[0]?.args as unknown as CreateArgs;
    expect(args.residentId).toBe('r-anna');
    expect(FeedToken.safeParse(args.token).success).toBe(true);
    // Kept only in this browser, for this user and resident.
    expect(heldAddress('u-hanne', 'r-anna')).toEqual({ feedId: args.feedId, token: args.token });
    const panel = await screen.findByRole('region', {
      name: 'Din kalenderadresse for Anna Jensen',
    });
    const webcal = `webcal://localhost:3000/ical/${args.token}.ics`;
    expect(within(panel).getByRole('link', { name: 'iPhone / iPad' }).getAttribute('href')).toBe(
      webcal,
    );
    expect(within(panel).getByRole('link', { name: 'Google Kalender' }).getAttribute('href')).toBe(
      `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    );
    expect(within(panel).getByLabelText('Adressen')).toHaveProperty(
      'value',
      `http://localhost:3000/ical/${args.token}.ics`,
    );
    expect(within(panel).getByText(/virker, så snart den er gemt/)).toBeTruthy();
    // The server's answer arrives: no more "being saved".
    await t.db.feed.put(feed(args.feedId, { createdAt: '2026-12-01T09:00:00.000Z' }));
    await waitFor(() =>
      expect(within(panel).queryByText(/virker, så snart den er gemt/)).toBeNull(),
    );

    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (s: string) => ((copied = s), Promise.resolve()) },
    });
    await user.click(within(panel).getByRole('button', { name: 'Kopiér adressen' }));
    expect(await within(panel).findByText('Adressen er kopieret.')).toBeTruthy();
    expect(copied).toBe(`http://localhost:3000/ical/${args.token}.ics`);
  });

  it('says plainly when an address exists that this browser does not hold, and makes a new one after asking', async () => {
    const user = userEvent.setup();
    const t = await renderFamily({
      path: '/calendar',
      seed: { resident: [withCalendar], feed: [feed('f-phone')] },
    });
    expect(
      await screen.findByText(/allerede en kalenderadresse for Anna Jensen, lavet i går 10\.15/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tilføj til min kalender' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Lav en ny adresse' }));
    const ask = await screen.findByRole('region', { name: 'Lav en ny adresse?' });
    expect(within(ask).getByText(/gamle adresse holder op med at virke/)).toBeTruthy();
    await user.click(within(ask).getByRole('button', { name: 'Fortryd' }));
    expect(t.sent).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Lav en ny adresse' }));
    await user.click(await screen.findByRole('button', { name: 'Ja, lav en ny adresse' }));
    await waitFor(() => expect(t.sent.map((s) => s.name)).toEqual(['feed.create']));
    const args = t.sent[0]?.args as unknown as CreateArgs;
    expect(
      await screen.findByRole('region', { name: 'Din kalenderadresse for Anna Jensen' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'iPhone / iPad' }).getAttribute('href')).toContain(
      args.token,
    );
  });

  it('says when the address it held was stopped, and offers a new one', async () => {
    holdAddress('u-hanne', 'r-anna', { feedId: 'f-old', token: 'x'.repeat(43) });
    await renderFamily({
      path: '/calendar',
      seed: {
        resident: [withCalendar],
        feed: [feed('f-old', { revokedAt: '2026-12-01T08:00:00.000Z' })],
      },
    });
    expect(await screen.findByText(/er stoppet og virker ikke længere/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tilføj til min kalender' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'iPhone / iPad' })).toBeNull();
  });

  it('offers nothing without the resident’s calendar consent', async () => {
    const t = await renderFamily({ path: '/calendar', seed: { resident: [anna] } });
    expect(await screen.findByText(/har ikke sagt ja til, at aftalerne kan ses/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tilføj til min kalender' })).toBeNull();
    expect(t.sent).toEqual([]);
  });

  it('keeps each resident’s address apart, and speaks English', async () => {
    const bent = familyResident({ id: 'r-bent', displayName: 'Bent Hansen' });
    holdAddress('u-hanne', 'r-anna', { feedId: 'f1', token: 'a'.repeat(43) });
    await renderFamily({
      path: '/calendar',
      lang: 'en',
      selected: 'r-bent',
      seed: {
        resident: [withCalendar, { ...bent, consent: { ...bent.consent, calendar: yes } }],
        feed: [feed('f1')],
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Calendar' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Add to my calendar' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'iPhone / iPad' })).toBeNull();
  });
});
