// @vitest-environment jsdom
import { act, fireEvent } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useKiosk } from '../state/store.js';
import { cph, resident } from '../test-support/builders.js';
import { renderKiosk, screen } from '../test-support/render-kiosk.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Lets `seconds` pass on the idle timer's clock (interval ticks and Date.now). */
async function pass(seconds: number): Promise<void> {
  await act(async () => {
    vi.advanceTimersByTime(seconds * 1000);
    await Promise.resolve();
  });
}

const residents = [resident('r-bent', { displayName: 'Bent', hasPin: true })];

describe('the idle timer', () => {
  it('returns Home after the idle time when nothing is half done', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    await renderKiosk({ screen: 'news', settings: { idleSeconds: 30 } });
    await pass(29);
    expect(useKiosk.getState().screen).toBe('news');
    await pass(2);
    expect(useKiosk.getState().screen).toBe('home');
  });

  it('closes a resident’s own day, so the next person does not see it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    await renderKiosk({ screen: 'my-day', residentId: 'r-bent', settings: { idleSeconds: 30 } });
    await pass(31);
    expect(useKiosk.getState()).toMatchObject({ screen: 'home', residentId: null });
  });

  it('asks "Er du færdig?" before closing something half done, and "Nej, jeg er her" keeps it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    await renderKiosk({
      screen: 'my-day',
      seed: { resident: residents },
      settings: { idleSeconds: 30 },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bent' }));
    fireEvent.click(screen.getByRole('button', { name: '1' }));
    await pass(31);
    expect(screen.getByRole('dialog', { name: 'Er du færdig?' })).toBeTruthy();
    expect(useKiosk.getState().screen).toBe('my-day');
    fireEvent.click(screen.getByRole('button', { name: 'Nej, jeg er her' }));
    expect(screen.queryByRole('dialog', { name: 'Er du færdig?' })).toBeNull();
    // The PIN typed so far is still there.
    expect(screen.getByRole('status', { name: 'Kode, 1 tal skrevet' })).toBeTruthy();
  });

  it('goes Home when nobody answers the question', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    await renderKiosk({
      screen: 'my-day',
      seed: { resident: residents },
      settings: { idleSeconds: 30 },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bent' }));
    await pass(31);
    expect(screen.getByRole('dialog', { name: 'Er du færdig?' })).toBeTruthy();
    await pass(31);
    expect(useKiosk.getState().screen).toBe('home');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the night screen', () => {
  const night = { from: '22:00', to: '06:30' };

  it('shows a dim clock and "Det er nat" at night, and a touch wakes it to Home', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    await renderKiosk({ now: cph('2026-11-24', '23:15'), settings: { night, idleSeconds: 30 } });
    expect(screen.getByText('Det er nat')).toBeTruthy();
    expect(screen.getByText('23.15')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Hjem' })).toBeNull();
    fireEvent.pointerDown(screen.getByRole('button', { name: /Rør skærmen for at vække den/ }));
    expect(screen.getByRole('button', { name: 'Hjem' })).toBeTruthy();
    expect(useKiosk.getState().screen).toBe('home');
    await pass(31);
    expect(screen.getByText('Det er nat')).toBeTruthy();
  });

  it('is not shown in the day, nor when the kiosk has no night hours', async () => {
    await renderKiosk({ now: cph('2026-11-24', '10:00'), settings: { night } });
    expect(screen.queryByText('Det er nat')).toBeNull();
    await renderKiosk({ now: cph('2026-11-24', '23:15'), settings: { night: null } });
    expect(screen.queryByText('Det er nat')).toBeNull();
  });
});
