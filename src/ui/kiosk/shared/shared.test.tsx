// @vitest-environment jsdom
import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useKiosk } from '../state/store.js';
import { activity, dayItem, resident } from '../test-support/builders.js';
import { fakeSpeech, renderKiosk, screen, tapUndo, waitFor } from '../test-support/render-kiosk.js';

describe('read-aloud button', () => {
  it('says "Ingen stemme" when neither the machine nor the server can speak', async () => {
    await renderKiosk({
      speech: fakeSpeech('no-voice'),
      seed: { dayitem: [dayItem('d1', { start: '09:00', title: 'Gåtur' })] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Læs højt: Gåtur' }));
    expect(await screen.findAllByText('Ingen stemme')).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: /Læs højt/ })).toBeNull();
  });
});

describe('refused changes', () => {
  it('are told in plain words with names, until OK', async () => {
    const k = await renderKiosk({
      seed: {
        resident: [resident('r-anna', { displayName: 'Anna Hansen' })],
        activity: [activity('a1', { title: 'Bankospil' })],
      },
    });
    await k.db.rejections.put({
      id: 'm1',
      name: 'signup.add',
      args: { activityId: 'a1', residentId: 'r-anna' },
      code: 'closed',
      reason: 'deadline_passed',
      message: 'deadline passed',
      at: new Date().toISOString(),
    });
    expect(
      await screen.findByText(
        'Anna blev ikke tilmeldt Bankospil. Fristen for tilmelding er overskredet.',
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(screen.queryByText(/blev ikke tilmeldt/)).toBeNull());
    expect(await k.db.rejections.count()).toBe(0);
  });

  it('never name a resident without wall consent', async () => {
    const k = await renderKiosk({
      seed: {
        resident: [resident('r-dennis', { displayName: 'Dennis', wallConsent: false })],
        activity: [activity('a1', { title: 'Bankospil' })],
      },
    });
    await k.db.rejections.put({
      id: 'm1',
      name: 'signup.add',
      args: { activityId: 'a1', residentId: 'r-dennis' },
      code: 'full',
      reason: null,
      message: 'full',
      at: new Date().toISOString(),
    });
    expect(
      await screen.findByText('En beboer blev ikke tilmeldt Bankospil. Aktiviteten er fuld.'),
    ).toBeTruthy();
  });
});

describe('undo', () => {
  it('stays visible with what was done, and runs the undo when tapped', async () => {
    await renderKiosk();
    let undone = 0;
    useKiosk.getState().offerUndo({
      id: 'u1',
      text: 'Anna er tilmeldt Bankospil.',
      pictogram: 'bingo',
      undo: () => undone++,
    });
    expect(await screen.findByText('Anna er tilmeldt Bankospil.')).toBeTruthy();
    await tapUndo();
    expect(undone).toBe(1);
    expect(screen.queryByText('Anna er tilmeldt Bankospil.')).toBeNull();
  });
});
