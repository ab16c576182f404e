// @vitest-environment jsdom
/**
 * The staff page says sign-up is open or closed by the domain's one rule (activityState), the
 * same the kiosk card, Home and the relatives' week use (issue 11): before, it judged by itself
 * and called an activity closed once it had started even where staff had set a deadline later.
 */
import { screen } from '@testing-library/react';
import { Route } from 'wouter';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from '../../../domain/model.js';
import { activity, cph, resident } from '../../kiosk/test-support/builders.js';
import { renderStaff } from '../test-support/render-staff.js';
import { ActivityPage } from './activity-page.js';

beforeEach(() => localStorage.clear());

const walk = (o: Partial<Activity>) =>
  activity('walk', {
    title: 'Gåtur',
    start: cph('2026-12-01', '14:00'),
    end: cph('2026-12-01', '16:00'),
    ...o,
  });

const page = (a: Activity, now: string) =>
  renderStaff(<Route path="/activities/:id" component={ActivityPage} />, {
    path: '/activities/walk',
    seed: { activity: [a], resident: [resident('r-anna', { displayName: 'Anna Hansen' })] },
    now: new Date(now),
  });

const picker = () => screen.queryByRole('combobox', { name: /Tilmeld en beboer/ });

describe('sign-up open or closed on the staff page', () => {
  it('is open while it runs when the deadline is later than the start', async () => {
    await page(walk({ signupDeadline: cph('2026-12-01', '15:00') }), cph('2026-12-01', '14:30'));
    expect(await screen.findByRole('heading', { name: 'Gåtur' })).toBeTruthy();
    expect(picker()).toBeTruthy();
    expect(screen.queryByText(/Tilmeldingen er lukket/)).toBeNull();
  });

  it('closes at the deadline', async () => {
    await page(walk({ signupDeadline: cph('2026-12-01', '12:00') }), cph('2026-12-01', '12:00'));
    expect(await screen.findByText('Tilmeldingen er lukket: fristen er overskredet.')).toBeTruthy();
    expect(picker()).toBeNull();
  });

  it('closes at the start without a deadline', async () => {
    await page(walk({}), cph('2026-12-01', '14:00'));
    expect(await screen.findByText('Tilmeldingen er lukket: aktiviteten er startet.')).toBeTruthy();
  });

  it('says it is over once it has ended', async () => {
    await page(walk({ signupDeadline: cph('2026-12-01', '18:00') }), cph('2026-12-01', '16:00'));
    expect(await screen.findByText('Tilmeldingen er lukket: aktiviteten er slut.')).toBeTruthy();
  });
});
