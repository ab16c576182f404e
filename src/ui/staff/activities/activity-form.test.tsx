// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderStaff } from '../test-support/render-staff.js';
import { NewActivityPage } from './activity-edit-page.js';

// Drafts are kept in localStorage: each test starts without one.
beforeEach(() => localStorage.clear());

const words = () => document.querySelector('.acts-rule-words')?.textContent ?? '';

describe('the new activity form', () => {
  it('says the rule in words as it is drawn', async () => {
    const user = userEvent.setup();
    await renderStaff(<NewActivityPage />, { path: '/activities/new?dato=2026-12-01' });
    await user.type(await screen.findByRole('textbox', { name: /Titel/ }), 'Sangkor');
    await waitFor(() => expect(words()).toContain('tirsdag 1. december kl. 14.00 til 15.00'));
    await user.type(screen.getByRole('textbox', { name: /Antal pladser/ }), '2');
    await user.click(screen.getByRole('button', { name: /Hvor ofte/ }));
    await user.click(await screen.findByRole('option', { name: 'Ugentligt' }));
    await waitFor(() =>
      expect(words()).toBe(
        'Det betyder: hver tirsdag kl. 14.00 til 15.00, fra 1. december 2026 til og med 23. februar 2027',
      ),
    );
    await user.click(screen.getByRole('radio', { name: 'Efter et antal gange' }));
    await user.type(screen.getByRole('textbox', { name: 'Antal gange' }), '4');
    await user.tab();
    await waitFor(() =>
      expect(words()).toBe(
        'Det betyder: hver tirsdag kl. 14.00 til 15.00, fra 1. december, 4 gange',
      ),
    );
  });
});

describe('saving', () => {
  it('creates the activity with instants in the centre zone and the rule as an RRULE', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<NewActivityPage />, { path: '/activities/new?dato=2026-12-01' });
    await user.type(await screen.findByRole('textbox', { name: /Titel/ }), 'Sangkor');
    await user.type(screen.getByRole('textbox', { name: /Sted/ }), 'Musikstuen');
    await user.type(screen.getByRole('textbox', { name: /Antal pladser/ }), '2');
    await user.click(screen.getByRole('button', { name: /Hvor ofte/ }));
    await user.click(await screen.findByRole('option', { name: 'Ugentligt' }));
    await user.click(screen.getByRole('button', { name: 'Opret aktivitet' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toMatchObject({
      name: 'activity.put',
      args: {
        title: 'Sangkor',
        place: 'Musikstuen',
        start: '2026-12-01T13:00:00.000Z',
        end: '2026-12-01T14:00:00.000Z',
        capacity: 2,
        waitlist: true,
        signupDeadline: null,
        audience: { kind: 'all' },
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270223T235959' },
      },
    });
    await waitFor(() => expect(t.path()).toMatch(/^\/activities\/[0-9a-f-]{36}$/));
  });

  it('refuses an empty title with the error beside the field and in the summary, sending nothing', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<NewActivityPage />, { path: '/activities/new?dato=2026-12-01' });
    await user.click(await screen.findByRole('button', { name: 'Opret aktivitet' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toMatch(/Titel|tegn/);
    expect(screen.getByRole('textbox', { name: /Titel/ }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(t.sent).toEqual([]);
  });

  it('refuses groups with none chosen, and a capacity over the limit', async () => {
    const user = userEvent.setup();
    const t = await renderStaff(<NewActivityPage />, {
      path: '/activities/new?dato=2026-12-01',
      seed: { group: [{ id: 'g1', name: 'Huset' }] },
    });
    await user.type(await screen.findByRole('textbox', { name: /Titel/ }), 'Tur');
    await user.type(screen.getByRole('textbox', { name: /Antal pladser/ }), '20000');
    await user.click(screen.getByRole('radio', { name: 'Udvalgte grupper' }));
    await user.click(screen.getByRole('button', { name: 'Opret aktivitet' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Vælg mindst én gruppe.');
    expect(t.sent).toEqual([]);
  });
});
