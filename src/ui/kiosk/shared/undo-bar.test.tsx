// @vitest-environment jsdom
/**
 * Undo belongs to the screen and the person who acted (issue 11): it goes when they leave that
 * screen, go Home, or the idle timeout passes, so the next person is not invited to undo
 * someone else's sign-up.
 */
import { act, fireEvent } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useKiosk } from '../state/store.js';
import { renderKiosk, screen } from '../test-support/render-kiosk.js';

afterEach(() => {
  vi.useRealTimers();
});

const offer = () =>
  act(() =>
    useKiosk.getState().offerUndo({
      id: 'u1',
      text: 'Anna er tilmeldt Bankospil.',
      pictogram: 'bingo',
      undo: () => undefined,
    }),
  );
const bar = () => screen.queryByText('Anna er tilmeldt Bankospil.');

describe('the undo bar', () => {
  it('stays while the resident stays on the screen', async () => {
    await renderKiosk({ screen: 'activities' });
    offer();
    expect(await screen.findByText('Anna er tilmeldt Bankospil.')).toBeTruthy();
    // A tap on the same screen (another day, say) keeps it.
    act(() => useKiosk.getState().go('activities'));
    expect(bar()).toBeTruthy();
  });

  it('goes when the resident leaves for another screen', async () => {
    await renderKiosk({ screen: 'activities' });
    offer();
    expect(await screen.findByText('Anna er tilmeldt Bankospil.')).toBeTruthy();
    act(() => useKiosk.getState().go('meals'));
    expect(bar()).toBeNull();
    // And it does not come back with the screen.
    act(() => useKiosk.getState().go('activities'));
    expect(bar()).toBeNull();
  });

  it('goes with the Home button', async () => {
    await renderKiosk({ screen: 'activities' });
    offer();
    expect(await screen.findByText('Anna er tilmeldt Bankospil.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Hjem' }));
    expect(bar()).toBeNull();
  });

  it('goes when the idle timeout passes, also when the screen kept its clock', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    // The kiosk clock stands still here: only the idle timer can take the bar away.
    await renderKiosk({ screen: 'activities', settings: { idleSeconds: 30 } });
    offer();
    expect(bar()).toBeTruthy();
    await act(async () => {
      vi.advanceTimersByTime(31_000);
      await Promise.resolve();
    });
    expect(bar()).toBeNull();
  });

  it('goes when the idle timeout passes on Home', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    await renderKiosk({ screen: 'home', settings: { idleSeconds: 30 } });
    offer();
    expect(bar()).toBeTruthy();
    await act(async () => {
      vi.advanceTimersByTime(31_000);
      await Promise.resolve();
    });
    expect(bar()).toBeNull();
  });
});
