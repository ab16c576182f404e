import { describe, expect, it } from 'vitest';
import { activity, cph } from '../../kiosk/test-support/builders.js';
import { blankValues, seriesChanges, toActivityArgs, valuesOf } from './form-model.js';

const TZ = 'Europe/Copenhagen';

describe('the activity form model', () => {
  it('reads a stored series back into the controls and writes the same activity', () => {
    const a = activity('sang', {
      start: cph('2026-12-01', '14:00'),
      end: cph('2026-12-01', '16:00'),
      signupDeadline: cph('2026-12-01', '13:00'),
      recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270223T235959' },
    });
    const v = valuesOf(a, null, TZ);
    expect(v).toMatchObject({
      date: '2026-12-01',
      startTime: '14:00',
      endTime: '16:00',
      deadline: '60',
      repeat: 'WEEKLY',
      interval: 2,
      weekdays: [2],
      ends: 'until',
      until: '2027-02-23',
    });
    const { confirmedCount: _c, waitlistCount: _w, seriesId: _s, ...input } = a;
    expect(toActivityArgs(v, 'sang', TZ)).toEqual(input);
  });

  it('an end at or before the start is the next day', () => {
    const v = {
      ...blankValues('2026-03-28'),
      title: 'Nattevagt',
      startTime: '22:00',
      endTime: '06:00',
    };
    // Across the spring change: 22:00 CET to 06:00 CEST.
    expect(toActivityArgs(v, 'n', TZ)).toMatchObject({
      start: '2026-03-28T21:00:00.000Z',
      end: '2026-03-29T04:00:00.000Z',
    });
  });

  it('a series edit carries only what changed', () => {
    const before = {
      ...blankValues('2026-12-01'),
      title: 'Sang',
      repeat: 'WEEKLY' as const,
      weekdays: [2],
      until: '2027-01-26',
    };
    expect(seriesChanges(before, before)).toEqual({});
    expect(
      seriesChanges(before, { ...before, title: 'Sangkor', startTime: '15:00', deadline: '120' }),
    ).toEqual({
      title: 'Sangkor',
      startTime: '15:00',
      deadlineMinutesBefore: 120,
    });
    expect(seriesChanges(before, { ...before, interval: 2 })).toEqual({
      recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270126T235959' },
    });
    expect(seriesChanges(before, { ...before, audienceKind: 'groups', groupIds: ['g1'] })).toEqual({
      audience: { kind: 'groups', groupIds: ['g1'] },
    });
  });

  it('the first Monday of the month, and the fifth Tuesday said as the last', () => {
    const monthly = (date: string) =>
      toActivityArgs(
        {
          ...blankValues(date),
          title: 'x',
          repeat: 'MONTHLY',
          monthlyBy: 'nth',
          ends: 'count',
          count: 3,
        },
        'x',
        TZ,
      ).recurrence;
    expect(monthly('2026-12-07')).toEqual({ rrule: 'FREQ=MONTHLY;BYDAY=1MO;COUNT=3' });
    expect(monthly('2026-12-29')).toEqual({ rrule: 'FREQ=MONTHLY;BYDAY=-1TU;COUNT=3' });
  });
});
