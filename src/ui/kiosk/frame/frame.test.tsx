// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderKiosk, screen } from '../test-support/render-kiosk.js';

describe('the kiosk frame', () => {
  it('shows the centre clock, the date in words and the part of the day', async () => {
    await renderKiosk({ now: '2026-11-24T13:32:00.000Z' });
    expect(screen.getByText('14.32')).toBeTruthy();
    expect(screen.getByText('Tirsdag den 24. november')).toBeTruthy();
    expect(screen.getByText('Eftermiddag')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hjem' })).toBeTruthy();
  });

  it('says calmly how old the screen is when offline, and how many changes wait', async () => {
    await renderKiosk({
      now: '2026-11-24T15:00:00.000Z',
      status: { state: 'offline', lastSyncedAt: new Date('2026-11-24T13:32:00.000Z'), pending: 2 },
    });
    expect(
      screen.getByText(
        'Skærmen er ikke opdateret siden kl. 14.32. 2 ændringer venter på at blive sendt.',
      ),
    ).toBeTruthy();
  });

  it('asks the resident to tell the staff when a change has been stuck for long, even online', async () => {
    await renderKiosk({
      now: '2026-11-24T15:00:00.000Z',
      status: { state: 'online', pending: 2, stuck: 1 },
    });
    expect(screen.getByText('1 ændring er ikke sendt endnu. Sig det til personalet.')).toBeTruthy();
  });

  it('speaks English when the kiosk is set to English', async () => {
    await renderKiosk({ now: '2026-11-24T13:32:00.000Z', settings: { lang: 'en' } });
    expect(screen.getByText('Tuesday 24 November')).toBeTruthy();
    expect(screen.getByText('14:32')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Home' })).toBeTruthy();
  });
});
