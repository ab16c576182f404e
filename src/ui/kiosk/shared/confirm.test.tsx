// @vitest-environment jsdom
/**
 * A stray second touch during a confirm does not confirm twice (issue 11): the first tap on an
 * answer disables both answers at once and calls it exactly once, whatever the flow behind it
 * does (closing the dialog now, or only after an await).
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../i18n/index.js';
import { useKiosk } from '../state/store.js';
import { activity, cph, resident } from '../test-support/builders.js';
import { renderKiosk, waitFor } from '../test-support/render-kiosk.js';
import { Confirm } from './confirm.js';

afterEach(() => {
  cleanup();
  useKiosk.setState(useKiosk.getInitialState(), true);
});

function renderConfirm(onYes: () => void, onNo: () => void) {
  return render(
    <I18nextProvider i18n={createI18n('da')}>
      <Confirm
        title="Vil du tilmelde dig Bankospil?"
        resident={resident('r-anna', { displayName: 'Anna' })}
        pictogram="bingo"
        yes="Ja, tilmeld mig"
        onYes={onYes}
        onNo={onNo}
      />
    </I18nextProvider>,
  );
}

describe('the confirm step', () => {
  it('answers "Ja" once however many times it is touched', () => {
    const yes = vi.fn();
    const no = vi.fn();
    renderConfirm(yes, no);
    const button = screen.getByRole('button', { name: 'Ja, tilmeld mig' });
    act(() => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    fireEvent.click(button);
    expect(yes).toHaveBeenCalledTimes(1);
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('ignores "Nej" touched after "Ja" (and the other way round)', () => {
    const yes = vi.fn();
    const no = vi.fn();
    renderConfirm(yes, no);
    fireEvent.click(screen.getByRole('button', { name: 'Ja, tilmeld mig' }));
    fireEvent.click(screen.getByRole('button', { name: 'Nej' }));
    expect([yes.mock.calls.length, no.mock.calls.length]).toEqual([1, 0]);
    cleanup();
    const yes2 = vi.fn();
    const no2 = vi.fn();
    renderConfirm(yes2, no2);
    fireEvent.click(screen.getByRole('button', { name: 'Nej' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ja, tilmeld mig' }));
    expect([yes2.mock.calls.length, no2.mock.calls.length]).toEqual([0, 1]);
  });
});

describe('the waiting-list question on a refused sign-up', () => {
  it('sends one sign-up for two quick touches', async () => {
    const k = await renderKiosk({
      screen: 'activities',
      seed: {
        resident: [resident('r-anna', { displayName: 'Anna' })],
        activity: [
          activity('a1', {
            title: 'Bankospil',
            start: cph('2026-11-24', '14:30'),
            end: cph('2026-11-24', '16:00'),
            capacity: 2,
            confirmedCount: 2,
          }),
        ],
      },
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
    const c = await screen.findByRole('article', { name: 'Bankospil' });
    const yes = await within(c).findByRole('button', { name: 'Ja, skriv mig på ventelisten' });
    fireEvent.click(yes);
    fireEvent.click(yes);
    await waitFor(async () => expect(await k.db.rejections.count()).toBe(0));
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.name)).toEqual(['signup.add']),
    );
  });
});
