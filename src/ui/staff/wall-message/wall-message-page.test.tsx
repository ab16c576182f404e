// @vitest-environment jsdom
/**
 * Besked til skærmen as staff meet it: write it, choose the screens and the end time, and it is
 * sent as wallnotice.put with the end in the centre's time; the rules are checked before sending;
 * the messages showing now can be removed at once.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Kiosk, WallNotice } from '../../../domain/model.js';
import { renderStaff } from '../test-support/render-staff.js';
import { WallMessagePage } from './wall-message-page.js';

const kiosk: Kiosk = {
  id: 'k1',
  name: 'Gangen',
  location: '',
  groupIds: [],
  createdAt: '2026-11-20T08:00:00.000Z',
  revoked: false,
};
const showing: WallNotice = {
  id: 'n1',
  text: 'Frokosten er kl. 12.30 i dag.',
  pictogram: null,
  kioskIds: ['k1'],
  until: '2026-12-01T11:00:00.000Z',
};

describe('the message to the screens', () => {
  it('sends the message to all screens until an hour from now by default', async () => {
    const t = await renderStaff(<WallMessagePage />, { path: '/wall-message' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Besked'), 'Bussen er forsinket. Vi kører kl. 10.30.');
    expect(screen.getAllByText('Bussen er forsinket. Vi kører kl. 10.30.').length).toBeGreaterThan(
      0,
    ); // the preview
    await user.click(screen.getByRole('button', { name: 'Vis beskeden nu' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]?.name).toBe('wallnotice.put');
    // 10.00 in Copenhagen now: an hour on, on the quarter, is 11.00, i.e. 10.00Z.
    expect(t.sent[0]?.args).toMatchObject({
      text: 'Bussen er forsinket. Vi kører kl. 10.30.',
      kioskIds: null,
      until: '2026-12-01T10:00:00.000Z',
    });
  });

  it('asks for at least one screen when "chosen screens" is picked, and sends only those', async () => {
    const t = await renderStaff(<WallMessagePage />, {
      path: '/wall-message',
      seed: { kiosk: [kiosk] },
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Besked'), 'Hej');
    await user.click(screen.getByRole('radio', { name: 'Udvalgte skærme' }));
    await user.click(screen.getByRole('button', { name: 'Vis beskeden nu' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Vælg mindst én skærm.')).toBeTruthy();
    expect(t.sent).toHaveLength(0);
    await user.click(screen.getByRole('checkbox', { name: 'Gangen' }));
    await user.click(screen.getByRole('button', { name: 'Vis beskeden nu' }));
    await waitFor(() => expect(t.sent[0]?.args).toMatchObject({ kioskIds: ['k1'] }));
  });

  it("ends by default at the centre's date, where the centre's day is ahead of Copenhagen's", async () => {
    // 20.00Z on 1 December is 10.00 on 2 December at UTC+14 (Etc/GMT-14). The form's default end
    // must be read from the centre's zone, not from the zone assumed before the cache answered:
    // a default of 1 December there is in the past, and "Tidspunktet skal ligge efter nu" is all
    // the staff member gets.
    const t = await renderStaff(<WallMessagePage />, {
      path: '/wall-message',
      now: new Date('2026-12-01T20:00:00.000Z'),
      seed: { centre: [{ id: 'centre', name: 'Solsikken', timeZone: 'Etc/GMT-14' }] },
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Besked'), 'Hej');
    await user.click(screen.getByRole('button', { name: 'Vis beskeden nu' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    // An hour on, on the quarter: 11.00 on 2 December there, 21.00Z.
    expect(t.sent[0]?.args).toMatchObject({ until: '2026-12-01T21:00:00.000Z' });
  });

  it('refuses an empty message before sending', async () => {
    const t = await renderStaff(<WallMessagePage />, { path: '/wall-message' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Vis beskeden nu' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(t.sent).toHaveLength(0);
  });

  it('lists the messages showing now, where and until when, and removes one at once', async () => {
    const t = await renderStaff(<WallMessagePage />, {
      path: '/wall-message',
      seed: { kiosk: [kiosk], wallnotice: [showing] },
    });
    expect(await screen.findByText('Frokosten er kl. 12.30 i dag.')).toBeTruthy();
    expect(screen.getByText('Vises til i dag kl. 12.00')).toBeTruthy();
    expect(screen.getByText('På: Gangen')).toBeTruthy();
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Fjern nu: "Frokosten er kl. 12.30 i dag."' }));
    await waitFor(() =>
      expect(t.sent).toContainEqual({ name: 'wallnotice.del', args: { id: 'n1' } }),
    );
    await waitFor(() => expect(screen.queryByText('Frokosten er kl. 12.30 i dag.')).toBeNull());
  });
});
