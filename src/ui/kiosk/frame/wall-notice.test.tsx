// @vitest-environment jsdom
/**
 * A message to the wall: shown large over the screen with its pictogram and read-aloud on the
 * kiosks it is for, gone by itself at its end time (no reload), put aside by "Luk" for a while.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { WallNotice } from '../../../domain/model.js';
import { act, renderKiosk, screen, waitFor } from '../test-support/render-kiosk.js';
import { currentNotice } from './wall-notice.js';

const notice = (over: Partial<WallNotice> = {}): WallNotice => ({
  id: 'n1',
  text: 'Bussen er forsinket. Vi kører kl. 10.30.',
  pictogram: 'bus',
  kioskIds: null,
  until: '2026-11-24T09:30:00.000Z',
  ...over,
});

beforeEach(() => localStorage.clear());

describe('the message to the wall', () => {
  it('is shown large with its read-aloud button, and gone at its end time without a reload', async () => {
    let now = new Date('2026-11-24T09:00:00.000Z');
    const k = await renderKiosk({ seed: { wallnotice: [notice()] }, clock: { now: () => now } });
    const region = await screen.findByRole('region', { name: 'Besked fra personalet' });
    expect(region.textContent).toContain('Bussen er forsinket. Vi kører kl. 10.30.');
    expect(screen.getByRole('button', { name: 'Læs højt' })).toBeTruthy();
    screen.getByRole('button', { name: 'Læs højt' }).click();
    await waitFor(() =>
      expect(k.speech.played).toEqual(['Bussen er forsinket. Vi kører kl. 10.30.']),
    );
    now = new Date('2026-11-24T09:30:00.000Z');
    await waitFor(
      () => expect(screen.queryByRole('region', { name: 'Besked fra personalet' })).toBeNull(),
      { timeout: 3000 },
    );
  });

  it('arrives live when staff send it, and leaves when they take it back', async () => {
    const k = await renderKiosk({ now: '2026-11-24T09:00:00.000Z' });
    expect(screen.queryByRole('region', { name: 'Besked fra personalet' })).toBeNull();
    await act(async () => {
      await k.db.wallnotice.put(notice());
    });
    expect(await screen.findByText('Bussen er forsinket. Vi kører kl. 10.30.')).toBeTruthy();
    await act(async () => {
      await k.db.wallnotice.delete('n1');
    });
    await waitFor(() =>
      expect(screen.queryByText('Bussen er forsinket. Vi kører kl. 10.30.')).toBeNull(),
    );
  });

  it('"Luk" puts it aside', async () => {
    await renderKiosk({ now: '2026-11-24T09:00:00.000Z', seed: { wallnotice: [notice()] } });
    (await screen.findByRole('button', { name: 'Luk' })).click();
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Besked fra personalet' })).toBeNull(),
    );
  });

  it('shows only notices for all kiosks or for this one, not ended', () => {
    const now = new Date('2026-11-24T09:00:00.000Z');
    const none = new Map<string, number>();
    const here = notice({ id: 'here', kioskIds: ['k-here'] });
    const there = notice({ id: 'there', kioskIds: ['k-there'] });
    const ended = notice({ id: 'ended', until: '2026-11-24T08:59:59.000Z' });
    expect(currentNotice([there, ended], 'k-here', now, none)).toBeNull();
    expect(currentNotice([there, here], 'k-here', now, none)?.id).toBe('here');
    // A kiosk that does not know its id yet shows only notices for all.
    expect(currentNotice([here], null, now, none)).toBeNull();
    expect(currentNotice([here], 'k-here', now, new Map([['here', now.getTime() + 1]]))).toBeNull();
    const later = notice({ id: 'later', until: '2026-11-24T11:00:00.000Z' });
    expect(currentNotice([later, notice()], 'k', now, none)?.id).toBe('later');
  });

  it('speaks English on an English kiosk', async () => {
    await renderKiosk({
      now: '2026-11-24T09:00:00.000Z',
      seed: { wallnotice: [notice({ text: 'The bus is late.' })] },
      settings: { lang: 'en' },
    });
    expect(await screen.findByRole('region', { name: 'Message from the staff' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy();
  });
});
