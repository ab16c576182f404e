// @vitest-environment jsdom
/**
 * Undo belongs to the screen and the person who acted (issue 11): it goes when they leave that
 * screen, go Home, or the idle timeout passes, so the next person is not invited to undo
 * someone else's sign-up.
 */
import { act, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useKiosk } from '../state/store.js';
import { activity, cph, resident } from '../test-support/builders.js';
import { renderKiosk, screen, tapUndo, waitFor } from '../test-support/render-kiosk.js';

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

describe('a stray second touch after "Ja"', () => {
  it('does not undo: "Fortryd" (where "Ja" was, in portrait) answers only after a moment', async () => {
    const k = await renderKiosk({
      screen: 'activities',
      seed: {
        resident: [resident('r-anna', { displayName: 'Anna' })],
        activity: [
          activity('a1', {
            title: 'Bankospil',
            start: cph('2026-11-24', '14:30'),
            end: cph('2026-11-24', '16:00'),
          }),
        ],
      },
    });
    const card = await screen.findByRole('article', { name: 'Bankospil' });
    fireEvent.click(within(card).getByRole('button', { name: 'Tilmeld' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: /^Anna/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Ja, tilmeld mig' }));
    // The second touch lands on what appeared under the finger.
    fireEvent.click(await screen.findByRole('button', { name: 'Fortryd' }));
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['signup.add']),
    );
    // A deliberate tap a moment later still undoes.
    await tapUndo();
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['signup.add', 'signup.cancel']),
    );
  });
});
