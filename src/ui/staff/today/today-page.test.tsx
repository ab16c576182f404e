// @vitest-environment jsdom
/**
 * I dag as staff meet it: what needs attention first (a screen off for hours, this browser's
 * changes stuck or refused), what the wall shows, today's activities with signed-up and waiting
 * counts, who is on duty, the meals and the screens with "last seen".
 */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Activity, Kiosk, Meal, Shift, WallNotice } from '../../../domain/model.js';
import type { KioskPresenceRow } from '../../../protocol/operations.js';
import type { KioskView } from '../kiosks/presence.js';
import { renderStaff } from '../test-support/render-staff.js';
import { kiosksDown, TodayPage } from './today-page.js';

const kiosk = (over: Partial<Kiosk>): Kiosk => ({
  id: 'k1',
  name: 'Gangen',
  location: '',
  groupIds: [],
  createdAt: '2026-11-20T08:00:00.000Z',
  revoked: false,
  ...over,
});
const view = (over: Partial<KioskView>): KioskView => ({
  ...kiosk({}),
  enrolled: true,
  codeExpiresAt: null,
  online: true,
  lastSeenAt: '2026-12-01T08:50:00.000Z',
  appVersion: null,
  health: null,
  healthAt: null,
  ...over,
});

function stubPresence(kiosks: KioskPresenceRow[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response(JSON.stringify({ kiosks })))),
  );
}
afterEach(() => vi.unstubAllGlobals());
const activity: Activity = {
  id: 'a1',
  title: 'Gåtur',
  description: '',
  pictogram: null,
  place: 'Haven',
  start: '2026-12-01T13:00:00.000Z',
  end: '2026-12-01T14:00:00.000Z',
  capacity: 8,
  waitlist: true,
  signupDeadline: null,
  audience: { kind: 'all' },
  recurrence: null,
  seriesId: null,
  confirmedCount: 8,
  waitlistCount: 2,
};
const shift: Shift = {
  id: 's1',
  staffName: 'Mette',
  photo: null,
  start: '2026-12-01T07:00:00.000Z',
  end: '2026-12-01T15:00:00.000Z',
  groupId: null,
};
const meal: Meal = {
  id: 'm1',
  date: '2026-12-01',
  slot: 'lunch',
  dish: 'Frikadeller',
  description: '',
  allergens: [],
  photo: null,
  pictogram: null,
};
const notice: WallNotice = {
  id: 'n1',
  text: 'Bussen er forsinket.',
  pictogram: null,
  kioskIds: null,
  until: '2026-12-01T10:30:00.000Z',
};

describe('the today page', () => {
  it('puts a screen that has been off for hours first, and shows the day', async () => {
    stubPresence([
      {
        id: 'k1',
        enrolled: true,
        codeExpiresAt: null,
        online: true,
        lastSeenAt: '2026-12-01T08:50:00.000Z',
        appVersion: null,
        health: null,
        healthAt: null,
      },
      {
        id: 'k2',
        enrolled: true,
        codeExpiresAt: null,
        online: false,
        lastSeenAt: '2026-12-01T05:00:00.000Z',
        appVersion: null,
        health: null,
        healthAt: null,
      },
    ]);
    await renderStaff(<TodayPage />, {
      seed: {
        kiosk: [kiosk({}), kiosk({ id: 'k2', name: 'Spisestuen' })],
        activity: [activity],
        shift: [shift],
        meal: [meal],
        wallnotice: [notice],
      },
    });
    const attention = await screen.findByRole('region', { name: 'Kræver opmærksomhed' });
    expect(
      await within(attention).findByText(
        /Skærmen "Spisestuen" har været slukket siden i dag kl. 06.00./,
      ),
    ).toBeTruthy();
    expect(screen.getByText('I dag er det tirsdag 1. december.')).toBeTruthy();
    const acts = screen.getByRole('region', { name: 'Dagens aktiviteter' });
    expect(acts.textContent).toContain('14.00 Gåtur');
    expect(acts.textContent).toContain('8 af 8 tilmeldt, 2 på venteliste');
    expect(screen.getByRole('region', { name: 'På arbejde i dag' }).textContent).toContain(
      '08.00–16.00 Mette',
    );
    expect(screen.getByRole('region', { name: 'Dagens mad' }).textContent).toContain(
      'Frokost: Frikadeller',
    );
    expect(screen.getByRole('region', { name: 'Skærmen viser nu' }).textContent).toContain(
      'Besked: "Bussen er forsinket." til 11.30',
    );
    const screens = screen.getByRole('region', { name: 'Skærme' });
    expect(screens.textContent).toContain('Gangen: Tændt sidst set i dag kl. 09.50');
  });

  it("says all is well when nothing is stuck, and names this browser's stuck changes", async () => {
    stubPresence([
      {
        id: 'k1',
        enrolled: true,
        codeExpiresAt: null,
        online: true,
        lastSeenAt: '2026-12-01T08:50:00.000Z',
        appVersion: null,
        health: null,
        healthAt: null,
      },
    ]);
    await renderStaff(<TodayPage />, { seed: { kiosk: [kiosk({})] } });
    expect(
      await screen.findByText(
        'Alt kører. Ingen skærme er slukket, og alle dine ændringer er sendt.',
      ),
    ).toBeTruthy();
  });

  it('names stuck changes', async () => {
    stubPresence([]);
    await renderStaff(<TodayPage />, { status: { pending: 3, stuck: 2 } });
    expect(await screen.findByText(/2 af dine ændringer kan ikke sendes/)).toBeTruthy();
  });

  it('counts a screen as down after two hours off, or never seen, but not a removed one', () => {
    const now = new Date('2026-12-01T09:00:00.000Z');
    const ids = kiosksDown(
      [
        view({ id: 'recent', online: false, lastSeenAt: '2026-12-01T07:30:00.000Z' }),
        view({ id: 'long', online: false, lastSeenAt: '2026-12-01T06:59:00.000Z' }),
        view({ id: 'never', online: false, lastSeenAt: null }),
        view({ id: 'removed', online: false, revoked: true, lastSeenAt: null }),
        view({ id: 'pending', online: false, enrolled: false, lastSeenAt: null }),
        // Not known (no answer from the server): no alarm.
        view({ id: 'unknown', online: null, lastSeenAt: null }),
      ],
      now,
    ).map((k) => k.id);
    expect(ids).toEqual(['long', 'never']);
  });
});
