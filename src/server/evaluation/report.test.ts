import { describe, expect, it } from 'vitest';
import { mondayOf } from '../../domain/rules/days.js';
import { buildReport, hoursCsv, weeksCsv } from './report.js';

const TZ = 'Europe/Copenhagen';

describe('evaluation report', () => {
  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-12-01')).toBe('2026-11-30'); // a Tuesday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // Sunday ends the week
  });

  it('counts by local week and source, and lists quiet weeks with zeros', () => {
    const report = buildReport(
      [
        { hour: '2026-11-30T09', metric: 'signup', source: 'wall', n: 3 },
        { hour: '2026-12-01T10', metric: 'signup', source: 'staff', n: 2 },
        { hour: '2026-12-01T10', metric: 'cancel', source: 'wall', n: 1 },
        { hour: '2026-12-02T11', metric: 'meal', source: 'relative', n: 4 },
        { hour: '2026-12-03T12', metric: 'speech', source: 'wall', n: 5 },
        // Sunday 23:30 UTC is Monday 00:30 in Copenhagen: the next week.
        { hour: '2026-12-06T23', metric: 'booking', source: 'wall', n: 7 },
      ],
      '2026-11-30',
      '2026-12-20',
      TZ,
    );
    expect(report.weeks.map((w) => w.monday)).toEqual(['2026-11-30', '2026-12-07', '2026-12-14']);
    const [first, second, third] = report.weeks;
    expect(first?.counts.signup).toEqual({ wall: 3, staff: 2, relative: 0 });
    expect(first?.counts.cancel.wall).toBe(1);
    expect(first?.counts.meal.relative).toBe(4);
    expect(first?.speech).toBe(5);
    expect(first?.counts.booking.wall).toBe(0);
    expect(second?.counts.booking.wall).toBe(7);
    expect(third?.counts.signup).toEqual({ wall: 0, staff: 0, relative: 0 });
  });

  it('counts kiosk use by local hour: kiosk actions and read-aloud from kiosks, not staff', () => {
    const report = buildReport(
      [
        { hour: '2026-12-01T09', metric: 'kiosk.action', source: 'wall', n: 2 }, // 10.00 local
        { hour: '2026-12-02T09', metric: 'kiosk.action', source: 'wall', n: 1 },
        { hour: '2026-12-01T13', metric: 'speech', source: 'wall', n: 4 }, // 14.00 local
        { hour: '2026-12-01T13', metric: 'speech', source: 'staff', n: 9 },
      ],
      '2026-12-01',
      '2026-12-02',
      TZ,
    );
    expect(report.kioskByHour[10]).toBe(3);
    expect(report.kioskByHour[14]).toBe(4);
    expect(report.kioskByHour.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('leaves out counts outside the period', () => {
    const report = buildReport(
      [{ hour: '2026-11-29T10', metric: 'signup', source: 'wall', n: 1 }],
      '2026-11-30',
      '2026-12-06',
      TZ,
    );
    expect(report.weeks[0]?.counts.signup.wall).toBe(0);
  });

  it('writes CSV with a header and one line per week, and one per hour', () => {
    const report = buildReport(
      [{ hour: '2026-12-01T09', metric: 'signup', source: 'wall', n: 3 }],
      '2026-11-30',
      '2026-12-06',
      TZ,
    );
    const lines = weeksCsv(report).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'week_starting,signup_wall,signup_staff,signup_relative,cancel_wall,cancel_staff,cancel_relative,booking_wall,booking_staff,booking_relative,meal_wall,meal_staff,meal_relative,read_aloud',
    );
    expect(lines[1]).toBe('2026-11-30,3,0,0,0,0,0,0,0,0,0,0,0,0');
    const hours = hoursCsv(report).trimEnd().split('\r\n');
    expect(hours).toHaveLength(25);
    expect(hours[0]).toBe('hour,kiosk_use');
  });
});
