import { describe, expect, it } from 'vitest';
import type { Resource } from '../model.js';
import { checkBooking, overlaps, slotsForDay, type ExistingBooking } from './booking.js';
import { localTimeOf } from './days.js';

const CPH = 'Europe/Copenhagen';
type Rules = Pick<Resource, 'slotMinutes' | 'opening' | 'maxActivePerResident'>;

// Monday 2026-11-23 is winter time: 08:00 local = 07:00Z.
const washer: Rules = {
  slotMinutes: 60,
  maxActivePerResident: 2,
  opening: [
    { weekday: 1, from: '08:00', to: '12:00' },
    { weekday: 1, from: '13:00', to: '17:00' },
    { weekday: 5, from: '22:00', to: '06:00' }, // Friday night into Saturday
    { weekday: 0, from: '00:00', to: '06:00' }, // Sunday small hours, where DST changes
  ],
};
const now = new Date('2026-11-20T12:00:00.000Z');
const at = (iso: string) => new Date(iso);
const req = (start: string, end: string, residentId = 'anna') => ({
  residentId,
  start: at(start),
  end: at(end),
});
const booking = (
  start: string,
  end: string,
  residentId: string | null = 'bo',
  status: ExistingBooking['status'] = 'active',
): ExistingBooking => ({
  residentId,
  start,
  end,
  status,
});
const local = (slots: { start: Date; end: Date }[]) =>
  slots.map((s) => `${localTimeOf(s.start, CPH)}–${localTimeOf(s.end, CPH)}`);

describe('overlaps', () => {
  it.each([
    ['09:00–10:00', '09:30–10:30', true],
    ['09:00–10:00', '10:00–11:00', false],
    ['10:00–11:00', '09:00–10:00', false],
    ['09:00–12:00', '10:00–11:00', true],
    ['09:00–10:00', '09:00–10:00', true],
  ])('%s and %s overlap: %s', (a, b, expected) => {
    const span = (s: string) => {
      const [from, to] = s.split('–');
      return { start: `2026-11-23T${from}:00.000Z`, end: new Date(`2026-11-23T${to}:00.000Z`) };
    };
    expect(overlaps(span(a), span(b))).toBe(expected);
  });
});

describe('slotsForDay', () => {
  it('offers consecutive slots inside each opening interval', () => {
    expect(local(slotsForDay(washer, '2026-11-23', CPH))).toEqual([
      '08:00–09:00',
      '09:00–10:00',
      '10:00–11:00',
      '11:00–12:00',
      '13:00–14:00',
      '14:00–15:00',
      '15:00–16:00',
      '16:00–17:00',
    ]);
  });

  it('offers nothing on a closed day', () => {
    expect(slotsForDay(washer, '2026-11-24', CPH)).toEqual([]);
  });

  it('leaves out a remainder shorter than a slot', () => {
    expect(local(slotsForDay({ ...washer, slotMinutes: 90 }, '2026-11-23', CPH))).toEqual([
      '08:00–09:30',
      '09:30–11:00',
      '13:00–14:30',
      '14:30–16:00',
    ]);
  });

  it('runs an overnight opening past midnight', () => {
    const slots = slotsForDay(washer, '2026-11-27', CPH);
    expect(slots).toHaveLength(8);
    expect(slots[7]?.end.toISOString()).toBe('2026-11-28T05:00:00.000Z');
  });

  it.each([
    ['an ordinary Sunday', '2026-11-22', ['00:00', '01:00', '02:00', '03:00', '04:00', '05:00']],
    [
      'the spring-forward Sunday has an hour less',
      '2026-03-29',
      ['00:00', '01:00', '03:00', '04:00', '05:00'],
    ],
    [
      'the fall-back Sunday has an hour more',
      '2026-10-25',
      ['00:00', '01:00', '02:00', '02:00', '03:00', '04:00', '05:00'],
    ],
  ])('%s', (_name, date, starts) => {
    const slots = slotsForDay(washer, date, CPH);
    expect(slots.map((s) => localTimeOf(s.start, CPH))).toEqual(starts);
    for (const s of slots) expect(s.end.getTime() - s.start.getTime()).toBe(3_600_000);
  });
});

describe('checkBooking', () => {
  it('accepts a free slot in the opening hours', () => {
    expect(
      checkBooking(
        washer,
        req('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z'),
        [],
        now,
        CPH,
      ),
    ).toEqual({ ok: true });
  });

  it('accepts two whole slots and an overnight slot', () => {
    expect(
      checkBooking(
        washer,
        req('2026-11-23T12:00:00.000Z', '2026-11-23T14:00:00.000Z'),
        [],
        now,
        CPH,
      ),
    ).toEqual({ ok: true });
    expect(
      checkBooking(
        washer,
        req('2026-11-28T01:00:00.000Z', '2026-11-28T02:00:00.000Z'),
        [],
        now,
        CPH,
      ),
    ).toEqual({ ok: true });
  });

  it('allows a booking that touches another', () => {
    const existing = [
      booking('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z'),
      booking('2026-11-23T09:00:00.000Z', '2026-11-23T10:00:00.000Z'),
    ];
    expect(
      checkBooking(
        washer,
        req('2026-11-23T08:00:00.000Z', '2026-11-23T09:00:00.000Z'),
        existing,
        now,
        CPH,
      ),
    ).toEqual({ ok: true });
  });

  it('ignores cancelled bookings', () => {
    const existing = [
      booking('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z', 'bo', 'cancelled'),
    ];
    expect(
      checkBooking(
        washer,
        req('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z'),
        existing,
        now,
        CPH,
      ),
    ).toEqual({ ok: true });
  });

  it('books a slot after the clocks jump on the spring-forward day', () => {
    // 03:00 CEST on 2026-03-29 is 01:00Z, straight after 01:00–02:00 CET (00:00Z–01:00Z).
    const before = new Date('2026-03-20T12:00:00.000Z');
    expect(
      checkBooking(
        washer,
        req('2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'),
        [],
        before,
        CPH,
      ),
    ).toEqual({ ok: true });
    expect(
      checkBooking(
        washer,
        req('2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z'),
        [],
        before,
        CPH,
      ),
    ).toEqual({ ok: true });
  });

  it.each([
    [
      'ends before it starts',
      req('2026-11-23T08:00:00.000Z', '2026-11-23T07:00:00.000Z'),
      [],
      'conflict',
      'slot_length',
    ],
    [
      'starts in the past',
      req('2026-11-20T07:00:00.000Z', '2026-11-20T08:00:00.000Z'),
      [],
      'closed',
      'in_the_past',
    ],
    [
      'is on a closed day',
      req('2026-11-24T07:00:00.000Z', '2026-11-24T08:00:00.000Z'),
      [],
      'closed',
      'outside_opening_hours',
    ],
    [
      'runs past closing time',
      req('2026-11-23T15:00:00.000Z', '2026-11-23T17:00:00.000Z'),
      [],
      'closed',
      'outside_opening_hours',
    ],
    [
      'spans the lunch break',
      req('2026-11-23T10:00:00.000Z', '2026-11-23T13:00:00.000Z'),
      [],
      'closed',
      'outside_opening_hours',
    ],
    [
      'is not a whole slot',
      req('2026-11-23T07:00:00.000Z', '2026-11-23T07:30:00.000Z'),
      [],
      'conflict',
      'slot_length',
    ],
    [
      'is off the slot grid',
      req('2026-11-23T07:30:00.000Z', '2026-11-23T08:30:00.000Z'),
      [],
      'conflict',
      'slot_length',
    ],
    [
      'overlaps an active booking',
      req('2026-11-23T07:00:00.000Z', '2026-11-23T09:00:00.000Z'),
      [booking('2026-11-23T08:00:00.000Z', '2026-11-23T09:00:00.000Z')],
      'conflict',
      'overlap',
    ],
    [
      'overlaps a booking by someone unnamed',
      req('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z'),
      [booking('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z', null)],
      'conflict',
      'overlap',
    ],
    [
      'would be more than the resident may hold',
      req('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z'),
      [
        booking('2026-11-23T12:00:00.000Z', '2026-11-23T13:00:00.000Z', 'anna'),
        booking('2026-11-30T12:00:00.000Z', '2026-11-30T13:00:00.000Z', 'anna'),
      ],
      'conflict',
      'max_active_bookings',
    ],
  ] as const)('refuses a booking that %s', (_name, request, existing, code, reason) => {
    expect(checkBooking(washer, request, existing, now, CPH)).toMatchObject({
      ok: false,
      code,
      reason,
    });
  });

  it('books the rest of a slot under way (a slot given back unused is free at once)', () => {
    // Monday 08.00–09.00 local is 07:00–08:00Z; it is 07:20Z now.
    const during = new Date('2026-11-23T07:20:00.000Z');
    const slot = req('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z');
    expect(checkBooking(washer, slot, [], during, CPH)).toEqual({ ok: true });
    const released = booking(
      '2026-11-23T07:00:00.000Z',
      '2026-11-23T08:00:00.000Z',
      'bo',
      'cancelled',
    );
    expect(checkBooking(washer, slot, [released], during, CPH)).toEqual({ ok: true });
    // At its end it is over.
    expect(checkBooking(washer, slot, [], new Date('2026-11-23T08:00:00.000Z'), CPH)).toMatchObject(
      { ok: false, code: 'closed', reason: 'in_the_past' },
    );
  });

  it('enforces at most N active bookings per resident for N = 1 and 2', () => {
    const one = { ...washer, maxActivePerResident: 1 };
    const held = [booking('2026-11-23T12:00:00.000Z', '2026-11-23T13:00:00.000Z', 'anna')];
    const next = req('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z');
    expect(checkBooking(one, next, held, now, CPH)).toMatchObject({
      reason: 'max_active_bookings',
    });
    expect(checkBooking(washer, next, held, now, CPH)).toEqual({ ok: true });
    // Once the held booking is under way it still counts; once it has ended it no longer does.
    const during = new Date('2026-11-23T12:30:00.000Z');
    const later = req('2026-11-23T14:00:00.000Z', '2026-11-23T15:00:00.000Z');
    expect(checkBooking(one, later, held, during, CPH)).toMatchObject({
      reason: 'max_active_bookings',
    });
    expect(checkBooking(one, later, held, new Date('2026-11-23T13:00:00.000Z'), CPH)).toEqual({
      ok: true,
    });
  });

  it('does not count ended, cancelled or other residents’ bookings towards the limit', () => {
    const existing = [
      booking('2026-11-16T07:00:00.000Z', '2026-11-16T08:00:00.000Z', 'anna'), // ended
      booking('2026-11-23T12:00:00.000Z', '2026-11-23T13:00:00.000Z', 'anna', 'cancelled'),
      booking('2026-11-23T13:00:00.000Z', '2026-11-23T14:00:00.000Z', 'bo'),
      booking('2026-11-23T14:00:00.000Z', '2026-11-23T15:00:00.000Z', 'anna'), // the one that counts
    ];
    expect(
      checkBooking(
        washer,
        req('2026-11-23T07:00:00.000Z', '2026-11-23T08:00:00.000Z'),
        existing,
        now,
        CPH,
      ),
    ).toEqual({ ok: true });
  });
});
